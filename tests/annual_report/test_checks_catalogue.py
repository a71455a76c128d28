"""The checks of evaluation.md §3 on report objects built here by hand."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from gongkai.annual_report import checks
from gongkai.annual_report import formats as F


def make_report(version: str = "2021", year: int = 2024) -> dict:
    """A small consistent report: 自然人 5 new + 1 carried = 4 concluded (3 open, 1 other) + 2 carried out."""
    fmt = F.get_format(version)
    rows = {k: [0] * 7 for k in fmt.table3.row_keys}
    other_key = "other.other" if version == "2021" else "other"
    for key, n in (("new", 5), ("carried_in", 1), ("open", 3), (other_key, 1), ("total", 4), ("carried_out", 2)):
        rows[key][0] = rows[key][6] = n
    table2 = {}
    for g in fmt.table2.groups:
        for r in g.rows:
            table2[r.key] = ("0" if g.columns[0].kind.is_decimal else 0) if g.scalar else {c.key: 0 for c in g.columns}
    if version == "2021":
        table2["rules"] = {"issued": 1, "repealed": 0, "in_force": 4}
    table4 = {b.key: {"maintain": 0, "correct": 0, "other": 0, "pending": 0, "total": 0} for b in fmt.table4.blocks}
    table4["review"] = {"maintain": 1, "correct": 1, "other": 0, "pending": 1, "total": 3}
    return {
        "schema": "gongkai.annual-report/1",
        "format_version": version,
        "year": year,
        "agency": {"name": "某局", "kind": "department"},
        "published_on": None,
        "sections": {
            "overview": "本年新收政府信息公开申请5件，上年结转1件；本年办结4件；结转下年度继续办理2件。本年被申请行政复议3件，被提起行政诉讼0件。",
            "problems": "",
            "other": "本年度未收取信息处理费。",
        },
        "table2": table2,
        "table3": {"columns": list(fmt.table3.column_keys), "rows": rows},
        "table4": table4,
        "fees": {"cases": 0, "amount_yuan": "0"},
        "checks": [],
        "timeliness": {},
    }


def results(report: dict, check_id: str, **kwargs) -> list[dict]:
    return [r for r in checks.run_checks(report, **kwargs) if r["id"] == check_id]


def statuses(report: dict, check_id: str, **kwargs) -> list[str]:
    return [r["status"] for r in results(report, check_id, **kwargs)]


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_a_consistent_report_passes_the_arithmetic_and_may_be_published(version):
    report = make_report(version, 2024 if version == "2021" else 2020)
    found = checks.run_checks(report, today=dt.date(2025 if version == "2021" else 2021, 1, 10))
    failing = [r for r in found if r["status"] == "fail"]
    assert failing == []
    assert not checks.blocks_publication(found)
    assert {r["id"] for r in found} >= {"A1", "B1", "B4", "B5", "C1", "C2", "C3", "C4", "C5", "C6", "D3", "D4", "E1", "E2", "E3"}


def test_c1_catches_a_column_where_new_plus_carried_is_not_concluded_plus_carried_out():
    report = make_report()
    report["table3"]["rows"]["carried_out"][0] = 3  # 自然人: 5+1 ≠ 4+3
    failed = [r for r in results(report, "C1") if r["status"] == "fail"]
    assert len(failed) == 1 and failed[0]["location"] == "table3.columns.natural_person"
    assert "自然人" in failed[0]["message"] and failed[0]["severity"] == "E"
    assert checks.blocks_publication(checks.run_checks(report))


def test_c2_c3_and_c4_catch_sums_that_do_not_add_up():
    report = make_report()
    report["table3"]["rows"]["open"][0] = 2  # total 4 ≠ 2 + 1
    assert "fail" in statuses(report, "C2")
    report = make_report()
    report["table3"]["rows"]["partial"][1] = 1  # 商业企业 1 but the row's 总计 stays 0
    c3 = [r for r in results(report, "C3") if r["status"] == "fail"]
    assert [r["location"] for r in c3] == ["table3.rows.partial"]
    report = make_report()
    report["table4"]["lit_direct"]["correct"] = 1
    c4 = [r for r in results(report, "C4") if r["status"] == "fail"]
    assert c4 and "行政诉讼（未经复议直接起诉）" in c4[0]["message"]


def test_c5_refuses_negative_and_fractional_counts_and_warns_on_long_decimals():
    report = make_report()
    report["table4"]["review"]["pending"] = -1
    report["table2"]["licensing"] = 2.5
    report["table2"]["fees_wan_yuan"] = "1.23456"
    found = results(report, "C5")
    assert {(r["location"], r["status"]) for r in found} == {
        ("table4.review.pending", "fail"),
        ("table2.licensing", "fail"),
        ("table2.fees_wan_yuan", "warn"),
    }
    signed = make_report("2019", 2020)
    signed["table2"]["licensing_2019"]["change"] = -3  # 本年增/减 may be negative
    assert statuses(signed, "C5") == ["pass"]


def test_c6_reports_blank_cells_and_figures_not_yet_entered():
    report = make_report()
    report["table3"]["rows"]["partial"][2] = None
    report["table2"]["penalty"] = "/"
    found = results(report, "C6", pending=["table2.coercion"])
    assert [r["status"] for r in found] == ["warn", "warn"]
    assert "（二）部分公开" in found[0]["message"] and "行政强制" in found[1]["message"]
    assert "fail" not in statuses(report, "C1")  # blanks count as 0 for the arithmetic


def test_d1_compares_carried_in_with_last_years_carried_out():
    report = make_report()
    previous = {"format_version": "2021", "table3": {"rows": {"carried_out": [2, 0, 0, 0, 0, 0, 2]}}}
    found = results(report, "D1", previous=previous)
    assert [(r["status"], r["severity"]) for r in found] == [("fail", "E"), ("fail", "E")]
    assert [r["status"] for r in results(report, "D1", previous=previous, own_records=False)] == ["warn", "warn"]
    previous["table3"]["rows"]["carried_out"] = [1, 0, 0, 0, 0, 0, 1]
    assert statuses(report, "D1", previous=previous) == ["pass"]


def test_d2_warns_when_documents_in_force_do_not_follow_from_last_year():
    report = make_report()
    previous = {"format_version": "2021", "table2": {"rules": {"in_force": 3}, "normative": {"in_force": 0}}}
    assert statuses(report, "D2", previous=previous) == ["pass"]  # 3 + 1 − 0 = 4
    previous["table2"]["rules"]["in_force"] = 5
    assert statuses(report, "D2", previous=previous) == ["warn"]


def test_d3_reads_the_numbers_quoted_in_the_overview():
    report = make_report()
    assert statuses(report, "D3") == ["pass"]
    report["sections"]["overview"] = report["sections"]["overview"].replace("上年结转1件", "上年结转2件").replace("行政复议3件", "行政复议4件")
    found = results(report, "D3")
    assert [r["status"] for r in found] == ["warn", "warn"]
    assert "上年结转2件" in found[0]["message"]


def test_d4_and_b8_read_the_fee_statement_of_section_six():
    report = make_report()
    assert statuses(report, "D4") == statuses(report, "B8") == ["pass"]
    report["fees"] = {"cases": 2, "amount_yuan": "480"}
    assert statuses(report, "D4") == ["warn"]  # says none were collected
    report["sections"]["other"] = "本年度收取信息处理费共计480元，涉及2件。"
    assert statuses(report, "D4") == ["pass"]
    report["sections"]["other"] = "本年度收取信息处理费共计400元，涉及2件。"
    assert statuses(report, "D4") == ["warn"]
    report["sections"]["other"] = "无"
    assert statuses(report, "B8") == ["warn"]
    assert results(make_report("2019", 2020), "B8") == []  # the 2019 format does not require it


def test_b1_accepts_the_long_form_of_five_and_flags_variants_and_gaps():
    fmt = F.get_format("2021")
    headings = list(fmt.headings)
    assert [r["status"] for r in checks.check_b1(headings, fmt)] == ["pass"]
    long_form = [*headings[:4], F.PROBLEMS_HEADING_EQUIVALENT, headings[5]]
    assert [r["status"] for r in checks.check_b1(long_form, fmt)] == ["pass"]
    variant = [*headings[:4], F.PROBLEMS_HEADING_VARIANTS[1], headings[5]]
    assert [(r["status"], r["severity"]) for r in checks.check_b1(variant, fmt)] == [("warn", "W")]
    missing = [h for h in headings if not h.startswith("四")]
    assert [(r["status"], r["location"]) for r in checks.check_b1(missing, fmt)] == [("fail", "sections.table4")]
    swapped = [headings[1], headings[0], *headings[2:]]
    assert "fail" in [r["status"] for r in checks.check_b1(swapped, fmt)]


def test_b4_and_b5_catch_the_wrong_format_for_the_year_and_missing_rows():
    report = make_report("2019", 2024)
    assert statuses(report, "B4") == ["fail"]
    report = make_report()
    del report["table3"]["rows"]["noproc.confirm"]
    del report["table2"]["coercion"]
    found = results(report, "B5")
    assert {r["location"] for r in found} == {"table3.rows.noproc.confirm", "table2.coercion"}
    labels = checks.check_b5(make_report(), F.get_format("2021"), {"商业企业": "商业 企业", "（一）予以公开": "予以公开"})
    assert [(r["status"], r["severity"]) for r in labels] == [("warn", "W"), ("fail", "E")]


def test_a1_a2_follow_the_deadline_of_the_agency_kind_without_blocking_a_late_report():
    report = make_report()
    assert statuses(report, "A1", today=dt.date(2025, 1, 31)) == ["pass"]
    late = results(report, "A1", today=dt.date(2025, 2, 1))
    assert late[0]["status"] == "fail" and late[0]["blocking"] is False
    assert not checks.blocks_publication(late)
    report["published_on"] = "2025-02-03"
    assert statuses(report, "A1") == ["fail"]
    report["agency"]["kind"] = "government"
    assert statuses(report, "A2") == ["pass"]  # 本级政府: 3月31日


PROBLEMS = (
    "一是政策解读形式单一，全年12篇解读中仅2篇采用图解。二是依申请公开答复不及时，1件申请超过法定期限。"
    "下一步，一是2025年6月底前制定政策解读工作规程，由办公室牵头。二是建立办理台账周调度制度，期限届满前5个工作日提醒。"
)
VAGUE = "政府信息公开工作还不够完善，有待进一步提高。主动公开意识仍需加强。下一步将进一步加强学习，进一步完善制度。"


def test_e_checks_warn_on_an_empty_vague_or_copied_section_five():
    empty = make_report()
    assert statuses(empty, "E1") == ["warn"] and "尚未填写" in results(empty, "E1")[0]["message"]
    good = make_report()
    good["sections"]["problems"] = PROBLEMS
    for check_id in ("E1", "E2", "E4"):
        assert statuses(good, check_id) == ["pass"], check_id
    vague = make_report()
    vague["sections"]["problems"] = VAGUE
    assert statuses(vague, "E1") == statuses(vague, "E2") == statuses(vague, "E4") == ["warn"]
    previous = {"sections": {"problems": PROBLEMS}}
    copied = copy.deepcopy(good)
    assert [(r["status"], r["severity"]) for r in results(copied, "E3", previous=previous)] == [("fail", "E")]
    assert checks.blocks_publication(checks.run_checks(copied, previous=previous))
    lightly = copy.deepcopy(good)
    lightly["sections"]["problems"] = PROBLEMS.replace("2025年6月底前", "年内").replace("12篇", "10篇")
    assert 0.7 <= checks.similarity(lightly["sections"]["problems"], PROBLEMS) < 0.9
    assert statuses(lightly, "E3", previous=previous) == ["warn"]
    assert statuses(good, "E3", previous={"sections": {"problems": VAGUE}}) == ["pass"]
