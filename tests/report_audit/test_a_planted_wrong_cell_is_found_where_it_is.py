"""Acceptance 2: plant one wrong cell in a rendered report; 年报体检 finds it and names the
table, row and column (hypothesis over the cell, the wrong value and the file kind).

With the object the file was rendered from (Gongkai's own reports before publication),
every cell of every table is checked (R1). Without it (a third party's report) the
arithmetic of 表三 locates any wrong number at the crossing of its row and column checks,
and a blank, "/", "—", a negative or a non-number is located by C5/C6 in every table.
"""

from __future__ import annotations

import copy
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annual_report import formats as F
from gongkai.report_audit.audit import locate
from gongkai.report_audit.publish import audit_rendered
from tests.report_audit.reports import READ_AS, rendered, synthetic

NOT_NUMBERS = ("", "/", "—", "-3", "十")


@st.composite
def plantings(draw, kinds, tables=("table2", "table3", "table4"), numbers=True):
    version = draw(st.sampled_from(F.FORMAT_VERSIONS))
    kind = draw(st.sampled_from(kinds))
    report = synthetic(version, random.Random(draw(st.integers(0, 10_000))))
    cells = [f for f in F.figures(F.get_format(version)) if f.table in tables]
    fig = draw(st.sampled_from(cells))
    old = F.get_value(report, fig.path)
    choices = list(NOT_NUMBERS)
    if numbers:
        choices.append("number")
    wrong = draw(st.sampled_from(choices))
    if wrong == "number":
        delta = draw(st.integers(1, 50)) * draw(st.sampled_from((1, -1)))
        if fig.kind.is_decimal:
            from decimal import Decimal

            value = str(Decimal(str(old)) + abs(delta))
        else:
            value = old + delta if old + delta >= 0 or fig.kind is F.ValueKind.SIGNED else old + abs(delta)
    else:
        value = None if wrong == "" else wrong
        if fig.kind is F.ValueKind.SIGNED and wrong == "-3":
            value = "十"  # a negative 本年增/减 is allowed
    planted = copy.deepcopy(report)
    F.set_value(planted, fig.path, value)
    return report, planted, fig, kind


def located(findings, fig, fmt):
    want = locate(fig.path, fmt)
    return [f for f in findings if (f.table, f.row, f.column) == (want["table"], want["row"], want["column"])]


SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@settings(max_examples=120, **SETTINGS)
@given(plantings(kinds=("html", "docx", "text", "cells")))
def test_with_the_source_object_every_planted_cell_is_found_at_its_place(case):
    report, planted, fig, kind = case
    result = audit_rendered(rendered(planted, kind), READ_AS[kind], report)
    hits = located(result.findings, fig, F.get_format(report["format_version"]))
    assert any(f.check == "R1" and f.severity == "error" for f in hits), [f.as_json() for f in result.findings]


@settings(max_examples=25, **SETTINGS)
@given(plantings(kinds=("pdf",), tables=("table2", "table3")))
def test_a_planted_cell_is_found_at_its_place_in_a_pdf(case):
    report, planted, fig, kind = case
    result = audit_rendered(rendered(planted, kind), "pdf", report)
    hits = located(result.findings, fig, F.get_format(report["format_version"]))
    assert any(f.severity in ("error", "warning") for f in hits), [f.as_json() for f in result.findings]


@settings(max_examples=120, **SETTINGS)
@given(plantings(kinds=("html", "docx", "text", "cells"), tables=("table3",)))
def test_without_the_source_any_wrong_cell_of_table3_is_located_by_the_arithmetic(case):
    report, planted, fig, kind = case
    result = audit_rendered(rendered(planted, kind), READ_AS[kind])
    hits = located(result.findings, fig, F.get_format(report["format_version"]))
    assert hits and all(f.check in ("C1", "C2", "C3", "C5", "C6") for f in hits), [f.as_json() for f in result.findings]


@settings(max_examples=80, **SETTINGS)
@given(plantings(kinds=("html", "docx", "text", "cells"), numbers=False))
def test_without_the_source_a_blank_or_non_number_is_located_in_every_table(case):
    report, planted, fig, kind = case
    result = audit_rendered(rendered(planted, kind), READ_AS[kind])
    hits = located(result.findings, fig, F.get_format(report["format_version"]))
    assert any(f.check in ("C5", "C6") for f in hits), [f.as_json() for f in result.findings]


@settings(max_examples=40, **SETTINGS)
@given(plantings(kinds=("html", "docx", "text", "cells"), tables=("table4",)))
def test_without_the_source_a_wrong_number_in_table4_names_its_block(case):
    _report, planted, fig, kind = case
    result = audit_rendered(rendered(planted, kind), READ_AS[kind])
    block = fig.path.split(".")[1]
    assert any(f.table == "table4" and f.row == block for f in result.findings), [f.as_json() for f in result.findings]
