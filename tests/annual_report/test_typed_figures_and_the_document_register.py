"""表二: the document register and typed figures, with provenance and the audit log."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.annual_report import operations as report_ops
from gongkai.annual_report.build import build_report
from gongkai.annual_report.models import ManualFigure
from gongkai.core.errors import NotAllowed, OperationError
from gongkai.core.models import AuditEvent

D = dt.date


def test_the_register_counts_issued_repealed_and_in_force_documents(world, freeze_today):
    freeze_today(D(2025, 1, 10))
    docs = [  # (kind, 成文日期, 废止日期)
        ("normative", D(2021, 1, 5), None),
        ("normative", D(2022, 6, 1), D(2024, 3, 1)),
        ("normative", D(2024, 2, 1), None),
        ("normative", D(2024, 8, 1), D(2024, 12, 31)),
        ("normative", D(2024, 9, 1), D(2025, 1, 2)),
        ("rules", D(2020, 1, 1), D(2023, 5, 5)),
    ]
    for i, (kind, written, repealed) in enumerate(docs):
        report_ops.register_document(world.clerk_a, world.agency_a, kind=kind, title=f"文件{i}", written_on=written, published_on=written, repealed_on=repealed)

    def expected(kind: str, year: int) -> dict[str, int]:
        end = D(year, 12, 31)
        mine = [(w, r) for k, w, r in docs if k == kind]
        return {
            "issued": sum(w.year == year for w, _ in mine),
            "repealed": sum(r is not None and r.year == year for _, r in mine),
            "in_force": sum(w <= end and (r is None or r > end) for w, r in mine),
        }

    for year in (2023, 2024):
        report = build_report(world.agency_a, year)
        assert report["table2"]["normative"] == expected("normative", year)
        assert report["table2"]["rules"] == expected("rules", year)
    report = build_report(world.agency_a, 2024)
    assert "5件" in report["provenance"]["table2.normative"]
    assert [r["status"] for r in report["checks"] if r["id"] == "D2"] == ["pass"]


def test_a_typed_figure_carries_who_when_and_why_and_every_change_is_audited(world, freeze_today):
    freeze_today(D(2025, 1, 10))
    report_ops.enter_figure(world.head_a, world.agency_a, 2024, path="table2.penalty", value="12", note="执法台账")
    report_ops.enter_figure(world.clerk_a, world.agency_a, 2024, path="table2.penalty", value=" 1,2 ", note="按执法系统核对")
    report_ops.enter_figure(world.head_a, world.agency_a, 2024, path="table2.fees_wan_yuan", value="4068.2080", note="财务决算")
    report = build_report(world.agency_a, 2024)
    assert report["table2"]["penalty"] == 12 and report["table2"]["fees_wan_yuan"] == "4068.208"
    assert report["provenance"]["table2.penalty"].startswith("由王科员于") and "按执法系统核对" in report["provenance"]["table2.penalty"]
    assert report["provenance"]["table2.licensing"] == "尚未录入，暂按0填写"
    audit = AuditEvent.objects.filter(action="annual_report.figure_entered").order_by("id")
    assert [(e.data["before"], e.data["after"]) for e in audit] == [(None, "12"), ("12", "12"), (None, "4068.208")]
    report_ops.clear_figure(world.head_a, world.agency_a, 2024, path="table2.penalty", note="录错机关")
    assert ManualFigure.objects.filter(path="table2.penalty").count() == 0
    assert AuditEvent.objects.filter(action="annual_report.figure_cleared").count() == 1


def test_typed_figures_are_validated_and_need_a_handler_of_the_agency(world, freeze_today):
    freeze_today(D(2025, 1, 10))
    with pytest.raises(NotAllowed):
        report_ops.enter_figure(world.clerk_b, world.agency_a, 2024, path="table2.penalty", value=1, note="x")
    with pytest.raises(NotAllowed):
        report_ops.enter_figure(world.leader_a, world.agency_a, 2024, path="table2.penalty", value=1, note="x")
    for path, value, message in (
        ("table2.penalty", -1, "负数"),
        ("table2.penalty", "1.5", "整数"),
        ("table2.fees_wan_yuan", "-0.1", "负数"),
        ("table2.licensing_2019.change", 1, "不是2021年格式"),
        ("table2.penalty", 1, "来源"),
    ):
        with pytest.raises(OperationError, match=message):
            report_ops.enter_figure(world.head_a, world.agency_a, 2024, path=path, value=value, note="" if message == "来源" else "台账")
    # In a 2019-format year the 2019 items are typed, and 本年增/减 may be negative.
    report_ops.enter_figure(world.head_a, world.agency_a, 2020, path="table2.licensing_2019.change", value=-3, note="事项清单调整")
    assert build_report(world.agency_a, 2020)["table2"]["licensing_2019"]["change"] == -3


def test_narrative_sections_are_drafted_until_written_and_the_format_can_be_overridden(world, freeze_today):
    freeze_today(D(2025, 1, 10))
    report = build_report(world.agency_a, 2024)
    assert report["sections"]["problems"] == ""
    assert "本年度未收取信息处理费" in report["sections"]["other"]
    assert "草稿" in report["provenance"]["sections.overview"]
    report_ops.write_section(world.head_a, world.agency_a, 2024, section="other", text="无。")
    report_ops.set_format_version(world.head_a, world.agency_a, 2024, version="2019")
    report = build_report(world.agency_a, 2024)
    assert report["sections"]["other"] == "无。" and report["format_version"] == "2019"
    assert [r["status"] for r in report["checks"] if r["id"] == "B4"] == ["fail"]
    with pytest.raises(OperationError):
        report_ops.write_section(world.head_a, world.agency_a, 2024, section="table3", text="x")
    with pytest.raises(NotAllowed):
        report_ops.write_section(world.supervisor, world.agency_a, 2024, section="problems", text="x")
