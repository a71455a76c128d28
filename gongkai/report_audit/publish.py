"""年报体检 on Gongkai's own reports, before publication. Pure: no Django.

``audit_report_object(obj)`` renders the report object as the public will get it (HTML and
DOCX by default; PDF on request), reads each file back with the same readers as a
third party's report, and returns the findings: the catalogue checks on what was read,
plus ``R1`` for every cell whose figure read back differs from the object (a renderer that
drops, moves or rounds a figure). ``audit_rendered(data, fmt)`` does the same for one file.

The publication step calls it like this (annual_report.publication.pre_publication_audit)::

    from gongkai.report_audit.publish import audit_report_object, blocking_messages

    def pre_publication_audit(report):
        return blocking_messages(audit_report_object(report))

A1/A2 (publication deadline) never block (a late report is published and recorded as late).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from gongkai.annual_report import formats as F
from gongkai.report_audit.audit import AuditResult, Finding, Options, audit_document, describe, locate
from gongkai.report_audit.readers import read

RENDERED_KINDS = {"html": "html", "docx": "docx", "pdf": "pdf", "text": "text", "xlsx": "xlsx"}
DEFAULT_KINDS = ("html", "docx")
NON_BLOCKING = frozenset({"A1", "A2"})
R1_BASIS = "发布的文件应与报告对象的数字一致（年报体检：渲染核对）"


def _same(read_back: Any, expected: Any) -> bool:
    if read_back is None or expected is None:
        return read_back is None and expected is None
    try:
        from decimal import Decimal

        return Decimal(str(read_back)) == Decimal(str(expected))
    except ArithmeticError:
        return str(read_back) == str(expected)
    except ValueError:
        return str(read_back) == str(expected)


def compare_figures(result: AuditResult, expected: Mapping[str, Any], kind: str) -> list[Finding]:
    """R1: every figure of the file against the object it was rendered from."""
    fmt = F.get_format(str(expected["format_version"]))
    out = []
    for f in F.figures(fmt):
        want = F.get_value(expected, f.path)
        try:
            got = F.get_value(result.report, f.path)
        except (KeyError, IndexError, ValueError, TypeError):
            got = None
        if _same(got, want):
            continue
        loc = locate(f.path, fmt)
        shown = "空白" if got is None else f"“{got}”"
        out.append(
            Finding(
                "R1",
                "error",
                f"{kind.upper()}文件中{describe(loc, fmt)}为{shown}，报告对象中为“{want}”",
                evidence=result.tables[f.table].evidence.get(f.path, "") if f.table in result.tables else "",
                basis=R1_BASIS,
                **loc,
            )
        )
    return out


def audit_rendered(data: bytes, kind: str, expected: Mapping[str, Any] | None = None, *, name: str = "") -> AuditResult:
    """Read a rendered file (``kind``: html, docx, pdf, text, xlsx) and audit it; with the
    object it came from, R1 compares every figure."""
    doc = read(name or f"report.{kind}", data, RENDERED_KINDS[kind])
    result = audit_document(doc, Options())
    if expected is not None:
        result.findings += compare_figures(result, expected, kind)
    return result


def audit_report_object(obj: Mapping[str, Any], kinds: Sequence[str] = DEFAULT_KINDS) -> list[dict[str, Any]]:
    """Render ``obj`` in each of ``kinds``, read it back and audit it. Findings as JSON
    dicts ({check, severity, location, message, evidence, basis, file}), each once."""
    from gongkai.annual_report.render import render

    seen: set[tuple[str, str]] = set()
    out: list[dict[str, Any]] = []
    for kind in kinds:
        data = render(dict(obj), "html" if kind == "text" else kind)
        if kind == "text":
            from gongkai.report_audit.readers.html import read_html

            data = text_of(read_html("report.html", data).blocks).encode("utf-8")
        result = audit_rendered(data, kind, obj)
        for f in result.findings:
            key = (f.check, f.message)
            if key in seen:
                continue
            seen.add(key)
            out.append(dict(f.as_json(), file=kind))
    return out


def blocking_messages(findings: Iterable[Mapping[str, Any]]) -> list[str]:
    """The messages of the findings that must stop publication (errors, except A1/A2)."""
    return [str(f["message"]) for f in findings if f.get("severity") == "error" and f.get("check") not in NON_BLOCKING]


def text_of(blocks: Sequence[Any]) -> str:
    """A document as plain text, the way a page copied from a browser reads: one line per
    paragraph, table rows with their cells separated by tabs."""
    lines: list[str] = []
    for b in blocks:
        if b.kind == "text":
            lines.append(b.text)
        elif b.kind == "table" and b.table is not None:
            for row in b.table.rows:
                cells, last = [], None
                for c in row:
                    if c.anchor != last:
                        cells.append(c.text)
                    last = c.anchor
                lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"
