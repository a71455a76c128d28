"""Acceptance 1: 表三 equals a plain count of the same applications (ledger-format.md §4)."""

from __future__ import annotations

import datetime as dt

from gongkai.annual_report.build import build_report
from tests.annual_report.scenario import SPECS, conclusion_date

KINDS = ["natural_person", "commercial", "research", "public_interest", "legal_services", "other_org"]


def count(year: int, folded: bool) -> dict[str, list[int]]:
    """The ledger rule, written out over the spec list."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows: dict[str, list[int]] = {}

    def add(row: str, kind: str) -> None:
        rows.setdefault(row, [0] * 7)
        rows[row][KINDS.index(kind)] += 1
        rows[row][6] += 1

    for spec in SPECS:
        received, concluded = spec.received, conclusion_date(spec)
        if start <= received <= end:
            add("new", spec.kind)
        if received < start and (concluded is None or concluded >= start):
            add("carried_in", spec.kind)
        if concluded is not None and start <= concluded <= end:
            outcome = spec.outcome or ""
            add("other" if folded and outcome.startswith("other.") else outcome, spec.kind)
            add("total", spec.kind)
        if received <= end and (concluded is None or concluded > end):
            add("carried_out", spec.kind)
    return rows


def test_table3_of_each_year_is_the_ledger_count(world, seeded):
    for year in (2023, 2024, 2025):
        report = build_report(world.agency_a, year, format_version="2021")
        expected = count(year, folded=False)
        got = report["table3"]["rows"]
        for key, values in got.items():
            assert values == expected.get(key, [0] * 7), f"{year} {key}"
        assert set(expected) <= set(got)


def test_the_2019_format_folds_the_three_other_rows_into_one(world, seeded):
    report = build_report(world.agency_a, 2024, format_version="2019")
    expected = count(2024, folded=True)
    for key, values in report["table3"]["rows"].items():
        assert values == expected.get(key, [0] * 7), key
    assert "other" in report["table3"]["rows"] and "other.no_fee" not in report["table3"]["rows"]


def test_another_agencys_applications_are_not_counted(world, seeded):
    report = build_report(world.agency_b, 2024)
    assert all(v == [0] * 7 for v in report["table3"]["rows"].values())
