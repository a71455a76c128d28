"""Building expanded grids of ``RawCell`` from cells with row and column spans. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.report_audit import normalise as N
from gongkai.report_audit.document import RawCell, RawTable

MAX_SPAN = 60  # a span beyond any official table: a broken page, clipped


@dataclass(frozen=True)
class SpanCell:
    text: str  # as found (not yet cleaned)
    rowspan: int = 1
    colspan: int = 1


def clean_cell(text: str) -> str:
    return N.cell_text(N.clean_text(text))


def expand(rows: list[list[SpanCell]], has_image: bool = False) -> RawTable:
    """HTML-style rows (each row lists the cells that start in it) → an expanded grid."""
    grid: dict[tuple[int, int], RawCell] = {}
    anchor = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            rs, cs = max(1, min(cell.rowspan, MAX_SPAN)), max(1, min(cell.colspan, MAX_SPAN))
            raw = RawCell(clean_cell(cell.text), anchor, N.squeeze(cell.text).replace("\n", " "))
            for dr in range(rs):
                for dc in range(cs):
                    grid.setdefault((r + dr, c + dc), raw)
            anchor += 1
            c += cs
    if not grid:
        return RawTable([], has_image)
    n_rows = max(r for r, _ in grid) + 1
    n_cols = max(c for _, c in grid) + 1
    out: list[list[RawCell]] = []
    for r in range(n_rows):
        line = []
        for c in range(n_cols):
            cell = grid.get((r, c))
            if cell is None:
                cell = RawCell("", anchor)
                anchor += 1
            line.append(cell)
        out.append(line)
    return RawTable(out, has_image)


def from_text_rows(rows: list[list[str]]) -> RawTable:
    """Pipe or tab rows: no spans, every cell its own anchor. Rows keep their own length
    (a browser's copy leaves out the cells a rowspan covers, so rows end aligned, not
    begin aligned)."""
    out: list[list[RawCell]] = []
    anchor = 0
    for row in rows:
        line = []
        for text in row:
            line.append(RawCell(clean_cell(text), anchor, N.squeeze(text).replace("\n", " ")))
            anchor += 1
        out.append(line)
    return RawTable(out)
