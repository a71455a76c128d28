"""The report as PDF: the HTML document printed by WeasyPrint with its print stylesheet.

Fonts: Noto Serif CJK SC (body, title) and Noto Sans CJK SC (headings) from Debian's
fonts-noto-cjk, standing in for 仿宋 / 小标宋 / 黑体, which are not free to ship.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gongkai.annual_report.render import common
from gongkai.annual_report.render.html import render_html


def render_pdf(report: Mapping[str, Any]) -> bytes:
    from weasyprint import HTML

    document = HTML(string=render_html(report)).render()
    document.metadata.title = common.title(report)
    document.metadata.authors = [str(report["agency"]["name"])]
    return document.write_pdf()
