"""What every renderer shares: the title, the intro, paragraphs and cell texts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from gongkai.annual_report import formats as F

REGION_SUFFIX = "（汇总）"


def report_format(report: Mapping[str, Any]) -> F.ReportFormat:
    return F.get_format(str(report["format_version"]))


def title(report: Mapping[str, Any]) -> str:
    """{机关}{年}年政府信息公开工作年度报告; a region's summary keeps its （汇总） at the end."""
    name = str(report["agency"]["name"])
    suffix = ""
    if name.endswith(REGION_SUFFIX):
        name, suffix = name[: -len(REGION_SUFFIX)], REGION_SUFFIX
    return f"{name}{report['year']}年{F.DOCUMENT_TITLE}{suffix}"


def intro(report: Mapping[str, Any]) -> str:
    return F.INTRO + F.STATISTICS_PERIOD.format(year=report["year"])


def paragraphs(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def cell_text(report: Mapping[str, Any], cell: F.Cell) -> str:
    if cell.role is not F.Role.DATA:
        return cell.text
    value = F.get_value(report, cell.path or "")
    return "" if value is None else str(value)


def cell_number(report: Mapping[str, Any], cell: F.Cell) -> Any:
    """A data cell as a number (int, or Decimal for amounts) for spreadsheets."""
    from decimal import Decimal

    value = F.get_value(report, cell.path or "")
    if cell.kind is not None and cell.kind.is_decimal:
        return Decimal(str(value))
    return int(value)


def chinese_date(value: str | dt.date | None) -> str:
    if not value:
        return ""
    d = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return f"{d.year}年{d.month}月{d.day}日"


def signature(report: Mapping[str, Any]) -> tuple[str, str]:
    name = str(report["agency"]["name"])
    return name, chinese_date(report.get("published_on"))


def grids(report: Mapping[str, Any]) -> dict[str, F.Grid]:
    fmt = report_format(report)
    return {key: F.layout(fmt, key) for key in ("table2", "table3", "table4")}


EMPTY_SECTION = "（本部分尚未填写）"


def revision_lines(report: Mapping[str, Any]) -> list[str]:
    """The dated revision notes of a report changed after publication (evaluation.md A4)."""
    return [f"本报告于{chinese_date(r.get('on'))}修订：{r.get('note', '')}" for r in report.get("revisions") or []]


def table_caption(report: Mapping[str, Any], key: str) -> str:
    """A caption for screen readers: the section heading without its numeral."""
    heading = report_format(report).section(key).heading
    return heading.split("、", 1)[-1] + "统计表"
