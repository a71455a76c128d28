"""The report's 表二 行政许可 figure (2021 and 2019 formats) is the count of 行政许可 decisions
in the year when the agency keeps its licences in the service catalogue (issue 6, item 4),
and stays a typed figure for an agency that does not."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.annual_report import operations as report_ops
from gongkai.annual_report.build import build_report
from tests.service_catalog.helpers import licence_case

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]
D = dt.date


@pytest.fixture
def licences(world, make_item, case_today):
    case_today(D(2025, 12, 31))
    item = make_item(type_code="XK")
    # 2025 decisions: two approved, one denied; one not accepted (not a 处理决定 by default);
    # one decided in 2025 but concluded in 2026 (counts in 2026).
    licence_case(world.clerk_a, item, on=D(2025, 3, 3), decision="approved", decided=D(2025, 3, 4), concluded=D(2025, 3, 5))
    licence_case(world.clerk_a, item, on=D(2025, 5, 6), decision="approved", decided=D(2025, 5, 7), concluded=D(2025, 5, 8))
    licence_case(world.clerk_a, item, on=D(2025, 7, 1), decision="denied", decided=D(2025, 7, 2), concluded=D(2025, 7, 3))
    licence_case(world.clerk_a, item, on=D(2025, 8, 1), decision="not_accepted")
    return world


@pytest.mark.parametrize(("version", "cell"), [("2021", ("licensing",)), ("2019", ("licensing_2019", "decisions"))])
def test_the_licensing_cell_counts_the_years_licence_decisions(licences, version, cell):
    report = build_report(licences.agency_a, 2025, format_version=version, today=D(2026, 1, 10))
    value = report["table2"]
    for key in cell:
        value = value[key]
    assert value == 3
    path = "table2." + ".".join(cell)
    assert report["provenance"][path].startswith("由3件行政许可办件计算")
    assert not any(c["id"] == "C6" and path in c.get("message", "") for c in report["checks"])


def test_a_typed_figure_still_overrides_and_says_what_the_records_give(licences):
    report_ops.enter_figure(licences.head_a, licences.agency_a, 2025, path="table2.licensing", value="4", note="含市级下放事项1件")
    report = build_report(licences.agency_a, 2025, format_version="2021", today=D(2026, 1, 10))
    assert report["table2"]["licensing"] == 4
    assert "按记录计算为3" in report["provenance"]["table2.licensing"]


def test_an_agency_without_licence_items_keeps_a_typed_figure(licences):
    report = build_report(licences.agency_b, 2025, format_version="2021", today=D(2026, 1, 10))
    assert report["table2"]["licensing"] == 0
    assert report["provenance"]["table2.licensing"] == "尚未录入，暂按0填写"
