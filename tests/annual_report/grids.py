"""Read tables back from rendered files into grids of anchored cells, and state where the
format definition says every label and number must be.

The expectations are written from the layout rules of annual-report-format.md (§3, §4.1,
§4.2, §5), reading only the format's data (labels, rows, columns), not its layout code.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from typing import Any

from gongkai.annual_report import formats as F


@dataclass(frozen=True)
class Anchor:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str


# -- expectations -------------------------------------------------------------------------


def expected_table2(fmt: F.ReportFormat, report: dict[str, Any]) -> list[Anchor]:
    """§3 / §8.1: per group a full-width group row, a 信息内容 column-header row, then the
    item rows; the table is 1 label column + 3 data columns."""
    out: list[Anchor] = []
    r = 0
    for g in fmt.table2.groups:
        out.append(Anchor(r, 0, 1, 4, g.label))
        out.append(Anchor(r + 1, 0, 1, 1, F.ITEM_HEADER))
        col = 1
        for c in g.columns:
            out.append(Anchor(r + 1, col, 1, c.span, c.label))
            col += c.span
        assert col == 4
        r += 2
        for row in g.rows:
            out.append(Anchor(r, 0, 1, 1, row.label))
            col = 1
            for c in g.columns:
                value = report["table2"][row.key] if g.scalar else report["table2"][row.key][c.key]
                out.append(Anchor(r, col, 1, c.span, str(value)))
                col += c.span
            r += 1
    return out


def expected_table3(fmt: F.ReportFormat, report: dict[str, Any]) -> list[Anchor]:
    """§4.1: the note spans 3 header rows × 3 label columns; 申请人情况 spans the 7 data
    columns; 自然人 and 总计 span header rows 2–3; 法人或其他组织 spans its 5 columns.
    §4.2: a label cell spans the rows that share it, and the last label of a row spans
    the remaining label columns."""
    t3 = fmt.table3
    org = [c for c in t3.columns if c.group]
    out = [Anchor(0, 0, 3, 3, t3.note), Anchor(0, 3, 1, 7, t3.header)]
    out.append(Anchor(1, 3, 2, 1, t3.columns[0].label))
    out.append(Anchor(1, 4, 1, 5, t3.org_group))
    out.append(Anchor(1, 9, 2, 1, t3.columns[-1].label))
    out += [Anchor(2, 4 + i, 1, 1, c.label) for i, c in enumerate(org)]
    rows = list(t3.rows)
    for i, row in enumerate(rows):
        for level, text in enumerate(row.path):
            prefix = row.path[: level + 1]
            if i and rows[i - 1].path[: level + 1] == prefix:
                continue
            span = 1
            while i + span < len(rows) and rows[i + span].path[: level + 1] == prefix:
                span += 1
            colspan = 3 - level if level == len(row.path) - 1 else 1
            out.append(Anchor(3 + i, level, span, colspan, text))
        for j, value in enumerate(report["table3"]["rows"][row.key]):
            out.append(Anchor(3 + i, 3 + j, 1, 1, str(value)))
    return out


def expected_table4(fmt: F.ReportFormat, report: dict[str, Any]) -> list[Anchor]:
    """§5: 行政复议 (5 columns) | 行政诉讼 (10); row 2: the 复议 column labels spanning rows
    2–3, then 未经复议直接起诉 and 复议后起诉 (5 each); row 3: their column labels."""
    review, litigation = fmt.table4.groups
    labels = [label for _, label in fmt.table4.columns]
    out = [Anchor(0, 0, 1, 5, review.label), Anchor(0, 5, 1, 10, litigation.label)]
    out += [Anchor(1, j, 2, 1, label) for j, label in enumerate(labels)]
    for b, block in enumerate(litigation.blocks):
        out.append(Anchor(1, 5 + 5 * b, 1, 5, block.label or ""))
        out += [Anchor(2, 5 + 5 * b + j, 1, 1, label) for j, label in enumerate(labels)]
    blocks = [review.blocks[0], *litigation.blocks]
    for b, block in enumerate(blocks):
        for j, (key, _) in enumerate(fmt.table4.columns):
            out.append(Anchor(3, 5 * b + j, 1, 1, str(report["table4"][block.key][key])))
    return out


EXPECTED = {"table2": expected_table2, "table3": expected_table3, "table4": expected_table4}


def assert_grid_matches(found: list[Anchor], expected: list[Anchor], what: str) -> None:
    """Every expected cell is an anchor of the same span and text; nothing else is there."""
    by_pos = {(a.row, a.col): a for a in found}
    for e in expected:
        got = by_pos.get((e.row, e.col))
        assert got is not None, f"{what}: no cell at row {e.row}, column {e.col} (expected “{e.text}”)"
        assert (got.text, got.rowspan, got.colspan) == (e.text, e.rowspan, e.colspan), f"{what} at ({e.row},{e.col}): {got} != {e}"
    assert len(found) == len(expected), f"{what}: {len(found)} cells, expected {len(expected)}"
    # Each official label occurs as often as the format prints it, and nowhere else.
    assert Counter(a.text for a in found) == Counter(e.text for e in expected)


# -- parsers -------------------------------------------------------------------------------


def html_tables(html: str) -> dict[str, list[Anchor]]:
    """The tables of each section (by section id), expanded from rowspan/colspan."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    out = {}
    for section in soup.find_all("section"):
        table = section.find("table")
        if table is None:
            continue
        anchors: list[Anchor] = []
        taken: set[tuple[int, int]] = set()
        for r, tr in enumerate(table.find_all("tr")):
            c = 0
            for cell in tr.find_all(["th", "td"], recursive=False):
                while (r, c) in taken:
                    c += 1
                rs, cs = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
                anchors.append(Anchor(r, c, rs, cs, cell.get_text()))
                for dr in range(rs):
                    for dc in range(cs):
                        taken.add((r + dr, c + dc))
                c += cs
        out[section["id"]] = anchors
    return out


