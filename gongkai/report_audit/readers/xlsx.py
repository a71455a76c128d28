"""XLSX reader (openpyxl): every sheet is a grid with its merged ranges expanded. Rows
before the first row of several cells (a sheet's title and heading) are read as text, so
a workbook like Gongkai's own (表二/表三/表四 sheets) gives headings and tables."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

from gongkai.report_audit import normalise as N
from gongkai.report_audit.document import Block, Document, RawCell, RawTable, ReadError
from gongkai.report_audit.readers.grid import clean_cell

MAX_CELLS = 50_000


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(Decimal(str(value)).normalize(), "f")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def read_xlsx(name: str, data: bytes) -> Document:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ReadError(f"无法打开Excel文件（只支持.xlsx）：{exc}") from None
    doc = Document(name, "xlsx", tables_only=True)
    for ws in wb.worksheets:
        n_rows, n_cols = ws.max_row, ws.max_column
        if n_rows * n_cols > MAX_CELLS:
            raise ReadError(f"工作表“{ws.title}”过大，无法读取")
        owner: dict[tuple[int, int], tuple[int, int]] = {}
        for rng in ws.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    owner[(r, c)] = (rng.min_row, rng.min_col)
        values = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row}
        anchors: dict[tuple[int, int], RawCell] = {}
        grid: list[list[RawCell]] = []
        for r in range(1, n_rows + 1):
            line = []
            for c in range(1, n_cols + 1):
                top = owner.get((r, c), (r, c))
                if top not in anchors:
                    raw = _text(values.get(top))
                    anchors[top] = RawCell(clean_cell(raw), len(anchors), raw)
                line.append(anchors[top])
            grid.append(line)
        start = 0
        while start < len(grid) and len({c.anchor for c in grid[start]}) == 1:
            text = next((c.text for c in grid[start] if c.text), "")
            doc.add_text(N.squeeze(text))
            start += 1
        rows = [row for row in grid[start:] if any(c.text for c in row)]
        if rows:
            doc.blocks.append(Block("table", table=RawTable(rows)))
    return doc
