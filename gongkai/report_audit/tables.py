"""Recover 表二, 表三 and 表四 from what a reader found, into the schema's shapes. Pure.

Every label, row, column and span comes from ``annual_report.formats``; this module only
knows how documents lay those out. Two ways in:

- grids (HTML, DOCX, XLSX, pipe and tab tables): each row's label cells name the format
  row, its trailing cells are the values, merged cells are read once;
- lines (plain text, PDF): a row is a run of value tokens at the end of a line (or, in
  one-cell-per-line text, consecutive lines of one value each) together with the label
  text since the previous row. In a PDF, values of a row with an empty cell are placed by
  their column position in ``pdftotext -layout``.

Blank, "0", "/" and "—" are kept apart: a cell's token is its text ("" for blank).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.annual_report import formats as F
from gongkai.report_audit import normalise as N
from gongkai.report_audit.document import Block, RawCell, RawTable
from gongkai.report_audit.structure import is_value

TABLE_KEYS = ("table2", "table3", "table4")
MIN_LOOSE_LABEL = 4  # a label without its numbering must still say something
MAX_BAD_CELL = 6  # one-cell-per-line text: a short line inside a row is a cell, not a label


@dataclass
class TableRead:
    key: str
    status: str = "missing"  # "ok" | "missing" | "image"
    cells: dict[str, str | None] = field(default_factory=dict)  # figure path -> token ("" blank); None: row absent
    evidence: dict[str, str] = field(default_factory=dict)  # figure path -> text as the document shows it
    rows_found: set[str] = field(default_factory=set)
    label_variants: list[tuple[str, str, str]] = field(default_factory=list)  # (row or column key, canonical, found)
    columns_missing: list[str] = field(default_factory=list)  # canonical column labels not found
    unplaced: list[str] = field(default_factory=list)  # row keys whose empty cell could not be placed
    via: str = ""


# -- classification and format version -----------------------------------------------------------


def _k(text: str) -> str:
    return N.label_key(text)


_T3_MARKS = tuple(_k(x) for x in (F.TABLE3_2021.header, F.TABLE3_2021.rows[0].label, F.TABLE3_2021.row("open").label))
_T4_MARKS = tuple(_k(label) for _, label in F.TABLE4.columns[:2])
_T4_GROUP = _k(F.TABLE4.groups[0].label)
_T2_MARKS = (_k(F.ITEM_HEADER), _k(F.TABLE2_2021.groups[0].label)[:-2])


def classify(text: str) -> str | None:
    key = _k(text)
    if any(m in key for m in _T3_MARKS):
        return "table3"
    if _T4_GROUP in key and any(m in key for m in _T4_MARKS):
        return "table4"
    if any(m in key for m in _T2_MARKS):
        return "table2"
    return None


def _distinct_labels(version: str) -> list[str]:
    other = F.FORMAT_2019 if version == F.FORMAT_2021 else F.FORMAT_2021
    theirs = {_k(x) for x in F.all_labels(F.get_format(other))}
    return sorted({_k(x) for x in F.all_labels(F.get_format(version))} - theirs)


def detect_version(text: str) -> tuple[str | None, list[str]]:
    """The format version the tables' labels belong to (B4), with the labels seen."""
    key = _k(text)
    marks = sorted(((m, v) for v in F.FORMAT_VERSIONS for m in _distinct_labels(v)), key=lambda x: -len(x[0]))
    seen: dict[str, list[str]] = {v: [] for v in F.FORMAT_VERSIONS}
    for mark, version in marks:
        if mark and mark in key:
            seen[version].append(mark)
            key = key.replace(mark, "|")
    best = max(F.FORMAT_VERSIONS, key=lambda v: len(seen[v]))
    if not seen[best]:
        return None, []
    return best, seen[best]


# -- label matching --------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    key: str  # format row key
    label: str  # canonical label