def html_headings(html: str) -> list[str]:
    from bs4 import BeautifulSoup

    return [h.get_text() for h in BeautifulSoup(html, "lxml").find_all("h2")]


def docx_tables(data: bytes) -> list[list[Anchor]]:
    """Each table's anchors: merged cells share one w:tc, whose extent is the span."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    out = []
    for table in doc.tables:
        n_rows, n_cols = len(table.rows), len(table.columns)
        extent: dict[int, list[int]] = {}
        first: dict[int, Any] = {}
        for r in range(n_rows):
            for c in range(n_cols):
                cell = table.cell(r, c)
                key = id(cell._tc)
                if key not in extent:
                    extent[key] = [r, c, r, c]
                    first[key] = cell
                else:
                    e = extent[key]
                    e[2], e[3] = max(e[2], r), max(e[3], c)
        out.append(
            sorted(
                (Anchor(e[0], e[1], e[2] - e[0] + 1, e[3] - e[1] + 1, first[k].text) for k, e in extent.items()),
                key=lambda a: (a.row, a.col),
            )
        )
    return out


def xlsx_table(ws: Any, first_row: int) -> list[Anchor]:
    """Anchors of a sheet from ``first_row`` (1-based) down, using its merged ranges."""
    merged = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges}
    covered = {(r, c) for m in ws.merged_cells.ranges for r in range(m.min_row, m.max_row + 1) for c in range(m.min_col, m.max_col + 1)}
    out = []
    for row in ws.iter_rows(min_row=first_row):
        for cell in row:
            pos = (cell.row, cell.column)
            if pos in merged:
                m = merged[pos]
                rs, cs = m.max_row - m.min_row + 1, m.max_col - m.min_col + 1
            elif pos in covered or cell.value is None:
                continue
            else:
                rs = cs = 1
            value = cell.value
            text = value if isinstance(value, str) else _number_text(value)
            out.append(Anchor(cell.row - first_row, cell.column - 1, rs, cs, text))
    return out


def _number_text(value: Any) -> str:
    from decimal import Decimal

    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (float, Decimal)):
        return format(Decimal(str(value)).normalize(), "f")
    return str(value)
