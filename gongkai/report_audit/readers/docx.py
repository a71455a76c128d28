"""DOCX reader (python-docx): paragraphs and tables in body order; merged cells (gridSpan
and vMerge) expanded through the table's cell grid; pictures kept as image blocks."""

from __future__ import annotations

import io
import zipfile

from gongkai.report_audit import normalise as N
from gongkai.report_audit.document import Block, Document, RawCell, RawTable, ReadError
from gongkai.report_audit.readers.grid import clean_cell

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_CELLS = 20_000


def _table(table: object) -> RawTable:
    from docx.table import Table

    assert isinstance(table, Table)
    n_cols = len(table.columns)
    cells = table._cells
    if len(cells) > MAX_CELLS:
        raise ReadError("Word文件中的表格过大，无法读取")
    anchors: dict[int, RawCell] = {}
    keep = []  # hold the proxies so their ids stay unique while we read
    rows: list[list[RawCell]] = []
    for i, cell in enumerate(cells):
        tc = cell._tc
        keep.append(tc)
        key = id(tc)
        if key not in anchors:
            text = "\n".join(p.text for p in cell.paragraphs)
            anchors[key] = RawCell(clean_cell(text), len(anchors), N.squeeze(text).replace("\n", " "))
        if i % n_cols == 0:
            rows.append([])
        rows[-1].append(anchors[key])
    has_image = any(el.tag.endswith("}drawing") or el.tag.endswith("}pict") for el in table._tbl.iter())
    return RawTable(rows, has_image)


def read_docx(name: str, data: bytes) -> Document:
    from docx import Document as open_docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        d = open_docx(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(f"无法打开Word文件（只支持.docx）：{exc}") from None
    doc = Document(name, "docx")
    for child in d.element.body.iterchildren():
        if child.tag == f"{W}p":
            p = Paragraph(child, d)
            if any(el.tag.endswith("}drawing") or el.tag.endswith("}pict") for el in child.iter()):
                doc.blocks.append(Block("image"))
            doc.add_text(N.squeeze(N.clean_text(p.text)))
        elif child.tag == f"{W}tbl":
            doc.blocks.append(Block("table", table=_table(Table(child, d))))
    return doc
