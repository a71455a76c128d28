"""HTML reader: saved pages of government portals (and Gongkai's own rendering).

Text is read in document order, one block per paragraph; data tables become grids with
their row and column spans expanded. A table used for page layout (it holds other tables
or long paragraphs) is read as ordinary flow. ``<img>`` outside tables is kept as an image
block, so a table published only as a picture can be reported as such.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from gongkai.report_audit import normalise as N
from gongkai.report_audit.document import Block, Document, ReadError
from gongkai.report_audit.readers.grid import SpanCell, expand

SKIP = {"script", "style", "noscript", "head", "template", "svg", "select", "option", "button", "iframe", "object"}
BLOCK = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "h1", "h2", "h3", "h4", "h5",
    "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "form", "fieldset", "figure", "figcaption",
    "address", "center", "hr", "body", "html",
}
LAYOUT_CELL_CHARS = 400


def decode(data: bytes) -> str:
    head = data[:4096].decode("ascii", "ignore").lower()
    m = re.search(r"charset=[\"']?([a-z0-9_\-]+)", head)
    encodings = [m.group(1)] if m else []
    encodings += ["utf-8", "gb18030"]
    for enc in encodings:
        try:
            return data.decode("gb18030" if enc in ("gb2312", "gbk") else enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", "replace")


def _int(value: str | None) -> int:
    try:
        return int(str(value or "1").strip().rstrip(";"))
    except ValueError:
        return 1


def _tag(el: etree._Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _rows(table: etree._Element) -> list[etree._Element]:
    """The table's own rows (not those of nested tables)."""
    out = []
    for child in table:
        t = _tag(child)
        if t == "tr":
            out.append(child)
        elif t in ("thead", "tbody", "tfoot"):
            out.extend(c for c in child if _tag(c) == "tr")
    return out


def _cell_text(cell: etree._Element) -> str:
    parts: list[str] = []
    for node in cell.iter():
        t = _tag(node)
        if t in SKIP:
            continue
        if t in ("br", "p", "div") and parts:
            parts.append("\n")
        if node.text and t not in SKIP:
            parts.append(node.text)
        if node is not cell and node.tail:
            parts.append(node.tail)
    return "".join(parts)


def _is_layout(table: etree._Element) -> bool:
    if table.find(".//table") is not None:
        return True
    return any(len("".join(td.itertext())) > LAYOUT_CELL_CHARS for td in table.iter("td", "th"))


def _table(table: etree._Element) -> Block:
    rows = []
    for tr in _rows(table):
        rows.append(
            [SpanCell(_cell_text(td), _int(td.get("rowspan")), _int(td.get("colspan"))) for td in tr if _tag(td) in ("td", "th")]
        )
    has_image = table.find(".//img") is not None
    return Block("table", table=expand(rows, has_image))


class _Flow:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.line: list[str] = []

    def text(self, s: str | None) -> None:
        if s:
            self.line.append(s)

    def flush(self) -> None:
        text = "".join(self.line)
        self.line = []
        if text.strip():
            self.doc.add_text(N.squeeze(N.clean_text(text)))

    def walk(self, el: etree._Element) -> None:
        t = _tag(el)
        if t in SKIP or not t:
            return
        if t == "table" and not _is_layout(el):
            self.flush()
            self.doc.blocks.append(_table(el))
            return
        if t == "img":
            self.flush()
            self.doc.blocks.append(Block("image", N.clean_text(el.get("alt") or el.get("title") or "")))
            return
        breaks = t in BLOCK or t in ("br", "tr", "table", "td", "th")
        if breaks:
            self.flush()
        self.text(el.text)
        for child in el:
            self.walk(child)
            if isinstance(child.tag, str) or child.tail:
                self.text(child.tail)
        if breaks:
            self.flush()


def read_html(name: str, data: bytes) -> Document:
    text = decode(data)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(f"无法解析网页文件：{exc}") from None
    doc = Document(name, "html")
    flow = _Flow(doc)
    body = root.find("body")
    flow.walk(body if body is not None else root)
    flow.flush()
    return doc
