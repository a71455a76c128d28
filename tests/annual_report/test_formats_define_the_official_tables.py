"""The format definitions against annual-report-format.md and the report schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.annual_report import formats as F
from gongkai.foi.rules.applicants import APPLICANT_COLUMNS, APPLICANT_KIND_LABELS
from gongkai.foi.rules.outcomes import OUTCOMES

SCHEMA = json.loads((Path(F.__file__).parent / "data" / "annual-report.schema.json").read_text())


def test_the_six_headings_are_exact():
    assert F.get_format("2021").headings == (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    )
    assert F.get_format("2019").headings == F.get_format("2021").headings


def test_table3_has_25_rows_in_2021_and_23_in_2019_with_the_spans_of_the_spec():
    def spans(fmt):
        grid = F.layout(fmt, "table3")
        return {c.text: (c.rowspan, c.colspan) for c in grid.labels}

    s21, s19 = spans(F.get_format("2021")), spans(F.get_format("2019"))
    assert len(F.TABLE3_2021.rows) == 25 and len(F.TABLE3_2019.rows) == 23
    assert s21["三、本年度办理结果"] == (22, 1) and s19["三、本年度办理结果"] == (20, 1)
    assert s21["（三）不予公开"] == (8, 1) and s21["（四）无法提供"] == (3, 1) and s21["（五）不予处理"] == (5, 1)
    assert s21["（六）其他处理"] == (3, 1) and s19["（六）其他处理"] == (1, 2)
    assert s21["（七）总计"] == (1, 2) and s21["一、本年新收政府信息公开申请数量"] == (1, 3)
    assert s21["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"] == (3, 3)
    assert s21["申请人情况"] == (1, 7) and s21["法人或其他组织"] == (1, 5) and s21["自然人"] == (2, 1)


def test_labels_use_the_official_punctuation():
    labels = F.all_labels(F.get_format("2021"))
    assert "3.危及\u201c三安全一稳定\u201d" in labels
    assert "第二十条第\uff08一\uff09项" in labels
    assert "本年收费金额\uff08单位\uff1a万元\uff09" in labels
    assert "四\u3001结转下年度继续办理" in labels
    assert "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" in labels
    assert not any("(" in label or " " in label for label in labels)


def test_row_and_column_keys_are_those_of_the_schema():
    t3_variants = SCHEMA["properties"]["table3"]["oneOf"]
    assert list(F.TABLE3_2021.row_keys) == t3_variants[0]["properties"]["rows"]["required"]
    assert list(F.TABLE3_2019.row_keys) == t3_variants[1]["properties"]["rows"]["required"]
    assert list(F.TABLE3_2021.column_keys) == t3_variants[0]["properties"]["columns"]["const"]
    t2_variants = SCHEMA["properties"]["table2"]["oneOf"]
    for fmt, variant in ((F.get_format("2021"), t2_variants[0]), (F.get_format("2019"), t2_variants[1])):
        assert [r.key for g in fmt.table2.groups for r in g.rows] == variant["required"]
        for g in fmt.table2.groups:
            for r in g.rows:
                spec = variant["properties"][r.key]
                if not g.scalar:
                    assert [c.key for c in g.columns] == spec["required"]
    assert [b.key for b in F.TABLE4.blocks] == SCHEMA["properties"]["table4"]["required"]
    assert [k for k, _ in F.TABLE4.columns] == SCHEMA["properties"]["table4"]["properties"]["review"]["required"]


def test_the_21_outcomes_and_6_applicant_kinds_of_foi_are_the_table3_rows_and_columns():
    assert {r.key for r in F.TABLE3_2021.outcome_rows} == {o.key for o in OUTCOMES}
    columns = F.TABLE3_2021.columns[:-1]
    assert [c.key for c in columns] == [k.value for k in APPLICANT_COLUMNS]
    assert [c.label for c in columns] == [APPLICANT_KIND_LABELS[k] for k in APPLICANT_COLUMNS]


def test_the_era_rule_picks_the_format_and_can_be_overridden():
    assert [F.format_for_year(y) for y in (2019, 2020, 2021, 2025)] == ["2019", "2019", "2021", "2021"]
    assert F.format_for_year(2024, "2019") == "2019"
    assert F.format_for_year(2021, first_2021_year=2022) == "2019"
    with pytest.raises(F.FormatError, match="2018"):
        F.format_for_year(2018)
    with pytest.raises(F.FormatError):
        F.format_for_year(2024, "2007")


def test_every_figure_path_reads_and_writes_its_cell():
    report = {"table2": {}, "table3": {"columns": list(F.TABLE3_2021.column_keys), "rows": {r: [0] * 7 for r in F.TABLE3_2021.row_keys}}, "table4": {}}
    paths = [f.path for f in F.figures(F.get_format("2021"))]
    assert len(paths) == len(set(paths)) == 6 + 4 + 175 + 15  # 表二 2×3 + 4, 表三 25×7, 表四 15
    for i, path in enumerate(paths):
        F.set_value(report, path, i)
    assert [F.get_value(report, p) for p in paths] == list(range(len(paths)))
    assert report["table3"]["rows"]["other.no_fee"][1] == paths.index("table3.rows.other.no_fee.commercial")


def test_labels_compare_after_normalisation():
    assert F.label_status("（一）予以公开", "（一）予以公开") == "exact"
    assert F.label_status("(一)予以公开", "（一）予以公开") == "variant"
    assert F.label_status("商业 企业", "商业企业") == "variant"
    assert F.label_status("予以公开", "（一）予以公开") == "different"
