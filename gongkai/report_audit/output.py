"""年报体检 results as JSON, HTML and XLSX; a folder gives a summary with one row per
report. Pure: no Django (the back office reuses ``grouped`` for its page)."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from gongkai.annual_report import formats as F
from gongkai.report_audit.audit import AuditResult, Finding, describe

SEVERITY_LABELS = {"error": "错误", "warning": "提示", "info": "信息"}
TABLE_STATUS = {"ok": "已读取", "missing": "缺失", "image": "图片"}
GENERAL = "全文"


@dataclass(frozen=True)
class Failed:
    """A file that could not be read at all (the message is for people)."""

    name: str
    message: str


def where(f: Finding, version: str | None) -> str:
    fmt = F.get_format(version or F.FORMAT_2021)
    cell = describe({"table": f.table, "row": f.row, "column": f.column}, fmt)
    if cell:
        return cell
    if f.section:
        return fmt.section(f.section).heading
    return GENERAL


def grouped(result: AuditResult) -> list[tuple[str, list[dict[str, Any]]]]:
    """Findings grouped by section in the order of the format, errors first in each."""
    fmt = F.get_format(result.format_version or F.FORMAT_2021)
    order = {s.key: i for i, s in enumerate(fmt.sections)}
    rank = {"error": 0, "warning": 1, "info": 2}
    groups: dict[str, list[Finding]] = {}
    for f in result.findings:
        groups.setdefault(f.section or "", []).append(f)
    out = []
    for key in sorted(groups, key=lambda k: order.get(k, -1)):
        title = fmt.section(key).heading if key in order else GENERAL
        items = sorted(groups[key], key=lambda f: (rank[f.severity], f.check))
        out.append((title, [dict(f.as_json(), where=where(f, result.format_version), severity_label=SEVERITY_LABELS[f.severity]) for f in items]))
    return out


def summary_rows(results: Sequence[AuditResult | Failed]) -> list[dict[str, Any]]:
    rows = []
    for r in results:
        if isinstance(r, Failed):
            rows.append({"file": r.name, "failed": r.message})
            continue
        c = r.counts
        rows.append(
            {
                "file": r.name,
                "agency": r.agency,
                "year": r.year,
                "format_version": r.format_version,
                "score": r.score,
                "errors": c["error"],
                "warnings": c["warning"],
                "info": c["info"],
                "error_checks": sorted({f.check for f in r.findings if f.severity == "error"}),
            }
        )
    return rows


def to_json(results: Sequence[AuditResult | Failed], *, folder: bool) -> str:
    if not folder and len(results) == 1 and isinstance(results[0], AuditResult):
        return json.dumps(results[0].as_json(), ensure_ascii=False, indent=2) + "\n"
    data = {
        "summary": summary_rows(results),
        "reports": [r.as_json() for r in results if isinstance(r, AuditResult)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


STYLE = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; max-width: 64rem; margin: 1rem auto; color: #111; line-height: 1.6; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
th, td { border: 1px solid #999; padding: .25rem .4rem; text-align: left; vertical-align: top; }
.error { color: #b00020; font-weight: 700; } .warning { color: #8a5a00; } .info { color: #555; }
.score { font-size: 1.4rem; font-weight: 700; }
"""


def _report_html(r: AuditResult) -> str:
    c = r.counts
    out = [
        f"<section><h2>{escape(r.name)}</h2>",
        f"<p>机关：{escape(r.agency or '未识别')}；年度：{r.year or '未识别'}；表格格式：{escape(r.format_version or '未识别')}；"
        f"得分 <span class=\"score\">{r.score}</span>（错误{c['error']}项，提示{c['warning']}项，信息{c['info']}项）</p>",
        "<p>表格：" + "；".join(f"{name}{TABLE_STATUS.get(t.status, t.status)}" for name, t in zip(("表二", "表三", "表四"), r.tables.values(), strict=False)) + "</p>",
    ]
    if not r.findings:
        out.append("<p>未发现问题。</p>")
    for title, items in grouped(r):
        out.append(f"<h3>{escape(title)}</h3><table><thead><tr><th>编号</th><th>级别</th><th>位置</th><th>问题</th><th>原文</th></tr></thead><tbody>")
        for f in items:
            out.append(
                f"<tr><td>{escape(f['check'])}</td><td class=\"{f['severity']}\">{f['severity_label']}</td><td>{escape(f['where'])}</td>"
                f"<td>{escape(f['message'])}</td><td>{escape(f['evidence'])}</td></tr>"
            )
        out.append("</tbody></table>")
    out.append("</section>")
    return "".join(out)


def to_html(results: Sequence[AuditResult | Failed], *, folder: bool) -> str:
    out = ['<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>年报体检结果</title>', f"<style>{STYLE}</style></head><body><h1>年报体检结果</h1>"]
    if folder:
        out.append("<table><thead><tr><th>文件</th><th>机关</th><th>年度</th><th>得分</th><th>错误</th><th>提示</th><th>信息</th><th>错误项</th></tr></thead><tbody>")
        for row in summary_rows(results):
            if "failed" in row:
                out.append(f"<tr><td>{escape(row['file'])}</td><td colspan=\"7\" class=\"error\">{escape(row['failed'])}</td></tr>")
                continue
            out.append(
                f"<tr><td>{escape(row['file'])}</td><td>{escape(row['agency'] or '')}</td><td>{row['year'] or ''}</td><td>{row['score']}</td>"
                f"<td>{row['errors']}</td><td>{row['warnings']}</td><td>{row['info']}</td><td>{escape('、'.join(row['error_checks']))}</td></tr>"
            )
        out.append("</tbody></table>")
    for r in results:
        out.append(_report_html(r) if isinstance(r, AuditResult) else f"<section><h2>{escape(r.name)}</h2><p class=\"error\">{escape(r.message)}</p></section>")
    out.append("</body></html>\n")
    return "".join(out)


def to_xlsx(results: Sequence[AuditResult | Failed]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    ws.append(["文件", "机关", "年度", "表格格式", "得分", "错误", "提示", "信息", "错误项", "无法读取的原因"])
    for row in summary_rows(results):
        if "failed" in row:
            ws.append([row["file"], "", "", "", "", "", "", "", "", row["failed"]])
        else:
            ws.append([row["file"], row["agency"], row["year"], row["format_version"], row["score"], row["errors"], row["warnings"], row["info"], "、".join(row["error_checks"]), ""])
    detail = wb.create_sheet("问题清单")
    detail.append(["文件", "编号", "级别", "部分", "表", "行", "列", "位置", "问题", "原文", "依据"])
    for r in results:
        if not isinstance(r, AuditResult):
            continue
        for f in r.findings:
            detail.append([r.name, f.check, SEVERITY_LABELS[f.severity], f.section or "", f.table or "", f.row or "", f.column or "", where(f, r.format_version), f.message, f.evidence, f.basis])
    for sheet, widths in ((ws, [30, 24, 8, 8, 8, 6, 6, 6, 20, 40]), (detail, [30, 6, 6, 10, 8, 18, 14, 36, 60, 30, 40])):
        for i, w in enumerate(widths):
            sheet.column_dimensions[chr(ord("A") + i)].width = w
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