def match_label(text: str, candidates: list[Candidate], taken: set[str]) -> tuple[str, str] | None:
    """(row key, "exact" | "variant"): the candidate whose label ends last in ``text``
    (labels accumulate from the outer group to the row's own), longest first."""
    key = _k(text)
    best: tuple[int, int, str] | None = None
    for c in candidates:
        if c.key in taken:
            continue
        ck = _k(c.label)
        pos = key.rfind(ck)
        if ck and pos >= 0 and (best is None or (pos + len(ck), len(ck)) > best[:2]):
            best = (pos + len(ck), len(ck), c.key)
    if best:
        return best[2], "exact"
    loose_key = _k(N.strip_notes(text))
    for c in candidates:
        if c.key in taken:
            continue
        loose = _k(N.strip_numbering(c.label))
        pos = loose_key.rfind(loose)
        if len(loose) >= MIN_LOOSE_LABEL and pos >= 0 and (best is None or (pos + len(loose), len(loose)) > best[:2]):
            best = (pos + len(loose), len(loose), c.key)
    return (best[2], "variant") if best else None


def _t2_candidates(fmt: F.ReportFormat) -> list[Candidate]:
    return [Candidate(r.key, r.label) for g in fmt.table2.groups for r in g.rows]


def _t3_candidates(fmt: F.ReportFormat) -> list[Candidate]:
    return [Candidate(r.key, r.label) for r in fmt.table3.rows]


def _t2_group(fmt: F.ReportFormat, row_key: str) -> F.T2Group:
    return next(g for g in fmt.table2.groups for r in g.rows if r.key == row_key)


def _t2_paths(fmt: F.ReportFormat, row_key: str) -> list[str]:
    g = _t2_group(fmt, row_key)
    return [f"table2.{row_key}" + (f".{c.key}" if c.key else "") for c in g.columns]


def _t3_paths(fmt: F.ReportFormat, row_key: str) -> list[str]:
    return [f"table3.rows.{row_key}.{c}" for c in fmt.table3.column_keys]


def _t4_paths(fmt: F.ReportFormat) -> list[str]:
    return [f"table4.{b.key}.{k}" for b in fmt.table4.blocks for k, _ in fmt.table4.columns]


def empty_read(key: str, fmt: F.ReportFormat) -> TableRead:
    t = TableRead(key)
    for f in F.figures(fmt):
        if f.table == key:
            t.cells[f.path] = None
    return t


def _column_labels(fmt: F.ReportFormat, key: str) -> list[str]:
    if key == "table3":
        return [c.label for c in fmt.table3.columns]
    if key == "table4":
        return [label for _, label in fmt.table4.columns]
    return list(dict.fromkeys(c.label for g in fmt.table2.groups for c in g.columns))


def _check_columns(t: TableRead, fmt: F.ReportFormat, header_text: str) -> None:
    key = _k(header_text)
    t.columns_missing = [label for label in _column_labels(fmt, t.key) if _k(label) not in key]


# -- grids --------------------------------------------------------------------------------


def _distinct(row: list[RawCell]) -> list[RawCell]:
    out: list[RawCell] = []
    for c in row:
        if not out or out[-1].anchor != c.anchor:
            out.append(c)
    return out


def _own_label(label_cells: list[RawCell]) -> str:
    texts = [c.text for c in label_cells if c.text]
    return texts[-1] if texts else ""


def _note_variant(t: TableRead, row_key: str, canonical: str, own: str, status: str) -> None:
    own_key, can_key = _k(own), _k(canonical)
    if status == "variant" or (own and own_key != can_key and can_key in own_key):
        t.label_variants.append((row_key, canonical, own))


def _store(t: TableRead, paths: list[str], cells: list[RawCell | str]) -> None:
    for p, c in zip(paths, cells, strict=False):
        if isinstance(c, RawCell):
            t.cells[p] = c.text
            t.evidence[p] = c.raw or c.text
        else:
            t.cells[p] = c
            t.evidence[p] = c


