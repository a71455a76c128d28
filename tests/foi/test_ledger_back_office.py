"""The 台账导入导出 page: all-or-nothing upload with every error named, a dry run, and an
export that only case handlers may take (it holds personal data) and that is audited."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.models import AuditEvent
from gongkai.foi.models import Application

HEADERS = ["申请编号", "申请人类型", "申请人", "证件号码", "申请方式", "收到日期", "答复日期", "办理结果"]
pytestmark = pytest.mark.usefixtures("fast_passwords")


@pytest.fixture(autouse=True)
def _today(freeze_today):
    freeze_today(dt.date(2026, 3, 31))


def upload(rows: list[list[str]], name: str = "台账.csv") -> SimpleUploadedFile:
    out = io.StringIO(newline="")
    w = csv.writer(out)
    w.writerow(HEADERS)
    w.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


GOOD = [
    ["TZ-1", "自然人", "张三", "", "当面", "2025-03-03", "2025-03-20", "予以公开"],
    ["TZ-2", "商业企业", "某公司", "", "邮寄", "2025-04-01", "", ""],
]


def test_a_bad_ledger_lists_every_error_and_imports_nothing(client, world):
    client.force_login(world.clerk_a)
    bad = [
        ["TZ-1", "自然人", "张三", "", "当面", "2025-13-03", "", ""],  # impossible date
        ["TZ-2", "外星人", "李四", "", "当面", "2025-03-03", "", ""],  # unknown applicant type
        ["TZ-3", "自然人", "王五", "", "当面", "2025-03-03", "2025-03-10", ""],  # reply without outcome
    ]
    r = client.post(reverse("foi_ledger"), {"file": upload(bad), "dry_run": ""})
    assert r.status_code == 400
    body = r.content.decode()
    assert "台账有 3 处错误，未导入任何记录" in body
    for row_no in ("第2行", "第3行", "第4行"):
        assert row_no in body
    assert Application.objects.count() == 0


def test_a_dry_run_counts_without_writing_and_the_real_import_writes(client, world):
    client.force_login(world.clerk_a)
    r = client.post(reverse("foi_ledger"), {"file": upload(GOOD), "dry_run": "on"})
    assert r.status_code == 200 and "检查通过（未导入）" in r.content.decode() and "新增 2 件" in r.content.decode()
    assert Application.objects.count() == 0
    r = client.post(reverse("foi_ledger"), {"file": upload(GOOD), "dry_run": ""})
    assert r.status_code == 302
    assert sorted(Application.objects.values_list("number", flat=True)) == ["TZ-1", "TZ-2"]


def test_a_file_that_is_not_a_ledger_is_refused_with_a_message(client, world):
    client.force_login(world.clerk_a)
    fake = SimpleUploadedFile("台账.xlsx", b"<html>not a workbook</html>", content_type="application/vnd.ms-excel")
    r = client.post(reverse("foi_ledger"), {"file": fake})
    assert r.status_code == 400
    assert "内容与扩展名不符" in r.content.decode()
    assert Application.objects.count() == 0


def test_only_case_handlers_export_and_each_export_is_audited(client, world):
    client.force_login(world.clerk_a)
    client.post(reverse("foi_ledger"), {"file": upload(GOOD), "dry_run": ""})
    r = client.get(reverse("foi_ledger_export"), {"format": "csv"})
    assert r.status_code == 200
    text = r.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("申请编号,") and "TZ-1" in text and "TZ-2" in text
    assert AuditEvent.objects.filter(action="foi.ledger_exported", agency_id=world.agency_a.pk).count() == 1
    # Readers without the handling role get nothing (a leader sees masked data only; a supervisor
    # has no staff role anywhere) and nothing is audited for them.
    for reader in (world.leader_a, world.supervisor):
        client.force_login(reader)
        assert client.get(reverse("foi_ledger_export"), {"format": "csv", "agency": world.agency_a.pk}).status_code == 404
    assert AuditEvent.objects.filter(action="foi.ledger_exported").count() == 1
    # Staff of agency B asking for A's ledger get their own agency's ledger, never A's rows.
    client.force_login(world.clerk_b)
    r = client.get(reverse("foi_ledger_export"), {"format": "csv", "agency": world.agency_a.pk})
    assert r.status_code == 200 and "TZ-1" not in r.content.decode("utf-8-sig")
    assert AuditEvent.objects.filter(action="foi.ledger_exported", agency_id=world.agency_b.pk).count() == 1
