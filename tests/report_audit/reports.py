"""Report objects for the 年报体检 tests, rendered by the annual report engine.

``synthetic(version, rnd)`` is a consistent report object (every identity of
annual-report-format.md §7 holds, the overview is the engine's own draft, so it quotes the
tables) with random figures; the text copies are made from the engine's HTML with lxml
the way a browser copy reads (tab-separated rows, or one cell per line), independently of
the reader under test.
"""

from __future__ import annotations

import random
from typing import Any

import lxml.html

from gongkai.annual_report import formats as F
from gongkai.annual_report import narrative
from gongkai.annual_report.render import render

PROBLEMS = (
    "（一）存在的主要问题\n"
    "一是政策解读形式单一，全年发布的9篇政策解读中仅1篇采用图解形式。\n"
    "二是网站“法定主动公开内容”栏目更新不及时，2个子栏目超过6个月未更新。\n"
    "（二）改进情况\n"
    "一是6月底前制定政策解读工作规程，重要政策文件同步发布图解，由办公室牵头落实。\n"
    "二是每季度开展一次栏目内容核查，清理空白栏目，更新情况纳入科室年度考核。"
)
EXTRA_OVERVIEW = (
    "（四）政府信息管理。严格执行公文公开属性源头认定制度，完成保密审查。\n"
    "（五）政府信息公开平台建设。依托门户网站政府信息公开专栏和政务新媒体发布信息。\n"
    "（六）监督保障。将政府信息公开工作纳入年度考核，全年组织业务培训2次。"
)


def synthetic(version: str, rnd: random.Random, *, agency: str = "某市某局") -> dict[str, Any]:
    fmt = F.get_format(version)
    year = 2024 if version == F.FORMAT_2021 else 2020
    t3 = fmt.table3
    rows = {r.key: [0] * len(t3.columns) for r in t3.rows}
    for j in range(len(t3.columns) - 1):
        for r in t3.outcome_rows:
            rows[r.key][j] = rnd.choice([0, 0, 0, 1, 2, rnd.randint(0, 40)])
        rows["total"][j] = sum(rows[r.key][j] for r in t3.outcome_rows)
        rows["carried_out"][j] = rnd.randint(0, 5)
        rows["carried_in"][j] = rnd.randint(0, rows["total"][j] + rows["carried_out"][j])
        rows["new"][j] = rows["total"][j] + rows["carried_out"][j] - rows["carried_in"][j]
    for values in rows.values():
        values[-1] = sum(values[:-1])
    table2: dict[str, Any] = {}
    for g in fmt.table2.groups:
        for r in g.rows:
            cells = {}
            for c in g.columns:
                if c.kind is F.ValueKind.WAN_YUAN:
                    value: Any = rnd.choice(["0", "12.5", "4068.208", str(rnd.randint(0, 900))])
                elif c.kind is F.ValueKind.AMOUNT:
                    value = rnd.choice(["0", "52.15", str(rnd.randint(0, 99999))])
                elif c.kind is F.ValueKind.SIGNED:
                    value = rnd.randint(-5, 9)
                else:
                    value = rnd.randint(0, 300)
                cells[c.key] = value
            table2[r.key] = cells[""] if g.scalar else cells
    table4 = {}
    for b in fmt.table4.blocks:
        block = {k: rnd.choice([0, 0, 1, rnd.randint(0, 6)]) for k in fmt.table4.detail_keys}
        block["total"] = sum(block.values())
        table4[b.key] = block
    report: dict[str, Any] = {
        "schema": "gongkai.annual-report/1",
        "format_version": version,
        "year": year,
        "agency": {"name": agency, "kind": "department"},
        "published_on": f"{year + 1}-01-2{rnd.randint(0, 8)}",
        "sections": {"overview": "", "problems": PROBLEMS, "other": ""},
        "table2": table2,
        "table3": {"columns": list(t3.column_keys), "rows": rows},
        "table4": table4,
        "fees": {"cases": 0, "amount_yuan": "0"},
        "checks": [],
        "timeliness": {},
    }
    report["sections"]["overview"] = narrative.draft_overview(report, fmt, agency, {}) + "\n" + EXTRA_OVERVIEW
    report["sections"]["other"] = narrative.draft_other(report)
    return report


# -- text copies of the rendered HTML ---------------------------------------------------------

_BLOCKS = {"p", "h1", "h2", "h3", "div", "section", "footer", "article", "aside", "caption"}


def _html_root(report: dict[str, Any]) -> Any:
    return lxml.html.document_fromstring(render(report, "html").decode("utf-8"))


def text_copy(report: dict[str, Any], *, one_cell_per_line: bool = False) -> str:
    """The rendered page as plain text: paragraphs on their own lines; a table row's
    cells separated by tabs (a browser's copy), or each cell on its own line."""
    root = _html_root(report)
    lines: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("style", "head", "caption", "colgroup"):
            return
        if tag == "tr":
            cells = ["".join(td.itertext()).strip() for td in el if td.tag in ("td", "th")]
            if one_cell_per_line:
                lines.extend(cells)
            else:
                lines.append("\t".join(cells))
            return
        if tag in ("p", "h1", "h2"):
            lines.append("".join(el.itertext()).strip())
            return
        for child in el:
            walk(child)

    walk(root.find("body"))
    return "\n".join(lines) + "\n"


def rendered(report: dict[str, Any], kind: str) -> bytes:
    """The report as a file: the engine's html, docx, pdf, xlsx; "text" and "cells" are
    the two text copies of its HTML."""
    if kind == "text":
        return text_copy(report).encode("utf-8")
    if kind == "cells":
        return text_copy(report, one_cell_per_line=True).encode("utf-8")
    return render(report, kind)


READ_AS = {"html": "html", "docx": "docx", "pdf": "pdf", "xlsx": "xlsx", "text": "text", "cells": "text"}
