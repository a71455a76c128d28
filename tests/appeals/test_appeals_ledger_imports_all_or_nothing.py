from __future__ import annotations

import datetime as dt

import pytest

from gongkai.appeals import ledger_format
from gongkai.appeals import operations as appeal_ops
from gongkai.appeals.models import Case
from gongkai.appeals.rules import CaseKind, Result
from tests.annual_report.scenario import Spec, create_application

HEADER = ["案号", "类型", "关联申请编号", "收到日期", "结案日期", "结果", "经办人"]


def test_parsing_reports_every_bad_row_with_its_excel_row_number():
    rows = [
        ["A1", "行政复议", "", "2024-03-01", "2024-05-01", "维持", "王"],
        ["A2", "行政诉讼－直接起诉", "", dt.datetime(2024, 4, 1), "", "", ""],
        ["A1", "行政复议", "", "2024-03-01", "", "", ""],  # duplicate 案号
        ["A3", "复议", "", "2024-13-01", "2024-05-01", "", ""],  # bad kind, bad date, no result
        ["A4", "行政诉讼-复议后起诉", "", "2024-06-01", "2024-05-01", "其他", ""],  # concluded before received
        ["A5", "行政复议", "", "2024-06-01", "", "纠正", ""],  # a result without conclusion
        ["", "", "", "", "", "", ""],  # blank line: ignored
    ]
    parsed = ledger_format.parse(HEADER, rows, today=dt.date(2024, 12, 31))
    assert [r.number for r in parsed.records] == ["A1", "A2"]
    assert parsed.records[1].kind is CaseKind.LIT_DIRECT and parsed.records[1].received_on == dt.date(2024, 4, 1)
    assert parsed.records[0].result is Result.MAINTAIN
    where = {(e.row, e.column) for e in parsed.errors}
    assert where == {(4, "案号"), (5, "类型"), (5, "收到日期"), (5, "结果"), (6, "结案日期"), (7, "结果")}
    assert str(next(e for e in parsed.errors if e.row == 5 and e.column == "类型")).startswith("第5行 [类型]")
    assert [(w.row, w.column) for w in parsed.warnings] == [(1, "经办人")]


def test_a_missing_required_column_is_reported_on_row_one():
    parsed = ledger_format.parse(["案号", "收到日期"], [["A1", "2024-01-01"]], today=dt.date(2024, 12, 31))
    assert [(e.row, e.column) for e in parsed.errors] == [(1, "")] and "类型" in parsed.errors[0].reason


def test_the_appeals_ledger_is_registered_with_foi_and_recognised_by_its_header():
    from gongkai.foi.ledger_format import APPLICATIONS, detect_kind, registered_kinds

    assert ledger_format.APPEALS in registered_kinds()
    assert detect_kind(HEADER) is ledger_format.APPEALS
    assert detect_kind(APPLICATIONS.headers) is APPLICATIONS
    row = ledger_format.APPEALS.cells(ledger_format.CaseRow(2, "A1", CaseKind.LIT_AFTER_REVIEW, "", dt.date(2024, 3, 1), dt.date(2024, 5, 1), Result.OTHER))
    assert row == ["A1", "行政诉讼-复议后起诉", "", dt.date(2024, 3, 1), dt.date(2024, 5, 1), "其他"]


def test_import_writes_nothing_when_a_row_is_bad_and_updates_by_case_number(world, freeze_today):
    freeze_today(dt.date(2025, 1, 10))
    app = create_application(world, Spec("natural_person", dt.date(2024, 2, 1), dt.date(2024, 2, 20), "open"), 1)
    good = [["A1", "行政复议", app.number, "2024-03-01", "", ""]]
    bad = [*good, ["A2", "行政复议", "2024-9999", "2024-03-01", "", ""]]
    with pytest.raises(appeal_ops.LedgerRejected) as exc:
        appeal_ops.import_ledger(world.clerk_a, world.agency_a, HEADER[:6], bad)
    assert [(e.row, e.column) for e in exc.value.errors] == [(3, "关联申请编号")]
    assert Case.objects.count() == 0
    summary = appeal_ops.import_ledger(world.clerk_a, world.agency_a, HEADER[:6], good)
    assert (summary.created, summary.updated) == (1, 0)
    again = [["A1", "行政复议", app.number, "2024-03-01", "2024-06-01", "纠正"]]
    summary = appeal_ops.import_ledger(world.clerk_a, world.agency_a, HEADER[:6], again)
    assert (summary.created, summary.updated) == (0, 1)
    case = Case.objects.get()
    assert (case.application, case.concluded_on, case.result, case.source) == (app, dt.date(2024, 6, 1), "correct", "ledger")