def read_grid(key: str, tables: list[RawTable], fmt: F.ReportFormat) -> TableRead:
    t = empty_read(key, fmt)
    t.via = "grid"
    rows = [r for table in tables for r in table.rows]
    if not rows:
        return t
    t.status = "ok"
    header: list[str] = []
    if key == "table4":
        _grid_table4(t, rows, fmt, header)
    else:
        candidates = _t3_candidates(fmt) if key == "table3" else _t2_candidates(fmt)
        width = len(fmt.table3.columns) if key == "table3" else None
        for row in rows:
            cells = _distinct(row)
            if key == "table3":
                if len(row) <= len(fmt.table3.columns):
                    header.append(" ".join(c.text for c in cells))
                    continue
                values = row[-len(fmt.table3.columns):]
                label_cells = _distinct(row[: -len(fmt.table3.columns)])
            else:
                label_cells, values = cells[:1], cells[1:]
            label_text = " ".join(c.text for c in label_cells)
            hit = match_label(label_text, candidates, t.rows_found)
            if not hit:
                header.append(" ".join(c.text for c in cells))
                continue
            row_key, status = hit
            t.rows_found.add(row_key)
            canonical = next(c.label for c in candidates if c.key == row_key)
            _note_variant(t, row_key, canonical, _own_label(label_cells), status)
            if key == "table3":
                assert width is not None
                _store(t, _t3_paths(fmt, row_key), list(values))
            else:
                _store(t, _t2_paths(fmt, row_key), _t2_values(fmt, row_key, row, label_cells))
    _check_columns(t, fmt, " ".join(header))
    return t


def _t2_values(fmt: F.ReportFormat, row_key: str, row: list[RawCell], label_cells: list[RawCell]) -> list[RawCell | str]:
    """The values of a 表二 row, whatever the document did with the spans: the grid
    positions right of the label, one per format column (at its first position)."""
    g = _t2_group(fmt, row_key)
    first = next(i for i, c in enumerate(row) if c.anchor == label_cells[0].anchor)
    label_end = first + sum(1 for c in row if c.anchor == label_cells[0].anchor)
    rest = row[label_end:]
    distinct = _distinct(rest)
    if len(distinct) == len(g.columns):
        return list(distinct)
    out: list[RawCell | str] = []
    pos = 0
    for c in g.columns:
        out.append(rest[pos] if pos < len(rest) else "")
        pos += c.span
    if g.scalar and not (isinstance(out[0], RawCell) and out[0].text):
        filled = [c for c in distinct if c.text]
        out = [filled[0] if filled else ""]
    return out


def _grid_table4(t: TableRead, rows: list[list[RawCell]], fmt: F.ReportFormat, header: list[str]) -> None:
    n = len(_t4_paths(fmt))
    def numbers(tail: list[RawCell]) -> int:
        return sum(1 for c in tail if is_value(c.text))

    data = max((row[-n:] for row in rows if len(row) >= n), key=numbers, default=None)
    if data is not None and numbers(data) < n // 2:
        data = None
    header += [" ".join(c.text for c in _distinct(row)) for row in rows if data is None or row[-n:] is not data]
    if data is None:
        t.status = "missing"
        return
    t.rows_found = {b.key for b in fmt.table4.blocks}
    _store(t, _t4_paths(fmt), list(data))


# -- lines ----------------------------------------------------------------------------------


@dataclass
class ValueRow:
    label: str
    values: list[str]
    index: int  # order within the region


def _split(line: str) -> tuple[str, list[str]]:
    tokens = line.split()
    k = len(tokens)
    while k > 0 and is_value(tokens[k - 1]):
        k -= 1
    return " ".join(tokens[:k]), tokens[k:]


def _next_is_value(lines: list[str], i: int) -> bool:
    nxt = next((ln for ln in lines[i + 1 :] if ln), "")
    return bool(nxt) and is_value(nxt.strip())


