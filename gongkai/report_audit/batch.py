"""One file or a folder (a whole site export included) → audit results. Pure: no Django.

In a folder, every file with a supported extension is read; a web page that has neither
the report's headings nor its tables (an index page, a news item of a site export) is not
a report and is left out. A file that cannot be read gives a ``Failed`` row, not an abort.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from gongkai.report_audit import structure as S
from gongkai.report_audit import tables as T
from gongkai.report_audit.audit import AuditResult, Options, audit_document
from gongkai.report_audit.document import Document, ReadError
from gongkai.report_audit.output import Failed
from gongkai.report_audit.readers import EXTENSIONS, read

MAX_FILE_BYTES = 50 * 1024 * 1024
MIN_HEADINGS = 2


def files_in(path: Path) -> Iterator[Path]:
    if path.is_file():
        yield path
        return
    for p in sorted(path.rglob("*")):
        if p.is_file() and p.suffix.lower() in EXTENSIONS and not p.name.startswith("."):
            yield p


def looks_like_report(doc: Document) -> bool:
    st = S.find_structure(doc)
    if len(st.headings) >= MIN_HEADINGS:
        return True
    return any(b.kind == "table" and b.table is not None and T.classify(b.table.text) for b in doc.blocks)


def read_file(path: Path, *, name: str | None = None) -> Document:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ReadError(f"文件超过{MAX_FILE_BYTES // (1024 * 1024)}MB，未读取")
    return read(name or path.name, path.read_bytes())


def audit_file(path: Path, previous: AuditResult | None = None, *, name: str | None = None) -> AuditResult:
    return audit_document(read_file(path, name=name), Options(previous=previous))


def audit_path(path: Path, previous: AuditResult | None = None) -> tuple[list[AuditResult | Failed], bool]:
    """(results, is_folder). In a folder, HTML pages that are not reports are skipped."""
    folder = path.is_dir()
    out: list[AuditResult | Failed] = []
    for p in files_in(path):
        name = str(p.relative_to(path)) if folder else p.name
        try:
            doc = read_file(p, name=name)
            if folder and doc.source == "html" and not looks_like_report(doc):
                continue
            doc = read_file(p, name=name) if folder and doc.source == "html" else doc
            out.append(audit_document(doc, Options(previous=previous)))
        except ReadError as exc:
            out.append(Failed(name, str(exc)))
    return out, folder
