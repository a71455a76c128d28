"""Acceptance 2 (DOCX): labels and numbers in the right merged cells, and the official look."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from gongkai.annual_report import formats as F
from gongkai.annual_report.render import render
from tests.annual_report.grids import EXPECTED, assert_grid_matches, docx_tables


def test_docx_tables_match_the_format_definition(reports):
    for version, report in reports.items():
        fmt = F.get_format(version)
        tables = docx_tables(render(report, "docx"))
        assert len(tables) == 3
        for key, found in zip(("table2", "table3", "table4"), tables, strict=True):
            assert_grid_matches(found, EXPECTED[key](fmt, report), f"DOCX {version} {key}")


def test_docx_is_an_a4_document_with_official_fonts_and_page_numbers(reports):
    doc = Document(io.BytesIO(render(reports["2021"], "docx")))
    section = doc.sections[0]
    mm = [round(x.mm) for x in (section.page_width, section.page_height, section.top_margin, section.left_margin)]
    assert mm == [210, 297, 37, 28]
    headings = [p.text for p in doc.paragraphs if p.text in F.get_format("2021").headings]
    assert headings == list(F.get_format("2021").headings)

    def east_asia(paragraph):
        return {r._element.rPr.rFonts.get(qn("w:eastAsia")) for r in paragraph.runs if r.text}

    title = doc.paragraphs[0]
    assert title.text.endswith(F.DOCUMENT_TITLE) and title.runs[0].font.size == Pt(22)
    assert east_asia(title) == {"方正小标宋简体"}
    heading = next(p for p in doc.paragraphs if p.text == F.SECTIONS[0].heading)
    assert east_asia(heading) == {"黑体"}
    body = next(p for p in doc.paragraphs if p.text.startswith("本报告根据"))
    assert east_asia(body) == {"仿宋_GB2312"} and body.runs[0].font.size == Pt(16)
    footer_xml = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer_xml and "fldChar" in footer_xml