def value_rows(blocks: list[Block], width_of: object, *, text_first_cell: bool = True) -> list[ValueRow]:
    """Rows of values with their labels, from lines. ``width_of(label) -> int | None``
    gives the expected number of values (one-cell-per-line text needs it for blanks)."""
    lines = [b.text for b in blocks if b.kind == "text"]
    singles = sum(1 for ln in lines if ln and len(ln.split()) == 1 and is_value(ln.strip()))
    multis = sum(1 for ln in lines if ln and len(_split(ln)[1]) > 1)
    one_cell = singles >= 5 and singles >= 2 * multis
    out: list[ValueRow] = []
    label: list[str] = []
    run: list[str] | None = None
    width: int | None = None
    for i, ln in enumerate(lines):
        if one_cell:
            if ln and is_value(ln.strip()):
                if run is None:
                    run = []
                    width = width_of(" ".join(label))  # type: ignore[operator]
                run.append(ln.strip())
                if width is not None and len(run) >= width:
                    out.append(ValueRow(" ".join(label), run, len(out)))
                    label, run = [], None
                continue
            if not ln:
                if run is not None and width is not None and len(run) < width:
                    run.append("")
                elif run is None and label and _next_is_value(lines, i):
                    # an empty first cell: the row starts here
                    run = [""]
                    width = width_of(" ".join(label))  # type: ignore[operator]
                continue
            short = len(ln.strip()) <= MAX_BAD_CELL
            if run is not None and width is not None and len(run) < width and short:
                run.append(ln.strip())  # a cell that is not a number ("十", "无")
                if len(run) >= width:
                    out.append(ValueRow(" ".join(label), run, len(out)))
                    label, run = [], None
                continue
            if run is None and text_first_cell and label and short and _next_is_value(lines, i) and width_of(" ".join(label)) is not None:
                run = [ln.strip()]
                width = width_of(" ".join(label))  # type: ignore[operator]
                continue
            if run is not None:
                out.append(ValueRow(" ".join(label), run, len(out)))
                label, run = [], None
            label.append(ln)
            continue
        if not ln:
            continue
        text, values = _split(ln)
        if text:
            label.append(text)
        if values:
            out.append(ValueRow(" ".join(label), values, len(out)))
            label = []
    if run is not None:
        out.append(ValueRow(" ".join(label), run, len(out)))
    return out


def layout_region(layout: list[str], heading: str, next_heading: str | None) -> list[str]:
    hk = _k(heading)
    start = next((i for i, ln in enumerate(layout) if hk and hk in _k(ln)), None)
    if start is None:
        return []
    end = len(layout)
    if next_heading:
        nk = _k(next_heading)
        end = next((i for i in range(start + 1, len(layout)) if nk and nk in _k(layout[i])), len(layout))
    return layout[start + 1 : end]


def _positions(line: str) -> list[tuple[str, float]]:
    """Trailing value tokens of a layout line with their centre (character column)."""
    found = [(m.group(0), (m.start() + m.end()) / 2) for m in re.finditer(r"\S+", line)]
    k = len(found)
    while k > 0 and is_value(found[k - 1][0]):
        k -= 1
    return found[k:]


def _place(tokens: list[tuple[str, float]], centres: list[float]) -> list[str]:
    """Each token to its nearest column, in order; the other columns are blank."""
    out = [""] * len(centres)
    j = 0
    for text, x in tokens:
        best = min(range(j, len(centres)), key=lambda c: abs(centres[c] - x), default=None)
        if best is None:
            break
        out[best] = text
        j = best + 1
    return out


class LayoutPlacer:
    """Places the values of short rows by column position (PDF ``-layout`` lines)."""

    def __init__(self, region: list[str], rows: list[ValueRow]) -> None:
        lines = [p for p in (_positions(ln) for ln in region) if p]
        self.by_row = {r.index: lines[i] for i, r in enumerate(rows)} if len(lines) == len(rows) else {}

    def centres(self, rows: list[ValueRow], width: int) -> list[float] | None:
        full = [self.by_row[r.index] for r in rows if r.index in self.by_row and len(self.by_row[r.index]) == width]
        if not full:
            return None
        return [sum(p[j][1] for p in full) / len(full) for j in range(width)]

    def place(self, row: ValueRow, centres: list[float] | None) -> list[str] | None:
        if centres is None or row.index not in self.by_row:
            return None
        return _place(self.by_row[row.index], centres)


