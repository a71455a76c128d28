"""`gongkai import_ledger` takes the 复议/诉讼台账 too (ledger-format.md §2), detected from its
headers, all or nothing, the same as the application ledger."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from gongkai.appeals.models import Case

HEADERS = ["案号", "类型", "关联申请编号", "收到日期", "结案日期", "结果"]


def write(path, rows):
    out = io.StringIO(newline="")
    w = csv.writer(out)
    w.writerow(HEADERS)
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return str(path)


@pytest.fixture(autouse=True)
def _today(freeze_today):
    freeze_today(dt.date(2026, 3, 31))


def test_the_command_imports_an_appeals_ledger_into_the_named_agency(world, tmp_path):
    f = write(tmp_path / "复议诉讼台账.csv", [
        ["复2025-1", "行政复议", "", "2025-02-03", "2025-04-01", "维持"],
        ["诉2025-1", "行政诉讼-直接起诉", "", "2025-05-06", "", ""],
    ])
    out = io.StringIO()
    call_command("import_ledger", f, agency=world.agency_a.credit_code, stdout=out)
    assert "新增2件" in out.getvalue()
    assert sorted(Case.objects.filter(agency=world.agency_a).values_list("number", flat=True)) == ["复2025-1", "诉2025-1"]
    assert not Case.objects.filter(agency=world.agency_b).exists()


def test_a_bad_appeals_ledger_names_the_row_and_imports_nothing(world, tmp_path):
    f = write(tmp_path / "台账.csv", [
        ["复2025-1", "行政复议", "", "2025-02-03", "2025-04-01", "维持"],
        ["复2025-2", "行政复议", "", "2025-02-03", "2025-01-01", "维持"],  # concluded before received
    ])
    err = io.StringIO()
    with pytest.raises(CommandError, match="未导入任何记录"):
        call_command("import_ledger", f, agency=world.agency_a.credit_code, stderr=err)
    assert "第3行" in err.getvalue() and "结案日期" in err.getvalue()
    assert not Case.objects.exists()


def test_a_dry_run_of_an_appeals_ledger_writes_nothing(world, tmp_path):
    f = write(tmp_path / "台账.csv", [["复2025-1", "行政复议", "", "2025-02-03", "", ""]])
    out = io.StringIO()
    call_command("import_ledger", f, agency=world.agency_a.credit_code, dry_run=True, stdout=out)
    assert "试运行" in out.getvalue()
    assert not Case.objects.exists()
