"""The report's tables as the editor shows them: the format's grid (``formats.layout``) with,
on every number, where it came from and which checks it fails."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gongkai.annual_report import formats as F
from gongkai.annual_report.render import common
from gongkai.annual_report.render.html import COLGROUPS

STATUS_LABELS = {"pass": "通过", "fail": "错误", "warn": "提示"}
SEVERITY_LABELS = {"E": "错误", "W": "警告", "I": "提示"}
# 表三 C1 is located on a column: the four rows of its identity are the cells concerned.
C1_ROWS = ("new", "carried_in", "total", "carried_out")


@dataclass
class CellView:
    tag: str
    text: str
    scope: str = ""
    rowspan: int = 1
    colspan: int = 1
    css: str = ""
    path: str = ""
    anchor: str = ""
    name: str = ""
    provenance: str = ""
    results: list[Mapping[str, Any]] = field(default_factory=list)
    typed: bool = False


@dataclass
class TableView:
    key: str
    heading: str
    heading_id: str
    caption: str
    css: str
    colgroup: str
    head: list[list[CellView]]
    bodies: list[list[list[CellView]]]


def anchor(path: str) -> str:
    return "cell-" + path.replace(".", "-")


def provenance_of(provenance: Mapping[str, str], path: str) -> str:
    """The most specific provenance entry for ``path`` (the cell, its row, its table)."""
    parts = path.split(".")
    while parts:
        key = ".".join(parts)
        if key in provenance:
            return provenance[key]
        parts.pop()
    return ""


def results_by_cell(results: Sequence[Mapping[str, Any]], fmt: F.ReportFormat) -> dict[str, list[Mapping[str, Any]]]:
    """Failed and warned checks on the cells they are located on."""
    paths = [f.path for f in F.figures(fmt)]
    out: dict[str, list[Mapping[str, Any]]] = {}
    for r in results:
        if r.get("status") == "pass":
            continue
        loc = str(r.get("location") or "")
        if not loc.startswith("table"):
            continue
        if loc.startswith("table3.columns."):
            col = loc.rsplit(".", 1)[-1]
            hit = [f"table3.rows.{row}.{col}" for row in C1_ROWS]
        else:
            hit = [p for p in paths if p == loc or p.startswith(loc + ".")]
        for p in hit:
            out.setdefault(p, []).append(r)
    return out


def _label_cell(cell: F.Cell) -> CellView:
    if cell.role is F.Role.NOTE:
        return CellView("td", cell.text, rowspan=cell.rowspan, colspan=cell.colspan, css="note")
    if cell.role is F.Role.ROW:
        scope = "rowgroup" if cell.rowspan > 1 else "row"
    else:
        scope = "colgroup" if cell.colspan > 1 else "col"
    return CellView("th", cell.text, scope=scope, rowspan=cell.rowspan, colspan=cell.colspan)


def table_views(report: Mapping[str, Any], typed_paths: set[str]) -> list[TableView]:
    fmt = common.report_format(report)
    provenance = report.get("provenance") or {}
    flagged = results_by_cell(report.get("checks") or [], fmt)
    names = {f.path: F.describe_figure(f) for f in F.figures(fmt)}
    out = []
    for key, grid in common.grids(report).items():
        rows: list[list[CellView]] = []
        for row in grid.rows():
            cells = []
            for c in row:
                if c.role is not F.Role.DATA:
                    cells.append(_label_cell(c))
                    continue
                path = c.path or ""
                found = flagged.get(path, [])
                css = "num"
                if any(r.get("status") == "fail" for r in found):
                    css += " gk-cell--fail"
                elif found:
                    css += " gk-cell--warn"
                if path in typed_paths:
                    css += " gk-cell--typed"
                cells.append(
                    CellView(
                        "td", common.cell_text(report, c), colspan=c.colspan, rowspan=c.rowspan, css=css, path=path,
                        anchor=anchor(path), name=names.get(path, path), provenance=provenance_of(provenance, path),
                        results=found, typed=path in typed_paths,
                    )
                )
            rows.append(cells)
        head = rows[: grid.header_rows]
        if grid.header_rows:
            bodies = [rows[grid.header_rows :]]
        else:  # 表二: one body per group, each starting at a full-width group row
            bodies = []
            for cells, layout_row in zip(rows, grid.rows(), strict=True):
                if (layout_row and layout_row[0].role is F.Role.GROUP) or not bodies:
                    bodies.append([])
                bodies[-1].append(cells)
        section = fmt.section(key)
        out.append(
            TableView(
                key, section.heading, f"section-{key}", common.table_caption(report, key),
                {"table2": "t2", "table3": "t3", "table4": "t4"}[key], COLGROUPS[key], head, bodies,
            )
        )
    return out



@dataclass
class CheckRows:
    failing: list[dict[str, Any]]  # errors first, then warnings, each in catalogue order
    passed: list[dict[str, Any]]


def check_rows(results: Sequence[Mapping[str, Any]], fmt: F.ReportFormat) -> CheckRows:
    """The check results with the page anchor of what each is about (a cell or a section)."""
    paths = [f.path for f in F.figures(fmt)]
    out = []
    order = {"fail": 0, "warn": 1}
    for r in sorted(results, key=lambda r: order.get(str(r.get("status")), 2)):
        loc = str(r.get("location") or "")
        target = ""
        if loc.startswith("sections."):
            target = "text-" + loc.split(".", 1)[1].split(":", 1)[0]
        elif loc.startswith("table3.columns."):
            target = anchor(f"table3.rows.new.{loc.rsplit('.', 1)[-1]}")
        elif loc.startswith("table"):
            hit = next((p for p in paths if p == loc or p.startswith(loc + ".")), None)
            target = anchor(hit) if hit else ""
        out.append({**r, "anchor": target})
    return CheckRows([r for r in out if r.get("status") != "pass"], [r for r in out if r.get("status") == "pass"])