def read_lines(
    key: str,
    blocks: list[Block],
    fmt: F.ReportFormat,
    *,
    layout_region: list[str] | None = None,
) -> TableRead:
    t = empty_read(key, fmt)
    t.via = "lines"
    if key == "table4":
        n = len(_t4_paths(fmt))
        rows = value_rows(blocks, lambda label: n, text_first_cell=False)
        full = [r for r in rows if len(r.values) >= n]
        chosen = full[0] if full else max(rows, key=lambda r: len(r.values), default=None)
        if chosen is None or len(chosen.values) < 2:
            return t
        t.status = "ok"
        t.rows_found = {b.key for b in fmt.table4.blocks}
        values = chosen.values[-n:]
        if len(values) < n:
            t.unplaced.append("table4")
            values = values + [""] * (n - len(values))
        _store(t, _t4_paths(fmt), list(values))
        _check_columns(t, fmt, " ".join(b.text for b in blocks if b.kind == "text"))
        return t
    candidates = _t3_candidates(fmt) if key == "table3" else _t2_candidates(fmt)

    def width_of(label: str) -> int | None:
        hit = match_label(label, candidates, set())
        if key == "table3":
            return len(fmt.table3.columns) if hit else None
        return len(_t2_group(fmt, hit[0]).columns) if hit else None

    rows = value_rows(blocks, width_of)
    if not rows:
        return t
    t.status = "ok"
    matched: dict[int, tuple[str, str]] = {}
    taken: set[str] = set()
    for r in rows:
        hit = match_label(r.label, candidates, taken)
        if hit:
            matched[r.index] = hit
            taken.add(hit[0])
    if len(matched) < len(candidates) and len(rows) == len(candidates):
        # Labels garbled but the rows are all there: the order of the format decides.
        matched = {
            r.index: (c.key, "exact" if matched.get(r.index, ("", ""))[0] == c.key else "variant")
            for r, c in zip(rows, candidates, strict=True)
        }
    # A row whose cells are all empty has no values on its line: its label is then part of
    # the label text of the next row.
    empty_rows: list[str] = []
    for r in rows:
        own = matched.get(r.index)
        if own is None:
            continue
        key_text = _k(r.label)
        for c in candidates:
            if c.key not in taken and c.key != own[0] and _k(c.label) in key_text:
                empty_rows.append(c.key)
                taken.add(c.key)
    for row_key in empty_rows:
        t.rows_found.add(row_key)
        paths = _t3_paths(fmt, row_key) if key == "table3" else _t2_paths(fmt, row_key)
        _store(t, paths, [""] * len(paths))
    placer = LayoutPlacer(layout_region, rows) if layout_region else None
    for r in rows:
        if r.index not in matched:
            continue
        row_key, status = matched[r.index]
        t.rows_found.add(row_key)
        canonical = next(c.label for c in candidates if c.key == row_key)
        if status == "variant":
            t.label_variants.append((row_key, canonical, r.label[-60:]))
        paths = _t3_paths(fmt, row_key) if key == "table3" else _t2_paths(fmt, row_key)
        values: list[str] = r.values[-len(paths):]
        if len(values) < len(paths):
            placed = None
            if placer is not None:
                same = [x for x in rows if x.index in matched and len(_paths_for(key, fmt, matched[x.index][0])) == len(paths)]
                centres = placer.centres(same, len(paths))
                if centres is None and key == "table2":
                    centres = _t2_centres(placer, rows, matched, fmt, row_key)
                placed = placer.place(r, centres)
            if placed is None:
                t.unplaced.append(row_key)
                placed = values + [""] * (len(paths) - len(values))
            values = placed
        _store(t, paths, list(values))
    _check_columns(t, fmt, " ".join(b.text for b in blocks if b.kind == "text"))
    return t


def _paths_for(key: str, fmt: F.ReportFormat, row_key: str) -> list[str]:
    return _t3_paths(fmt, row_key) if key == "table3" else _t2_paths(fmt, row_key)


def _t2_centres(placer: LayoutPlacer, rows: list[ValueRow], matched: dict[int, tuple[str, str]], fmt: F.ReportFormat, row_key: str) -> list[float] | None:
    """表二 groups of one or two columns: centres from the three-column rows and spans."""
    three = [x for x in rows if x.index in matched and len(_t2_group(fmt, matched[x.index][0]).columns) == 3]
    base = placer.centres(three, 3)
    if base is None:
        return None
    out, pos = [], 0
    for c in _t2_group(fmt, row_key).columns:
        out.append(sum(base[pos : pos + c.span]) / c.span)
        pos += c.span
    return out
