"""The report as a Word document with the look of a 公文 (GB/T 9704-2012).

A4; margins 天头 37 mm, 订口 28 mm (版心 156 × 225 mm); title 方正小标宋简体 二号 (22 pt),
body 仿宋_GB2312 三号 (16 pt) at a fixed 28 pt line, headings 黑体 三号; tables in 仿宋 with
the format's merged cells; page numbers "— n —" in 宋体 四号 at the foot. East Asian fonts
are set on every run (w:eastAsia), since Word would otherwise take the Latin font.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gongkai.annual_report import formats as F
from gongkai.annual_report.render import common

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"

BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
LINE = Pt(28)  # 22 lines on the 225 mm 版心
TEXT_WIDTH_MM = 156

# Column widths (mm) per table, summing to the text width.
WIDTHS = {
    "table2": [52, 34.6, 34.6, 34.8],
    "table3": [12, 20, 46] + [11.1] * 6 + [11.4],
    "table4": [10.4] * 15,
}
TABLE_SIZES = {"table2": Pt(10.5), "table3": Pt(9), "table4": Pt(9)}


def _fonts(run: Any, east_asia: str, size: Pt | None = None, bold: bool | None = None) -> None:
    run.font.name = LATIN_FONT
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:ascii"), LATIN_FONT)
    rfonts.set(qn("w:hAnsi"), LATIN_FONT)
    if size is not None:
        run.font.size = size
    if bold is not None:
        run.font.bold = bold


def _paragraph(doc_or_cell: Any, text: str, *, font: str = BODY_FONT, size: Pt = BODY_SIZE, indent: bool = True,
               align: int | None = None, line: Pt | None = LINE, bold: bool | None = None) -> Any:
    p = doc_or_cell.add_paragraph()
    fmt = p.paragraph_format
    if line is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = line
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size.pt * 2)  # 首行缩进2字
    if align is not None:
        p.alignment = align
    _fonts(p.add_run(text), font, size, bold)
    return p


def _page_number(section: Any) -> None:
    """Footer "— PAGE —", centred, 宋体 四号 (GB/T 9704 7.5)."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(p.add_run("— "), PAGE_NUMBER_FONT, Pt(14))
    run = p.add_run()
    _fonts(run, PAGE_NUMBER_FONT, Pt(14))
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._element.append(el)
    _fonts(p.add_run(" —"), PAGE_NUMBER_FONT, Pt(14))


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)
    cant = OxmlElement("w:cantSplit")
    cant.set(qn("w:val"), "true")
    trpr.append(cant)


def _table(doc: Any, report: Mapping[str, Any], grid: F.Grid) -> None:
    table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = WIDTHS[grid.key]
    for row in table.rows:
        for j, cell in enumerate(row.cells):
            cell.width = Mm(widths[j])
    for i in range(grid.header_rows):
        _repeat_header(table.rows[i])
    size = TABLE_SIZES[grid.key]
    for c in grid.cells:
        cell = table.cell(c.row, c.col)
        if c.rowspan > 1 or c.colspan > 1:
            cell = cell.merge(table.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        p = cell.paragraphs[0]
        left = c.role is F.Role.NOTE or (c.role is F.Role.ROW and not (grid.key == "table3" and c.rowspan > 1))
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.line_spacing = 1.0
        _fonts(p.add_run(common.cell_text(report, c)), BODY_FONT, size)


def render_docx(report: Mapping[str, Any]) -> bytes:
    fmt = common.report_format(report)
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)
    normal = doc.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    doc.core_properties.title = common.title(report)
    doc.core_properties.author = str(report["agency"]["name"])
    doc.core_properties.language = "zh-CN"

    _paragraph(doc, common.title(report), font=TITLE_FONT, size=TITLE_SIZE, indent=False,
               align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(36))
    _paragraph(doc, "", indent=False)  # one blank line under the title (GB/T 9704 7.3.3)
    _paragraph(doc, common.intro(report))
    grids = common.grids(report)
    for s in fmt.sections:
        _paragraph(doc, s.heading, font=HEADING_FONT)
        if s.is_narrative:
            paras = common.paragraphs(report["sections"].get(s.key))
            for text in paras or [common.EMPTY_SECTION]:
                _paragraph(doc, text)
        else:
            _table(doc, report, grids[s.key])
    _paragraph(doc, "", indent=False)
    name, date = common.signature(report)
    for text in (name, date):
        if text:
            p = _paragraph(doc, text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
            p.paragraph_format.right_indent = Pt(BODY_SIZE.pt * 4)  # 右空四字 (GB/T 9704 7.3.5.1)
    for line in common.revision_lines(report):
        _paragraph(doc, line, size=Pt(14), line=Pt(24))
    _page_number(section)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
