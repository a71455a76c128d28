"""Renderers of the report object: JSON, HTML, DOCX, XLSX and PDF.

Each is fed only from the report object (annual-report.schema.json) and the format
definition of ``annual_report.formats``; none writes a label of its own.
"""

from __future__ import annotations

import json
from typing import Any

FORMATS = ("json", "html", "docx", "xlsx", "pdf")
MEDIA_TYPES = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def render(report: dict[str, Any], kind: str) -> bytes:
    """The report as a file of ``kind`` (one of ``FORMATS``)."""
    if kind == "json":
        return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if kind == "html":
        from gongkai.annual_report.render.html import render_html

        return render_html(report).encode("utf-8")
    if kind == "docx":
        from gongkai.annual_report.render.docx import render_docx

        return render_docx(report)
    if kind == "xlsx":
        from gongkai.annual_report.render.xlsx import render_xlsx

        return render_xlsx(report)
    if kind == "pdf":
        from gongkai.annual_report.render.pdf import render_pdf

        return render_pdf(report)
    raise ValueError(f"不支持的输出格式“{kind}”（可选：{' / '.join(FORMATS)}）")
