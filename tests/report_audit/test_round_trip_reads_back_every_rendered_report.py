"""Acceptance 1: every report Gongkai renders (HTML, DOCX, PDF and text copies of the
page) reads back to the same figures, with no error findings, in both formats."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from gongkai.annual_report import formats as F
from gongkai.annual_report.build import build_report
from gongkai.report_audit.audit import audit_document
from gongkai.report_audit.publish import audit_rendered, audit_report_object, blocking_messages
from gongkai.report_audit.readers import read
from tests.report_audit.reports import READ_AS, rendered, synthetic

KINDS = ("html", "docx", "pdf", "text", "cells", "xlsx")


def same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return Decimal(str(a)) == Decimal(str(b))


def assert_same_figures(read_back: dict, report: dict) -> None:
    fmt = F.get_format(report["format_version"])
    wrong = [
        (f.path, F.get_value(read_back, f.path), F.get_value(report, f.path))
        for f in F.figures(fmt)
        if not same(F.get_value(read_back, f.path), F.get_value(report, f.path))
    ]
    assert wrong == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("version", F.FORMAT_VERSIONS)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_rendered_synthetic_report_reads_back_to_its_figures_without_errors(version, kind, seed):
    report = synthetic(version, random.Random(seed * 7919 + len(kind)))
    result = audit_document(read(f"r.{kind}", rendered(report, kind), READ_AS[kind]))
    assert result.format_version == version
    assert result.year == report["year"]
    assert {k: t.status for k, t in result.tables.items()} == {"table2": "ok", "table3": "ok", "table4": "ok"}
    assert_same_figures(result.report, report)
    assert [f.as_json() for f in result.findings if f.severity == "error"] == []
    if kind != "xlsx":  # a workbook has no narrative
        assert result.report["published_on"] == report["published_on"]
        assert result.report["sections"]["problems"].replace("\n", "") == report["sections"]["problems"].replace("\n", "")


def test_a_report_built_from_records_reads_back_from_every_rendering(world, seeded, freeze_today):
    for version in F.FORMAT_VERSIONS:
        report = build_report(world.agency_a, 2024, format_version=version)
        report["published_on"] = "2025-01-20"
        for kind in ("html", "docx", "pdf", "text"):
            result = audit_rendered(rendered(report, kind), READ_AS[kind], report)
            assert_same_figures(result.report, report)
            # the 2019 format forced on a 2024 report is B4, the only error expected then
            errors = {f.check for f in result.findings if f.severity == "error"}
            assert errors == (set() if version == "2021" else {"B4"}), (version, kind, [f.message for f in result.findings if f.severity == "error"])


def test_audit_report_object_finds_nothing_blocking_in_a_consistent_report():
    report = synthetic("2021", random.Random(5))
    findings = audit_report_object(report, kinds=("html", "docx", "text"))
    assert blocking_messages(findings) == []
    assert {f["file"] for f in findings} <= {"html", "docx", "text"}
