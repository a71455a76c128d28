"""The report as one HTML document: the exact table layout with its merged cells.

Semantic tables (``<th scope>``; a ``<tbody>`` per group of 表二; the three header rows of
表三 and 表四 in ``<thead>``), all text escaped. The same document is the portal page and,
with its print stylesheet, the source of the PDF.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from gongkai.annual_report import formats as F
from gongkai.annual_report.render import common

STYLE = """
.annual-report { max-width: 60rem; margin: 0 auto; color: #111;
  font-family: "FangSong", "STFangsong", "仿宋", "Noto Serif CJK SC", serif; font-size: 1.05rem; line-height: 1.8; }
.annual-report h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "Noto Serif CJK SC", "SimSun", serif;
  font-weight: 700; font-size: 1.8rem; text-align: center; line-height: 1.5; margin: 0 0 1.2em; }
.annual-report h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-weight: 400;
  font-size: 1.1rem; margin: 1.2em 0 0.4em; text-indent: 2em; }
.annual-report p { margin: 0; text-indent: 2em; text-align: justify; }
.annual-report p.empty { color: #777; }
.annual-report .signature { margin-top: 2em; }
.annual-report .signature p { text-indent: 0; text-align: right; padding-right: 4em; }
.annual-report .revisions { margin-top: 1.5em; border-top: 1px solid #999; padding-top: .5em; }
.annual-report .revisions p { text-indent: 0; font-size: .95em; }
.annual-report caption.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.annual-report table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 0.85rem;
  line-height: 1.4; font-family: "FangSong", "仿宋", "Noto Serif CJK SC", serif; table-layout: fixed; }
.annual-report th, .annual-report td { border: 1px solid #000; padding: 0.25em 0.3em;
  text-align: center; vertical-align: middle; font-weight: 400; overflow-wrap: anywhere; }
.annual-report th[scope="row"] { text-align: left; }
.annual-report td.note { text-align: left; font-size: 0.8rem; }
.annual-report td.num { font-variant-numeric: tabular-nums; }
.annual-report .t2 col.l { width: 31%; } .annual-report .t2 col.d { width: 23%; }
.annual-report .t3 col.l1 { width: 7%; } .annual-report .t3 col.l2 { width: 11%; }
.annual-report .t3 col.l3 { width: 33%; } .annual-report .t3 col.d { width: 7%; }
.annual-report .t4 { font-size: 0.8rem; }
.annual-report .t4 col.d { width: 6.4%; } .annual-report .t4 col.t { width: 7.2%; }
@media screen { .table-scroll { overflow-x: auto; } .annual-report .t3, .annual-report .t4 { min-width: 44rem; } }

@page { size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center { content: "— " counter(page) " —"; font-family: "Noto Serif CJK SC", serif; font-size: 14pt; } }
@media print {
  .annual-report { max-width: none; font-family: "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 28pt; }
  .annual-report h1 { font-family: "Noto Serif CJK SC", serif; font-weight: 700; font-size: 22pt; line-height: 36pt; margin: 0 0 28pt; }
  .annual-report h2 { font-family: "Noto Sans CJK SC", sans-serif; font-weight: 400; font-size: 16pt; margin: 0; break-after: avoid; }
  .annual-report table { font-size: 11pt; line-height: 15pt; margin: 4pt 0 12pt; }
  .annual-report th, .annual-report td { padding: 3pt 3pt; border: 0.75pt solid #000; }
  .annual-report .t3 { font-size: 9pt; line-height: 11.5pt; }
  .annual-report .t3 th, .annual-report .t3 td { padding: 1.5pt 2pt; }
  .annual-report .t4 { font-size: 9pt; line-height: 12pt; }
  .annual-report .t4 th, .annual-report .t4 td { padding: 2pt 1pt; }
  .annual-report td.note { font-size: 8.5pt; }
  .annual-report section#table3 { break-before: page; }
  .annual-report .t2 tbody { break-inside: avoid; }
  .annual-report thead { display: table-header-group; }
  .annual-report tr { break-inside: avoid; }
  .annual-report .signature { margin-top: 28pt; break-inside: avoid; }
}
"""

COLGROUPS = {
    "table2": '<colgroup><col class="l"><col class="d"><col class="d"><col class="d"></colgroup>',
    "table3": '<colgroup><col class="l1"><col class="l2"><col class="l3">' + '<col class="d">' * 7 + "</colgroup>",
    "table4": "<colgroup>" + ('<col class="d">' * 4 + '<col class="t">') * 3 + "</colgroup>",
}
_CLASSES = {"table2": "t2", "table3": "t3", "table4": "t4"}


def _span(cell: F.Cell) -> str:
    out = ""
    if cell.rowspan > 1:
        out += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        out += f' colspan="{cell.colspan}"'
    return out


def _cell(report: Mapping[str, Any], cell: F.Cell) -> str:
    text = escape(common.cell_text(report, cell))
    span = _span(cell)
    if cell.role is F.Role.DATA:
        return f'<td class="num"{span}>{text}</td>'
    if cell.role is F.Role.NOTE:
        return f'<td class="note"{span}>{text}</td>'
    if cell.role is F.Role.ROW:
        scope = "rowgroup" if cell.rowspan > 1 else "row"
    else:
        scope = "colgroup" if cell.colspan > 1 else "col"
    return f'<th scope="{scope}"{span}>{text}</th>'


def table_html(report: Mapping[str, Any], grid: F.Grid, labelled_by: str) -> str:
    rows = grid.rows()
    out = [
        f'<div class="table-scroll"><table class="{_CLASSES[grid.key]}" aria-labelledby="{labelled_by}">',
        f'<caption class="sr">{escape(common.table_caption(report, grid.key))}</caption>',
        COLGROUPS[grid.key],
    ]
    if grid.header_rows:
        out.append("<thead>")
        out += ["<tr>" + "".join(_cell(report, c) for c in row) + "</tr>" for row in rows[: grid.header_rows]]
        out.append("</thead><tbody>")
        out += ["<tr>" + "".join(_cell(report, c) for c in row) + "</tr>" for row in rows[grid.header_rows :]]
        out.append("</tbody>")
    else:
        # 表二: one <tbody> per group, opened at each full-width group row.
        opened = False
        for row in rows:
            if row and row[0].role is F.Role.GROUP:
                out.append("</tbody><tbody>" if opened else "<tbody>")
                opened = True
            out.append("<tr>" + "".join(_cell(report, c) for c in row) + "</tr>")
        out.append("</tbody>")
    out.append("</table></div>")
    return "".join(out)


def _paragraphs(text: str | None) -> str:
    paras = common.paragraphs(text)
    if not paras:
        return f'<p class="empty">{escape(common.EMPTY_SECTION)}</p>'
    return "".join(f"<p>{escape(p)}</p>" for p in paras)


def body_html(report: Mapping[str, Any]) -> str:
    """The report as an ``<article>``, for embedding in a portal page."""
    fmt = common.report_format(report)
    grids = common.grids(report)
    out = [f'<article class="annual-report"><h1>{escape(common.title(report))}</h1>', f"<p>{escape(common.intro(report))}</p>"]
    for s in fmt.sections:
        hid = f"section-{s.key}"
        out.append(f'<section id="{s.key}"><h2 id="{hid}">{escape(s.heading)}</h2>')
        out.append(table_html(report, grids[s.key], hid) if not s.is_narrative else _paragraphs(report["sections"].get(s.key)))
        out.append("</section>")
    name, date = common.signature(report)
    out.append(f'<footer class="signature"><p>{escape(name)}</p>' + (f"<p>{escape(date)}</p>" if date else "") + "</footer>")
    revisions = common.revision_lines(report)
    if revisions:
        out.append('<aside class="revisions" aria-label="修订说明">' + "".join(f"<p>{escape(line)}</p>" for line in revisions) + "</aside>")
    out.append("</article>")
    return "".join(out)


def render_html(report: Mapping[str, Any]) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(common.title(report))}</title><style>{STYLE}</style></head>"
        f"<body>{body_html(report)}</body></html>\n"
    )
