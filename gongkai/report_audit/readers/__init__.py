"""Readers: one file (or a folder) → ``Document``. No Django; PDF calls ``pdftotext``.

``read(name, data)`` picks the reader by the file's extension, falling back to its first
bytes. Every reader raises ``ReadError`` with a Chinese message for a file it cannot read.
"""

from __future__ import annotations

from pathlib import PurePath

from gongkai.report_audit.document import Document, ReadError

EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".docx": "docx",
    ".pdf": "pdf",
    ".xlsx": "xlsx",
}


def kind_of(name: str, data: bytes) -> str | None:
    ext = PurePath(name).suffix.lower()
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    head = data[:1024].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "pdf"
    if head.startswith(b"pk"):
        return "docx" if b"word/" in data[:4096] else "xlsx"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return None


def read(name: str, data: bytes, kind: str | None = None) -> Document:
    kind = kind or kind_of(name, data)
    if kind is None:
        raise ReadError(f"无法识别文件“{PurePath(name).name}”的格式（支持 HTML、TXT、DOCX、PDF、XLSX）")
    if not data.strip():
        raise ReadError(f"文件“{PurePath(name).name}”是空文件")
    if kind == "html":
        from gongkai.report_audit.readers.html import read_html

        return read_html(name, data)
    if kind == "text":
        from gongkai.report_audit.readers.text import read_text

        return read_text(name, data)
    if kind == "docx":
        from gongkai.report_audit.readers.docx import read_docx

        return read_docx(name, data)
    if kind == "pdf":
        from gongkai.report_audit.readers.pdf import read_pdf

        return read_pdf(name, data)
    if kind == "xlsx":
        from gongkai.report_audit.readers.xlsx import read_xlsx

        return read_xlsx(name, data)
    raise ReadError(f"不支持的文件格式“{kind}”")
