"""Acceptance 2 (XLSX): one sheet per table, merged ranges as the format defines them."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from gongkai.annual_report import formats as F
from gongkai.annual_report.render import render
from tests.annual_report.grids import EXPECTED, assert_grid_matches, xlsx_table


def test_xlsx_sheets_match_the_format_definition(reports):
    for version, report in reports.items():
        fmt = F.get_format(version)
        wb = load_workbook(io.BytesIO(render(report, "xlsx")))
        tables = [s for s in fmt.sections if not s.is_narrative]
        for section, ws in zip(tables, wb.worksheets[:3], strict=True):
            assert ws.cell(row=2, column=1).value == section.heading
            assert_grid_matches(xlsx_table(ws, 3), EXPECTED[section.key](fmt, report), f"XLSX {version} {section.key}")


def test_xlsx_numbers_are_numbers_and_checks_are_listed(reports):
    report = reports["2021"]
    wb = load_workbook(io.BytesIO(render(report, "xlsx")))
    ws = wb.worksheets[1]
    values = [c.value for row in ws.iter_rows(min_row=4) for c in row if c.value is not None and not isinstance(c.value, str)]
    assert values and all(isinstance(v, int) for v in values)
    checks = wb.worksheets[3]
    ids = [row[0].value for row in checks.iter_rows(min_row=2) if row[0].value]
    assert {"C1", "C2", "C3", "C4"} <= set(ids)
