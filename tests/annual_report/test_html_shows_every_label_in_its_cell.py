"""Acceptance 2 (HTML): every official label exactly once, in the right row and column."""

from __future__ import annotations

from gongkai.annual_report import formats as F
from gongkai.annual_report.render import render
from tests.annual_report.grids import EXPECTED, assert_grid_matches, html_headings, html_tables


def test_html_tables_match_the_format_definition(reports):
    for version, report in reports.items():
        fmt = F.get_format(version)
        html = render(report, "html").decode()
        tables = html_tables(html)
        assert set(tables) == {"table2", "table3", "table4"}
        for key, found in tables.items():
            assert_grid_matches(found, EXPECTED[key](fmt, report), f"HTML {version} {key}")
        assert html_headings(html) == list(fmt.headings)


def test_html_uses_header_cells_with_scope_and_escapes_text(reports):
    from bs4 import BeautifulSoup

    report = dict(reports["2021"])
    report["sections"] = {**report["sections"], "problems": "一是<script>alert(1)</script>&问题"}
    html = render(report, "html").decode()
    assert "<script>alert(1)</script>" not in html
    soup = BeautifulSoup(html, "lxml")
    assert "一是<script>alert(1)</script>&问题" in soup.find("section", id="problems").get_text()
    t3 = soup.find("section", id="table3").find("table")
    assert len(t3.find("thead").find_all("tr")) == 3
    assert all(th.get("scope") in {"row", "rowgroup", "col", "colgroup"} for th in t3.find_all("th"))
    row_headers = [th.get_text() for th in t3.find("tbody").find_all("th", scope=["row", "rowgroup"])]
    assert F.TABLE3_2021.rows[0].label in row_headers
