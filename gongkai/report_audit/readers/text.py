"""Plain text reader: one paragraph (or one table cell) per line; pipe tables
(``| 规章 | 1 | 0 | 4 |``) and tab-separated rows (a page copied from a browser) become
grid tables. Encoding: UTF-8 (with or without BOM), else GB18030."""

from __future__ import annotations

import re

from gongkai.report_audit import normalise as N
from gongkai.report_audit.document import Block, Document
from gongkai.report_audit.readers.grid import from_text_rows

PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")


def decode(data: bytes) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def _pipe_cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [c.strip() for c in inner.split("|")]


def lines_to_blocks(doc: Document, lines: list[str]) -> None:
    """Group pipe and tab rows into tables; everything else is a text line."""
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("|") and stripped.count("|") >= 2:
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                if not PIPE_SEPARATOR.match(lines[i].strip()):
                    rows.append(_pipe_cells(lines[i]))
                i += 1
            doc.blocks.append(Block("table", table=from_text_rows(rows)))
            continue
        if "\t" in line and line.strip("\t ").count("\t") >= 1:
            rows = []
            while i < len(lines) and "\t" in lines[i] and lines[i].strip():
                rows.append(lines[i].split("\t"))
                i += 1
            if len(rows) >= 2 or len(rows[0]) >= 4:
                doc.blocks.append(Block("table", table=from_text_rows(rows)))
            else:
                doc.add_text(N.squeeze(" ".join(rows[0])))
            continue
        if stripped:
            doc.blocks.append(Block("text", N.squeeze(stripped)))
        else:
            doc.blocks.append(Block("text", ""))  # kept: an empty line may be an empty cell
        i += 1


def read_text(name: str, data: bytes) -> Document:
    text = N.clean_text(decode(data))
    doc = Document(name, "text")
    lines_to_blocks(doc, text.split("\n"))
    return doc
