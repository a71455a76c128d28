"""What a reader hands to the structure finder: blocks of text, tables and images, in
document order. Pure: no Django.

Grid tables (HTML, DOCX, XLSX, pipe and tab-separated text) keep their merged cells: the
grid is expanded, every position pointing at the cell that covers it (``anchor``), so a
value spanning three columns is read once. Line text (plain text, PDF) stays as lines; the
structure finder recovers tables from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RawCell:
    text: str  # cleaned (normalise.clean_text + cell_text)
    anchor: int  # identical for every grid position one merged cell covers
    raw: str = ""  # the text as the document shows it, for evidence


@dataclass
class RawTable:
    rows: list[list[RawCell]]
    has_image: bool = False  # an <img> inside a cell: the figures may be in a picture

    @property
    def text(self) -> str:
        seen: set[int] = set()
        out = []
        for row in self.rows:
            for c in row:
                if c.anchor not in seen:
                    seen.add(c.anchor)
                    out.append(c.text)
        return " ".join(out)


@dataclass
class Block:
    kind: str  # "text" | "table" | "image"
    text: str = ""  # one paragraph or line (cleaned); an image's alt text
    table: RawTable | None = None


@dataclass
class Document:
    name: str
    source: str  # "html" | "text" | "docx" | "pdf" | "xlsx"
    blocks: list[Block] = field(default_factory=list)
    # PDF only: the ``pdftotext -layout`` lines, used to place values of rows with an
    # empty cell by their column position.
    layout_lines: list[str] = field(default_factory=list)
    tables_only: bool = False  # a workbook: no narrative to assess

    def add_text(self, text: str) -> None:
        for line in text.split("\n"):
            line = line.strip()
            if line:
                self.blocks.append(Block("text", line))


class ReadError(ValueError):
    """A file that cannot be read as a report. The message is Chinese, for people."""
