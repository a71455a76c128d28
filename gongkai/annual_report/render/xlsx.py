"""The report as a workbook: one sheet per table with the format's merged cells, numbers
as numbers, and a sheet with the checks and the provenance of the figures."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from gongkai.annual_report import formats as F
from gongkai.annual_report.render import common

SHEET_NAMES = {"table2": "表二", "table3": "表三", "table4": "表四"}
CHECKS_SHEET = "检查结果与数据来源"
FONT = "仿宋"
WIDTHS = {"table2": [28, 18, 18, 18], "table3": [8, 14, 36] + [9] * 7, "table4": [8] * 15}
TITLE_ROWS = 2  # the sheet's title (report title) and the section heading

STATUS = {"pass": "通过", "fail": "不通过", "warn": "提示"}


def _sheet(wb: Workbook, report: Mapping[str, Any], grid: F.Grid, heading: str, *, first: bool) -> None:
    ws = wb.active if first else wb.create_sheet()
    ws.title = SHEET_NAMES[grid.key]
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.cell(row=1, column=1, value=common.title(report)).font = Font(name=FONT, size=14, bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=grid.n_cols)
    ws.cell(row=2, column=1, value=heading).font = Font(name="黑体", size=12)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=grid.n_cols)
    for c in grid.cells:
        r, col = c.row + TITLE_ROWS + 1, c.col + 1
        value = common.cell_number(report, c) if c.role is F.Role.DATA else c.text
        cell = ws.cell(row=r, column=col, value=value)
        cell.font = Font(name=FONT, size=10, bold=c.role in (F.Role.GROUP, F.Role.COLUMN))
        left = c.role in (F.Role.NOTE, F.Role.ROW) and not (grid.key == "table3" and c.rowspan > 1)
        cell.alignment = Alignment(horizontal="left" if left else "center", vertical="center", wrap_text=True)
        if c.kind is F.ValueKind.WAN_YUAN:
            cell.number_format = "0.0000"
        if c.rowspan > 1 or c.colspan > 1:
            ws.merge_cells(start_row=r, start_column=col, end_row=r + c.rowspan - 1, end_column=col + c.colspan - 1)
        for rr in range(r, r + c.rowspan):
            for cc in range(col, col + c.colspan):
                ws.cell(row=rr, column=cc).border = border
    for j, width in enumerate(WIDTHS[grid.key], start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.freeze_panes = ws.cell(row=TITLE_ROWS + grid.header_rows + 1, column=1)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if grid.key == "table4" else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _checks_sheet(wb: Workbook, report: Mapping[str, Any]) -> None:
    ws = wb.create_sheet(CHECKS_SHEET)
    ws.append(["编号", "结果", "级别", "说明", "依据", "位置"])
    for r in report.get("checks") or []:
        ws.append([r.get("id"), STATUS.get(r.get("status", ""), r.get("status")), r.get("severity", ""), r.get("message"), r.get("basis", ""), r.get("location", "")])
    ws.append([])
    ws.append(["数据项", "来源"])
    for path, source in (report.get("provenance") or {}).items():
        ws.append([path, source])
    for j, width in enumerate([10, 8, 6, 80, 50, 30], start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    for row in ws.iter_rows():
        for cell in row:
            cell.font = Font(name=FONT, size=10)
            cell.alignment = Alignment(vertical="top", wrap_text=True)


def render_xlsx(report: Mapping[str, Any]) -> bytes:
    fmt = common.report_format(report)
    wb = Workbook()
    grids = common.grids(report)
    first = True
    for s in fmt.sections:
        if s.is_narrative:
            continue
        _sheet(wb, report, grids[s.key], s.heading, first=first)
        first = False
    _checks_sheet(wb, report)
    wb.properties.title = common.title(report)
    wb.properties.creator = str(report["agency"]["name"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
