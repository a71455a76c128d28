"""Ledgers stay inside their agency: importing into B never touches A, and only A's
handlers may import into A."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command

from gongkai.core.errors import NotAllowed
from gongkai.core.models import AuditEvent
from gongkai.core.rules.identifiers import resident_id_check_char
from gongkai.foi.ledger import export_ledger, import_ledger
from gongkai.foi.models import Applicant, Application, ApplicationEvent

HEADERS = ["申请编号", "申请人类型", "申请人", "证件号码", "收到日期", "答复日期", "办理结果"]


@pytest.fixture(autouse=True)
def _today(freeze_today):
    freeze_today(dt.date(2026, 3, 31))


def resident_id(n: int) -> str:
    first17 = f"62070219800101{n:03d}"
    return first17 + resident_id_check_char(first17)


def ledger(rows) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerows([r.get(h, "") for h in HEADERS] for r in rows)
    return out.getvalue().encode()


def snapshot(agency):
    """Everything an import could change in an agency."""
    return (
        list(Applicant.objects.filter(agency=agency).order_by("pk").values_list("pk", "kind", "name", "id_type", "id_number")),
        list(Application.objects.filter(agency=agency).order_by("pk").values_list("pk", "number", "applicant_id", "content", "state", "events_folded")),
        list(ApplicationEvent.objects.filter(application__agency=agency).order_by("pk").values_list("pk", "seq", "data")),
    )


ROWS = [
    {"申请编号": "2025-0001", "申请人类型": "自然人", "申请人": "张三", "证件号码": resident_id(1), "收到日期": "2025-03-03"},
    {"申请编号": "2025-0002", "申请人类型": "自然人", "申请人": "李四", "证件号码": resident_id(2), "收到日期": "2025-03-04", "答复日期": "2025-03-20", "办理结果": "予以公开"},
]


def test_importing_with_agency_b_never_touches_a(world, tmp_path):
    import_ledger(world.clerk_a, world.agency_a, io.BytesIO(ledger(ROWS)), filename="a.csv")
    before = snapshot(world.agency_a)

    # The same numbers and the same people, with different facts, into B from the command line.
    changed = [r | {"申请人": r["申请人"] + "（B）", "答复日期": "2025-03-25", "办理结果": "部分公开"} for r in ROWS]
    path = tmp_path / "b.csv"
    path.write_bytes(ledger(changed))
    call_command("import_ledger", "--agency", world.agency_b.credit_code, str(path), stdout=io.StringIO())

    assert snapshot(world.agency_a) == before
    b_apps = Application.objects.filter(agency=world.agency_b).select_related("applicant")
    assert {a.number for a in b_apps} == {r["申请编号"] for r in ROWS}
    assert all(a.applicant.agency_id == world.agency_b.pk for a in b_apps)
    assert not set(b_apps.values_list("applicant_id", flat=True)) & {p[0] for p in before[0]}
    assert AuditEvent.objects.filter(action="foi.ledger_imported", agency_id=world.agency_b.pk).count() == 1


def test_each_agency_exports_only_its_own_applications(world):
    import_ledger(None, world.agency_a, io.BytesIO(ledger(ROWS[:1])), filename="a.csv")
    import_ledger(None, world.agency_b, io.BytesIO(ledger(ROWS[1:])), filename="b.csv")
    a = export_ledger(world.agency_a).decode("utf-8-sig")
    b = export_ledger(world.agency_b).decode("utf-8-sig")
    assert "2025-0001" in a and "2025-0002" not in a
    assert "2025-0002" in b and "2025-0001" not in b


@pytest.mark.parametrize("who", ["clerk_b", "leader_a", "supervisor", "outsider"])
def test_only_handlers_of_the_agency_may_import_into_it(world, who):
    before = snapshot(world.agency_a)
    with pytest.raises(NotAllowed):
        import_ledger(getattr(world, who), world.agency_a, io.BytesIO(ledger(ROWS)), filename="a.csv")
    assert snapshot(world.agency_a) == before
    assert not AuditEvent.objects.filter(action="foi.ledger_imported").exists()


def test_permission_is_checked_before_the_file_is_read(world):
    # A stranger learns nothing about the file from the error: not even that it is unreadable.
    with pytest.raises(NotAllowed):
        import_ledger(world.clerk_b, world.agency_a, io.BytesIO(b"garbage"), filename="a.xlsx")
