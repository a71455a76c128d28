"""PDF reader: the text layer through poppler's ``pdftotext`` (Debian poppler-utils).

``-raw`` (content-stream order) gives the text and the table labels in reading order;
``-layout`` (physical layout) gives the column position of every number, used to place
the values of a row that has an empty cell. Scanned PDFs (no text layer) are reported as
such. Why pdftotext and not a pure-Python library: see docs/architecture.md (年报体检).
"""

from __future__ import annotations

import re
import subprocess
import tempfile

from gongkai.report_audit import normalise as N
from gongkai.report_audit.document import Block, Document, ReadError
from gongkai.report_audit.readers.text import lines_to_blocks

PDFTOTEXT = "pdftotext"
TIMEOUT_S = 60
PAGE_NUMBER = re.compile(r"^\s*[—–\-－]*\s*\d{1,4}\s*[—–\-－]*\s*$")
MIN_TEXT_CHARS = 20


def _run(path: str, mode: str) -> str:
    try:
        done = subprocess.run(  # noqa: S603 - fixed program, our own temporary file
            [PDFTOTEXT, "-enc", "UTF-8", mode, path, "-"],
            capture_output=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except FileNotFoundError:
        raise ReadError("服务器未安装 pdftotext（poppler-utils），无法读取PDF文件") from None
    except subprocess.TimeoutExpired:
        raise ReadError("PDF文件读取超时，文件可能已损坏") from None
    if done.returncode != 0:
        msg = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReadError("无法读取PDF文件" + (f"：{msg[-1]}" if msg else "，文件可能已损坏或加密"))
    return done.stdout.decode("utf-8", "replace")


def page_lines(text: str) -> list[str]:
    """Lines without form feeds and page numbers (— 1 —)."""
    return [line for line in text.replace("\f", "\n").split("\n") if not PAGE_NUMBER.match(line)]


def read_pdf(name: str, data: bytes) -> Document:
    if not data.lstrip().startswith(b"%PDF"):
        raise ReadError("文件不是PDF格式")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(data)
        fh.flush()
        raw = _run(fh.name, "-raw")
        layout = _run(fh.name, "-layout")
    doc = Document(name, "pdf")
    cleaned = N.clean_text(raw)
    if len(re.sub(r"\s", "", cleaned)) < MIN_TEXT_CHARS:
        doc.blocks.append(Block("image", "PDF没有文字层（可能是扫描件）"))
        return doc
    lines_to_blocks(doc, page_lines(cleaned))
    doc.layout_lines = page_lines(N.clean_text(layout))
    return doc
