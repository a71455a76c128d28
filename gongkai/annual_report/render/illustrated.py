"""图解: the year's report in charts, with the year before for comparison.

Fed only from two report objects (annual-report.schema.json): the year's and, when there is
one, the previous year's. Charts are inline SVG drawn here on the server: no JavaScript, no
fonts or scripts from elsewhere. Every chart is a ``<figure>`` whose SVG has a ``<title>``
and ``<desc>`` (role="img") and is followed by the same numbers as a table, which is also
what a screen reader or a printout without colour relies on. Row and column names come
from the format definition; the chart titles are plain words of this module.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import Any

from gongkai.annual_report import formats as F
from gongkai.annual_report.render import common
from gongkai.foi.rules.outcomes import FAMILY_LABELS, Family

SUFFIX = "（图解）"
WIDTH = 640  # the SVG's user units; it scales to the page width
FONT = 13
BAR = 16
GROUP_GAP = 12
COLOURS = ("#1f4e9a", "#9db4d8")  # this year, the year before (also told apart by the legend and the table)
ON_TIME, LATE = "#1b7f4b", "#b42318"

STYLE = """
.illustrated { max-width: 52rem; margin: 0 auto; color: #1d2939; font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; line-height: 1.6; }
.illustrated h1 { font-size: 1.6rem; text-align: center; margin: 0 0 .25em; }
.illustrated .sub { text-align: center; color: #475467; margin: 0 0 1.5em; }
.illustrated .keys { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .75rem; list-style: none; padding: 0; margin: 0 0 2rem; }
.illustrated .keys li { border: 1px solid #d0d5dd; border-top: 4px solid #1f4e9a; border-radius: 6px; padding: .6rem .8rem; }
.illustrated .keys .n { display: block; font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.illustrated .keys .d { display: block; color: #475467; font-size: .85rem; }
.illustrated figure { margin: 0 0 2rem; padding: 1rem; border: 1px solid #eaecf0; border-radius: 8px; break-inside: avoid; }
.illustrated figcaption { font-weight: 700; font-size: 1.1rem; margin-bottom: .5rem; }
.illustrated svg { width: 100%; height: auto; display: block; }
.illustrated svg text { font-family: inherit; fill: #1d2939; }
.illustrated table.chart-data { border-collapse: collapse; margin-top: .75rem; font-size: .85rem; min-width: 22rem; }
.illustrated table.chart-data caption { text-align: left; color: #475467; font-size: .85rem; white-space: nowrap; }
.illustrated table.chart-data th, .illustrated table.chart-data td { border: 1px solid #d0d5dd; padding: .15rem .5rem; }
.illustrated table.chart-data th[scope=row] { text-align: left; font-weight: 400; }
.illustrated table.chart-data td { text-align: right; font-variant-numeric: tabular-nums; }
.illustrated .note { color: #475467; font-size: .9rem; }
@page { size: A4; margin: 18mm 16mm; }
@media print { .illustrated { max-width: none; font-size: 10.5pt; } .illustrated figure { border: 0; padding: 0; } }
"""


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Decimal, ...]
    colour: str


def _num(value: Any) -> Decimal:
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return Decimal(0)


def _show(n: Decimal) -> str:
    return str(int(n)) if n == n.to_integral_value() else format(n.normalize(), "f")


def _text_width(text: str, size: int = FONT) -> float:
    """Approximate width of a label: CJK characters are one em, others about half."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.6 for ch in text)


def _data_table(caption: str, categories: Sequence[str], series: Sequence[Series], unit: str) -> str:
    head = "".join(f'<th scope="col">{escape(s.name)}</th>' for s in series)
    rows = "".join(
        f'<tr><th scope="row">{escape(c)}</th>' + "".join(f"<td>{_show(s.values[i])}</td>" for s in series) + "</tr>"
        for i, c in enumerate(categories)
    )
    return (
        f'<table class="chart-data"><caption>数据表：{escape(caption)}（单位：{escape(unit)}）</caption>'
        f'<thead><tr><th scope="col">项目</th>{head}</tr></thead><tbody>{rows}</tbody></table>'
    )


def _legend(series: Sequence[Series], y: float) -> str:
    out, x = [], 0.0
    for s in series:
        out.append(f'<rect x="{x:.1f}" y="{y - 11:.1f}" width="12" height="12" fill="{s.colour}"></rect>')
        out.append(f'<text x="{x + 17:.1f}" y="{y:.1f}" font-size="{FONT}">{escape(s.name)}</text>')
        x += 17 + _text_width(s.name) + 24
    return "".join(out)


def bar_chart(chart_id: str, title: str, categories: Sequence[str], series: Sequence[Series], *, unit: str = "件", desc: str = "") -> str:
    """Horizontal grouped bars: one group per category, one bar per series (year)."""
    label_w = min(240.0, max((_text_width(c) for c in categories), default=0) + 12)
    value_w = 56
    plot_w = WIDTH - label_w - value_w
    top = 28
    group_h = BAR * len(series) + GROUP_GAP
    height = top + group_h * len(categories) + 4
    peak = max((v for s in series for v in s.values), default=Decimal(0)) or Decimal(1)
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc or _describe(categories, series, unit))}</desc>',
        _legend(series, 14),
    ]
    for i, cat in enumerate(categories):
        y0 = top + i * group_h
        mid = y0 + BAR * len(series) / 2
        parts.append(f'<text x="{label_w - 8:.1f}" y="{mid + FONT / 2 - 2:.1f}" font-size="{FONT}" text-anchor="end">{escape(cat)}</text>')
        for j, s in enumerate(series):
            v = s.values[i]
            w = float(v / peak) * plot_w if v > 0 else 0.0
            y = y0 + j * BAR
            parts.append(f'<rect x="{label_w:.1f}" y="{y:.1f}" width="{max(w, 0.0):.1f}" height="{BAR - 3}" fill="{s.colour}"></rect>')
            parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + BAR - 5:.1f}" font-size="{FONT - 1}">{_show(v)}</text>')
    parts.append("</svg>")
    return (
        f'<figure id="{chart_id}"><figcaption>{escape(title)}</figcaption>'
        + "".join(parts)
        + _data_table(title, categories, series, unit)
        + "</figure>"
    )


def _describe(categories: Sequence[str], series: Sequence[Series], unit: str) -> str:
    return "；".join(
        f"{s.name}：" + "，".join(f"{c}{_show(s.values[i])}{unit}" for i, c in enumerate(categories)) for s in series
    )


def share_chart(chart_id: str, title: str, years: Sequence[str], on_time: Sequence[int], late: Sequence[int], labels: tuple[str, str]) -> str:
    """One 100% bar per year: replies on time and late."""
    label_w = 70
    plot_w = WIDTH - label_w - 10
    top = 28
    height = top + 34 * len(years)
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
    ]
    desc = []
    for i, year in enumerate(years):
        total = on_time[i] + late[i]
        pct = f"{on_time[i] / total:.0%}" if total else "—"
        desc.append(f"{year}：{labels[0]}{on_time[i]}件，{labels[1]}{late[i]}件，{labels[0]}率{pct}")
    parts.append(f'<desc id="{chart_id}-d">{escape("；".join(desc))}</desc>')
    parts.append(
        _legend([Series(labels[0], (), ON_TIME), Series(labels[1], (), LATE)], 14)
    )
    for i, year in enumerate(years):
        y = top + i * 34
        total = on_time[i] + late[i]
        parts.append(f'<text x="0" y="{y + 17}" font-size="{FONT}">{escape(year)}</text>')
        if not total:
            parts.append(f'<text x="{label_w}" y="{y + 17}" font-size="{FONT}">没有答复的申请</text>')
            continue
        w1 = plot_w * on_time[i] / total
        parts.append(f'<rect x="{label_w}" y="{y}" width="{w1:.1f}" height="24" fill="{ON_TIME}"></rect>')
        parts.append(f'<rect x="{label_w + w1:.1f}" y="{y}" width="{plot_w - w1:.1f}" height="24" fill="{LATE}"></rect>')
        if w1 > 90:
            parts.append(f'<text x="{label_w + 6}" y="{y + 17}" font-size="{FONT}" style="fill:#fff">{escape(labels[0])} {on_time[i] / total:.0%}</text>')
    parts.append("</svg>")
    series = (
        Series(labels[0], tuple(Decimal(n) for n in on_time), ON_TIME),
        Series(labels[1], tuple(Decimal(n) for n in late), LATE),
    )
    table_series = [Series(y, (series[0].values[i], series[1].values[i]), "") for i, y in enumerate(years)]
    return (
        f'<figure id="{chart_id}"><figcaption>{escape(title)}</figcaption>'
        + "".join(parts)
        + _data_table(title, list(labels), table_series, "件")
        + "</figure>"
    )


# -- what the charts show ------------------------------------------------------------------


def _t3_total(report: Mapping[str, Any], row: str) -> Decimal:
    values = report["table3"]["rows"].get(row) or []
    return _num(values[-1]) if values else Decimal(0)


def _families(report: Mapping[str, Any]) -> list[Decimal]:
    fmt = common.report_format(report)
    sums = {f: Decimal(0) for f in Family}
    for r in fmt.table3.outcome_rows:
        sums[Family(r.key.split(".")[0])] += _t3_total(report, r.key)
    return [sums[f] for f in Family]


def _applicant_columns(fmt: F.ReportFormat) -> list[tuple[int, str]]:
    t3 = fmt.table3
    out = []
    for j, c in enumerate(t3.columns):
        if c.key == "total":
            continue
        label = c.label if c.group is None or len(c.label) > 2 else f"{c.label}（{c.group}）"
        out.append((j, label))
    return out


def _t4_blocks(fmt: F.ReportFormat) -> list[tuple[str, str]]:
    return [(b.key, g.label + (f"（{b.label}）" if b.label else "")) for g in fmt.table4.groups for b in g.blocks]


def _year_name(report: Mapping[str, Any]) -> str:
    return f"{report['year']}年"


def _series(reports: Sequence[Mapping[str, Any]], values: Any) -> list[Series]:
    return [Series(_year_name(r), tuple(values(r)), COLOURS[i]) for i, r in enumerate(reports)]


def _key_figures(report: Mapping[str, Any], previous: Mapping[str, Any] | None) -> str:
    def change(now: Decimal, before: Decimal | None) -> str:
        if before is None:
            return ""
        diff = now - before
        if diff == 0:
            return "与上年持平"
        return f"比上年{'增加' if diff > 0 else '减少'}{_show(abs(diff))}"

    def rate(r: Mapping[str, Any]) -> str:
        t = r.get("timeliness") or {}
        replied = int(t.get("replied") or 0)
        return f"{int(t.get('on_time') or 0) / replied:.0%}" if replied else "—"

    t4 = report["table4"]
    prev_t4 = previous["table4"] if previous else None

    def appeal(t: Mapping[str, Any], group: int) -> Decimal:
        fmt = common.report_format(report)
        return sum((_num(t[b.key]["total"]) for b in fmt.table4.groups[group].blocks), Decimal(0))

    fmt = common.report_format(report)
    items = [
        ("本年新收申请", _t3_total(report, "new"), _t3_total(previous, "new") if previous else None, "件"),
        ("本年办结申请", _t3_total(report, "total"), _t3_total(previous, "total") if previous else None, "件"),
        (fmt.table4.groups[0].label, appeal(t4, 0), appeal(prev_t4, 0) if prev_t4 else None, "件"),
        (fmt.table4.groups[1].label, appeal(t4, 1), appeal(prev_t4, 1) if prev_t4 else None, "件"),
    ]
    out = ['<ul class="keys">']
    for name, now, before, unit in items:
        out.append(f'<li><span class="n">{_show(now)}{unit}</span><span class="d">{escape(name)} {escape(change(now, before))}</span></li>')
    out.append(
        f'<li><span class="n">{escape(rate(report))}</span><span class="d">按期答复率'
        + (f"（上年{escape(rate(previous))}）" if previous else "")
        + "</span></li>"
    )
    fees = report.get("fees") or {}
    out.append(f'<li><span class="n">{escape(str(fees.get("amount_yuan", "0")))}元</span><span class="d">信息处理费（{int(fees.get("cases") or 0)}件）</span></li>')
    out.append("</ul>")
    return "".join(out)


def _table2_charts(report: Mapping[str, Any], previous: Mapping[str, Any] | None) -> list[str]:
    fmt = common.report_format(report)
    both = [report] + ([previous] if previous and previous.get("format_version") == report["format_version"] else [])
    out = []
    register = [(g, r) for g in fmt.table2.groups for r in g.rows if r.source == "register"]
    if register:
        cats, getters = [], []
        for g, r in register:
            for c in g.columns:
                cats.append(f"{r.label}：{c.label}")
                getters.append((r.key, c.key))
        out.append(
            bar_chart(
                "chart-documents", "规章和规范性文件", cats,
                _series(both, lambda rep: [_num(rep["table2"][rk][ck]) for rk, ck in getters]),
            )
        )
    decisions = []
    for g in fmt.table2.groups:
        for r in g.rows:
            if r.source == "register":
                continue
            for c in g.columns:
                if c.kind is F.ValueKind.COUNT and (g.scalar or c.key == "decisions"):
                    decisions.append((r.label, r.key, c.key))
    if decisions:
        out.append(
            bar_chart(
                "chart-decisions", "行政许可、行政处罚、行政强制决定数", [d[0] for d in decisions],
                _series(both, lambda rep: [_num(rep["table2"][rk] if not ck else rep["table2"][rk][ck]) for _, rk, ck in decisions]),
            )
        )
    if previous and len(both) == 1:
        out.append('<p class="note">上一年度报告使用不同的格式，主动公开数据未作对比。</p>')
    return out


def illustrated_body(report: Mapping[str, Any], previous: Mapping[str, Any] | None = None) -> str:
    """The 图解 as an ``<article>`` for embedding in a page."""
    fmt = common.report_format(report)
    reports = [report] + ([previous] if previous else [])
    title = common.title(report) + SUFFIX
    compare = f"与{previous['year']}年对比" if previous else "（没有上一年度报告，未作对比）"
    out = [
        '<article class="illustrated">',
        f"<h1>{escape(title)}</h1>",
        f'<p class="sub">{escape(str(report["agency"]["name"]))} · {report["year"]}年度 {escape(compare)}</p>',
        _key_figures(report, previous),
        bar_chart(
            "chart-flow", "申请办理总体情况", ["本年新收", "上年结转", "本年办结", "结转下年度"],
            _series(reports, lambda r: [_t3_total(r, k) for k in ("new", "carried_in", "total", "carried_out")]),
        ),
        bar_chart(
            "chart-outcomes", "办结申请的办理结果", [FAMILY_LABELS[f] for f in Family], _series(reports, _families),
        ),
    ]
    columns = _applicant_columns(fmt)
    out.append(
        bar_chart(
            "chart-applicants", "新收申请的申请人类型", [label for _, label in columns],
            _series(reports, lambda r: [_num(r["table3"]["rows"]["new"][j]) for j, _ in columns]),
        )
    )
    timely = [r.get("timeliness") or {} for r in reports]
    out.append(
        share_chart(
            "chart-timeliness", "答复时效", [_year_name(r) for r in reports],
            [int(t.get("on_time") or 0) for t in timely], [int(t.get("overdue") or 0) for t in timely], ("按期答复", "逾期答复"),
        )
    )
    blocks = _t4_blocks(fmt)
    out.append(
        bar_chart(
            "chart-appeals", "行政复议和行政诉讼案件数", [name for _, name in blocks],
            _series(reports, lambda r: [_num(r["table4"][k]["total"]) for k, _ in blocks]),
        )
    )
    results = [(k, label) for k, label in fmt.table4.columns if k != "total"]
    out.append(
        bar_chart(
            "chart-appeal-results", "复议和诉讼案件的结果", [label for _, label in results],
            _series(reports, lambda r: [sum((_num(r["table4"][b][k]) for b, _ in blocks), Decimal(0)) for k, _ in results]),
        )
    )
    out += _table2_charts(report, previous)
    out.append('<p class="note">数据来源：本机关政府信息公开工作年度报告' + (f"（{previous['year']}年、{report['year']}年）" if previous else "") + "。</p>")
    out.append("</article>")
    return "".join(out)


def render_illustrated(report: Mapping[str, Any], previous: Mapping[str, Any] | None = None) -> str:
    """The 图解 as a whole HTML document (print it from the browser for paper)."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(common.title(report) + SUFFIX)}</title><style>{STYLE}</style></head>"
        f"<body>{illustrated_body(report, previous)}</body></html>\n"
    )
