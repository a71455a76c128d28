"""The check catalogue of evaluation.md §3, run on a report object. Pure: no Django.

Every check prints its catalogue ID (evaluation.md §3; the identities of
annual-report-format.md §7 map onto them: C1 = T3-1, C2 = T3-2, C3 = T3-3, C4 = T4-1,
C5 = T3-4/T4-2/T2-1, D1 = X-1, D2 = X-2, D3 = N-1, D4 = N-2). A result is

    {id, status: pass|fail|warn, severity: E|W|I, message (Chinese), location, basis}

``fail`` is a violated rule of severity E; ``warn`` a violated rule of severity W or I.
Any ``fail`` blocks publication (``blocks_publication``), except a missed publication
deadline on a report not yet published: refusing to publish a late report would only make
it later, so A1/A2 are reported as errors with ``blocking: false``.

The checks read the report object only (the shape of annual-report.schema.json), so the
same functions check Gongkai's own reports and, later, third-party reports read by 年报体检.
Blank cells (None, "", "/", "—") are taken as 0 for arithmetic and reported by C6.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, TypedDict

from gongkai.annual_report import formats as F


class CheckResult(TypedDict, total=False):
    id: str
    status: str  # "pass" | "fail" | "warn"
    severity: str  # "E" | "W" | "I"
    message: str
    location: str
    basis: str
    blocking: bool


_T2_COUNTS = {c.key: c.label for c in F.TABLE2_2021.groups[0].columns}  # 本年制发件数 …
_T3_ORG = F.TABLE3_2021.org_group
_T4_DETAIL = "、".join(label for key, label in F.TABLE4.columns if key != "total")

# id -> (severity, basis). The basis is shown with every warning.
CATALOGUE: dict[str, tuple[str, str]] = {
    "A1": ("E", "条例第四十九条第一款：县级以上人民政府部门每年1月31日前公布上一年度年报"),
    "A2": ("E", "条例第四十九条第二款：本级人民政府年报每年3月31日前公布"),
    "B1": ("E", "年报格式规定的六部分标题（条例第五十条）"),
    "B4": ("E", "年报格式的适用年度：2019、2020年度适用国办公开办函〔2019〕60号，2021年度起适用国办公开办函〔2021〕30号"),
    "B5": ("E", "年报格式规定的表格行、列和标签"),
    "B6": ("W", "国办公开办函〔2021〕30号：总体情况应涵盖主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障"),
    "B8": ("W", "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；2021年格式第六部分应说明收费情况"),
    "C1": ("E", "表三勾稽关系：第一项加第二项之和，等于第三项加第四项之和"),
    "C2": ("E", "表三办理结果各项互斥，（七）为各项之和"),
    "C3": ("E", f"表三各行总计等于自然人与五类{_T3_ORG}之和"),
    "C4": ("E", f"表四各部分总计等于{_T4_DETAIL}之和"),
    "C5": ("E", "表内数字均为非负整数，收费金额为非负数"),
    "C6": ("W", "表内数据应逐格填写，没有发生的填0，不留空"),
    "D1": ("W", "本年“上年结转”应等于上年度报告“结转下年度继续办理”"),
    "D2": ("W", f"{_T2_COUNTS['in_force']} ≈ 上年{_T2_COUNTS['in_force']} + {_T2_COUNTS['issued']} − {_T2_COUNTS['repealed']}"),
    "D3": ("W", "总体情况中引用的数字应与表格一致"),
    "D4": ("W", "第六部分的信息处理费说明应与收费记录和表三（六）2一致"),
    "E1": ("W", "条例第五十条第四项：存在的主要问题应具体，指明领域和表现"),
    "E2": ("W", "条例第五十条第四项：改进情况应有具体措施与问题对应"),
    "E3": ("W", "国办公开办函〔2021〕30号：年报内容雷同的，依照条例第四十七条追责"),
    "E4": ("W", "避免空泛套话（“有待进一步提高”等）"),
}

BLANKS = frozenset({"", "/", "／", "—", "-", "－", "——"})


def _result(check_id: str, status: str, message: str, location: str = "", *, severity: str | None = None) -> CheckResult:
    sev, basis = CATALOGUE[check_id]
    return CheckResult(id=check_id, status=status, severity=severity or sev, message=message, location=location, basis=basis)


def _violation(check_id: str, message: str, location: str = "", *, severity: str | None = None) -> CheckResult:
    sev = severity or CATALOGUE[check_id][0]
    return _result(check_id, "fail" if sev == "E" else "warn", message, location, severity=sev)


def blocks_publication(results: Sequence[Mapping[str, Any]]) -> bool:
    """Any error blocks publication (evaluation.md §4), except a missed deadline (see above)."""
    return any(r.get("status") == "fail" and r.get("severity") == "E" and r.get("blocking", True) for r in results)


# -- numbers -------------------------------------------------------------------------------


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() in BLANKS)


def as_number(value: Any) -> Decimal:
    """A cell as a number for arithmetic; blanks and unreadable text count as 0 (§7)."""
    if is_blank(value) or isinstance(value, bool):
        return Decimal(0)
    if isinstance(value, int):
        return Decimal(value)
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        return Decimal(0)


def _fmt(n: Decimal) -> str:
    return str(int(n)) if n == n.to_integral_value() else str(n.normalize())


# -- C: table integrity --------------------------------------------------------------------


def _t3(report: Mapping[str, Any]) -> tuple[list[str], Mapping[str, Sequence[Any]]]:
    t3 = report.get("table3") or {}
    return list(t3.get("columns") or []), t3.get("rows") or {}


def _row(rows: Mapping[str, Sequence[Any]], key: str, width: int) -> list[Decimal]:
    values = list(rows.get(key) or [])
    values += [None] * (width - len(values))
    return [as_number(v) for v in values[:width]]


def check_c1(report: Mapping[str, Any], fmt: F.ReportFormat) -> list[CheckResult]:
    """T3-1: for every column, 一 + 二 = （七）总计 + 四."""
    t3 = fmt.table3
    _, rows = _t3(report)
    n = len(t3.columns)
    new, carried_in, total, out = (_row(rows, k, n) for k in ("new", "carried_in", "total", "carried_out"))
    found = []
    for j, col in enumerate(t3.columns):
        left, right = new[j] + carried_in[j], total[j] + out[j]
        if left != right:
            found.append(
                _violation(
                    "C1",
                    f"表三“{col.label}”列：第一项加第二项之和为{_fmt(new[j])}+{_fmt(carried_in[j])}={_fmt(left)}，"
                    f"第三项加第四项之和为{_fmt(total[j])}+{_fmt(out[j])}={_fmt(right)}，二者不等",
                    f"table3.columns.{col.key}",
                )
            )
    return found or [_result("C1", "pass", "表三各列均满足：第一项加第二项之和，等于第三项加第四项之和")]


def check_c2(report: Mapping[str, Any], fmt: F.ReportFormat) -> list[CheckResult]:
    """T3-2: for every column, （七）总计 = the sum of the outcome rows."""
    t3 = fmt.table3
    _, rows = _t3(report)
    n = len(t3.columns)
    total = _row(rows, "total", n)
    detail = [_row(rows, r.key, n) for r in t3.outcome_rows]
    total_label = t3.row("total").label
    found = []
    for j, col in enumerate(t3.columns):
        s = sum((d[j] for d in detail), Decimal(0))
        if s != total[j]:
            found.append(
                _violation(
                    "C2",
                    f"表三“{col.label}”列：{total_label}为{_fmt(total[j])}，但各项办理结果之和为{_fmt(s)}",
                    f"table3.rows.total.{col.key}",
                )
            )
    return found or [_result("C2", "pass", f"表三各列{total_label}均等于各项办理结果之和")]


def check_c3(report: Mapping[str, Any], fmt: F.ReportFormat) -> list[CheckResult]:
    """T3-3: for every row, 总计 = the six applicant columns."""
    t3 = fmt.table3
    _, rows = _t3(report)
    n = len(t3.columns)
    total_col = t3.columns[-1]
    found = []
    for r in t3.rows:
        values = _row(rows, r.key, n)
        s = sum(values[:-1], Decimal(0))
        if s != values[-1]:
            found.append(
                _violation(
                    "C3",
                    f"表三“{r.label}”行：“{total_col.label}”为{_fmt(values[-1])}，但各类申请人之和为{_fmt(s)}",
                    f"table3.rows.{r.key}",
                )
            )
    return found or [_result("C3", "pass", f"表三各行“{total_col.label}”均等于各类申请人之和")]


def _t4_name(fmt: F.ReportFormat, block_key: str) -> str:
    for g in fmt.table4.groups:
        for b in g.blocks:
            if b.key == block_key:
                return g.label + (f"（{b.label}）" if b.label else "")
    return block_key


def check_c4(report: Mapping[str, Any], fmt: F.ReportFormat) -> list[CheckResult]:
    """T4-1: in each block, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    t4 = report.get("table4") or {}
    found = []
    for b in fmt.table4.blocks:
        block = t4.get(b.key) or {}
        s = sum((as_number(block.get(k)) for k in fmt.table4.detail_keys), Decimal(0))
        total = as_number(block.get("total"))
        if s != total:
            found.append(
                _violation("C4", f"表四“{_t4_name(fmt, b.key)}”：总计为{_fmt(total)}，但各项结果之和为{_fmt(s)}", f"table4.{b.key}")
            )
    return found or [_result("C4", "pass", "表四各部分总计均等于各项结果之和")]


def _cells(report: Mapping[str, Any], fmt: F.ReportFormat) -> list[tuple[F.Figure, Any]]:
    out = []
    for f in F.figures(fmt):
        try:
            value = F.get_value(report, f.path)
        except (KeyError, IndexError, ValueError, TypeError):
            value = None
        out.append((f, value))
    return out


def check_c5(report: Mapping[str, Any], fmt: F.ReportFormat) -> list[CheckResult]:
    """T2-1, T3-4, T4-2: counts are integers >= 0 (2019 本年增/减 may be negative);
    amounts are >= 0; 万元 with at most 4 decimals (a suggestion: warning)."""
    found = []
    for f, value in _cells(report, fmt):
        if is_blank(value):
            continue  # C6
        where = F.describe_figure(f)
        if f.kind.is_decimal:
            try:
                d = Decimal(str(value).strip())
            except InvalidOperation:
                found.append(_violation("C5", f"{where}“{value}”不是数字", f.path))
                continue
            if not d.is_finite() or d < 0:
                found.append(_violation("C5", f"{where}为{value}，金额不能为负数", f.path))
            elif f.kind is F.ValueKind.WAN_YUAN and -d.as_tuple().exponent > 4:  # type: ignore[operator]
                found.append(_violation("C5", f"{where}为{value}，以万元为单位时建议不超过4位小数", f.path, severity="W"))
            continue
        ok_int = isinstance(value, int) and not isinstance(value, bool)
        if not ok_int and isinstance(value, str) and re.fullmatch(r"[+-]?\d+", value.strip()):
            ok_int, value = True, int(value)
        if not ok_int:
            found.append(_violation("C5", f"{where}“{value}”不是整数", f.path))
        elif f.kind is F.ValueKind.COUNT and value < 0:
            found.append(_violation("C5", f"{where}为{value}，件数不能为负数", f.path))
    return found or [_result("C5", "pass", "表内各项均为非负整数，金额为非负数")]


def check_c6(report: Mapping[str, Any], fmt: F.ReportFormat, pending: Sequence[str] = ()) -> list[CheckResult]:
    """No blank cells; ``pending`` are typed-only cells nobody has entered yet (shown as 0)."""
    found = []
    blanks = [f for f, v in _cells(report, fmt) if is_blank(v)]
    if blanks:
        shown = "；".join(F.describe_figure(f) for f in blanks[:5])
        more = f"等{len(blanks)}格" if len(blanks) > 5 else ""
        found.append(_violation("C6", f"以下数据格为空或为“/”“—”，应填写0：{shown}{more}", blanks[0].path))
    waiting = [F.figure(fmt, p) for p in pending]
    if waiting:
        shown = "；".join(F.describe_figure(f) for f in waiting[:5])
        more = f"等{len(waiting)}项" if len(waiting) > 5 else ""
        found.append(_violation("C6", f"以下数据尚未录入，暂按0填写，请核实后录入（没有发生的也请录入0）：{shown}{more}", waiting[0].path))
    return found or [_result("C6", "pass", "表内没有空格，各项数据均已填写")]


# -- D: cross-year and cross-section ------------------------------------------------------


def check_d1(report: Mapping[str, Any], fmt: F.ReportFormat, previous: Mapping[str, Any] | None, *, own_records: bool) -> list[CheckResult]:
    """X-1: 二、上年结转 (Y) = 四、结转下年度继续办理 (Y−1), per column.
    An error when Gongkai holds both years' records (evaluation.md §3 D1)."""
    if not previous or "table3" not in previous:
        return [_result("D1", "pass", "没有上一年度报告，未作跨年度核对")]
    t3 = fmt.table3
    _, rows = _t3(report)
    _, prev_rows = _t3(previous)
    n = len(t3.columns)
    now, before = _row(rows, "carried_in", n), _row(prev_rows, "carried_out", n)
    sev = "E" if own_records else "W"
    found = [
        _violation(
            "D1",
            f"表三“{col.label}”列：“{t3.row('carried_in').label}”为{_fmt(now[j])}，"
            f"上年度报告“{t3.row('carried_out').label}”为{_fmt(before[j])}",
            f"table3.rows.carried_in.{col.key}",
            severity=sev,
        )
        for j, col in enumerate(t3.columns)
        if now[j] != before[j]
    ]
    return found or [_result("D1", "pass", "本年上年结转数与上年度报告结转下年度数一致")]


def check_d2(report: Mapping[str, Any], fmt: F.ReportFormat, previous: Mapping[str, Any] | None) -> list[CheckResult]:
    """X-2 (2021 format): 现行有效(Y) = 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y)."""
    if fmt.version != F.FORMAT_2021:
        return []
    if not previous or previous.get("format_version") != F.FORMAT_2021 or "table2" not in previous:
        return [_result("D2", "pass", "上一年度没有2021年格式的表二，未作跨年度核对")]
    found = []
    t2, prev = report.get("table2") or {}, previous.get("table2") or {}
    for g in fmt.table2.groups:
        for r in g.rows:
            if r.source != "register":
                continue
            cur, old = t2.get(r.key) or {}, prev.get(r.key) or {}
            expected = as_number(old.get("in_force")) + as_number(cur.get("issued")) - as_number(cur.get("repealed"))
            if expected != as_number(cur.get("in_force")):
                found.append(
                    _violation(
                        "D2",
                        f"表二“{r.label}”：{_T2_COUNTS['in_force']}为{_fmt(as_number(cur.get('in_force')))}，"
                        f"按上年现行有效{_fmt(as_number(old.get('in_force')))}件、本年制发{_fmt(as_number(cur.get('issued')))}件、"
                        f"废止{_fmt(as_number(cur.get('repealed')))}件推算应为{_fmt(expected)}件（文件失效、修改等也可能造成差异，请核实）",
                        f"table2.{r.key}.in_force",
                    )
                )
    return found or [_result("D2", "pass", f"表二{_T2_COUNTS['in_force']}与上年度数及本年增减相符")]


_SEP = r"[^，。；、,;0-9\n]*?"
# Phrases of section 一 that quote a table figure, and the figure they quote.
_QUOTES: tuple[tuple[str, str], ...] = (
    (rf"新收{_SEP}(\d+)件", "new"),
    (rf"上年结转{_SEP}(\d+)件", "carried_in"),
    (rf"办结{_SEP}(\d+)件", "total"),
    (rf"结转下一?年度?{_SEP}(\d+)件", "carried_out"),
    (rf"行政复议{_SEP}(\d+)件", "review"),
    (rf"行政诉讼{_SEP}(\d+)件", "litigation"),
)


def quoted_figures(report: Mapping[str, Any]) -> dict[str, Decimal]:
    """What the quoted phrases of 一 should equal (the 总计 column of 表三, 表四 totals)."""
    _, rows = _t3(report)
    t4 = report.get("table4") or {}

    def last(key: str) -> Decimal:
        values = list(rows.get(key) or [])
        return as_number(values[-1]) if values else Decimal(0)

    return {
        "new": last("new"),
        "carried_in": last("carried_in"),
        "total": last("total"),
        "carried_out": last("carried_out"),
        "review": as_number((t4.get("review") or {}).get("total")),
        "litigation": as_number((t4.get("lit_direct") or {}).get("total"))
        + as_number((t4.get("lit_after_review") or {}).get("total")),
    }


def check_d3(report: Mapping[str, Any], fmt: F.ReportFormat) -> list[CheckResult]:
    text = ((report.get("sections") or {}).get("overview") or "").replace(" ", "")
    expected = quoted_figures(report)
    seen = 0
    found = []
    for pattern, key in _QUOTES:
        for m in re.finditer(pattern, text):
            seen += 1
            quoted = Decimal(m.group(1))
            if quoted != expected[key]:
                found.append(
                    _violation("D3", f"总体情况中“{m.group(0)}”与表格数字{_fmt(expected[key])}不一致", f"sections.overview:{m.start()}")
                )
    if found:
        return found
    if not seen:
        return [_result("D3", "pass", "总体情况未引用表格中的申请、复议、诉讼件数")]
    return [_result("D3", "pass", f"总体情况引用的{seen}处数字与表格一致")]


_NONE_COLLECTED = re.compile(r"未收取|未发生|没有收取|没有发生|不收取|无收费|未产生|免收")


def check_d4(report: Mapping[str, Any], fmt: F.ReportFormat) -> list[CheckResult]:
    """N-2 / D4: the fee statement of 六 against the fee records (fees.md §7)."""
    text = ((report.get("sections") or {}).get("other") or "").replace(" ", "")
    fees = report.get("fees") or {}
    cases, amount = int(as_number(fees.get("cases"))), as_number(fees.get("amount_yuan"))
    sentences = [s for s in re.split(r"[。；\n]", text) if "信息处理费" in s]
    if not sentences:
        return [_result("D4", "pass", "第六部分未说明信息处理费，由B8提示")]
    statement = "。".join(sentences)
    amounts = [Decimal(a) for a in re.findall(r"(\d+(?:\.\d+)?)元", statement)]
    counts = [int(c) for c in re.findall(r"(\d+)件", statement)]
    says_none = bool(_NONE_COLLECTED.search(statement)) and not any(a > 0 for a in amounts)
    _, rows = _t3(report)
    abandoned = (list(rows.get("other.no_fee") or []) or [0])[-1]
    context = f"（收费记录：{cases}件、{_fmt(amount)}元；表三逾期未缴费{abandoned}件，其费用不计入已收取）"
    if cases == 0:
        if says_none:
            return [_result("D4", "pass", "第六部分说明未收取信息处理费，与收费记录一致")]
        return [_violation("D4", f"第六部分的信息处理费说明与收费记录不一致{context}", "sections.other")]
    if says_none:
        return [_violation("D4", f"第六部分称未收取信息处理费，但收费记录显示已收取{context}", "sections.other")]
    if amount not in amounts or (counts and cases not in counts):
        return [_violation("D4", f"第六部分的信息处理费金额或件数与收费记录不一致{context}", "sections.other")]
    return [_result("D4", "pass", f"第六部分的信息处理费说明与收费记录一致{context}")]


# -- B: structure ------------------------------------------------------------------------


def check_b1(headings: Sequence[str], fmt: F.ReportFormat) -> list[CheckResult]:
    """The six headings, in order, exact; 五's Art 50(4) long form is equivalent (§2)."""
    expected = fmt.headings
    found: list[CheckResult] = []
    positions: list[int] = []
    for i, want in enumerate(expected):
        accepted = [want]
        if fmt.sections[i].key == "problems":
            accepted.append(F.PROBLEMS_HEADING_EQUIVALENT)
        idx = next((k for k, h in enumerate(headings) if h in accepted), None)
        if idx is None:
            variants = F.PROBLEMS_HEADING_VARIANTS if fmt.sections[i].key == "problems" else ()
            near = next(
                (k for k, h in enumerate(headings) if h in variants or F.label_status(h, want) == "variant"),
                None,
            )
            if near is not None:
                positions.append(near)
                found.append(_violation("B1", f"标题“{headings[near]}”不规范，应为“{want}”", f"sections.{fmt.sections[i].key}", severity="W"))
            else:
                found.append(_violation("B1", f"缺少第{fmt.sections[i].numeral}部分标题“{want}”", f"sections.{fmt.sections[i].key}"))
            continue
        positions.append(idx)
    if positions != sorted(positions):
        found.append(_violation("B1", "六部分标题顺序与年报格式不一致", "sections"))
    return found or [_result("B1", "pass", "六部分标题齐全、顺序和文字符合年报格式")]


def check_b4(report: Mapping[str, Any], fmt: F.ReportFormat, *, first_2021_year: int) -> list[CheckResult]:
    year = int(report.get("year") or 0)
    try:
        expected = F.format_for_year(year, first_2021_year=first_2021_year)
    except F.FormatError as exc:
        return [_violation("B4", str(exc), "year")]
    if expected != fmt.version:
        return [
            _violation(
                "B4",
                f"{year}年度报告应使用{F.get_format(expected).basis}规定的{expected}年格式，本报告使用{fmt.version}年格式",
                "format_version",
            )
        ]
    return [_result("B4", "pass", f"{year}年度报告使用{fmt.basis}规定的格式")]


def _shape_errors(report: Mapping[str, Any], fmt: F.ReportFormat) -> list[CheckResult]:
    found = []
    t2 = report.get("table2") or {}
    for g in fmt.table2.groups:
        for r in g.rows:
            if r.key not in t2:
                found.append(_violation("B5", f"表二缺少“{g.label}／{r.label}”行", f"table2.{r.key}"))
            elif not g.scalar:
                for c in g.columns:
                    if c.key not in (t2.get(r.key) or {}):
                        found.append(_violation("B5", f"表二“{r.label}”行缺少“{c.label}”列", f"table2.{r.key}.{c.key}"))
    known2 = {r.key for g in fmt.table2.groups for r in g.rows}
    for extra in sorted(set(t2) - known2):
        found.append(_violation("B5", f"表二含有{fmt.version}年格式没有的项目“{extra}”", f"table2.{extra}"))
    columns, rows = _t3(report)
    if columns != list(fmt.table3.column_keys):
        found.append(_violation("B5", "表三的列与年报格式不一致", "table3.columns"))
    for r in fmt.table3.rows:
        if r.key not in rows:
            found.append(_violation("B5", f"表三缺少“{r.label}”行", f"table3.rows.{r.key}"))
        elif len(rows[r.key]) != len(fmt.table3.columns):
            found.append(_violation("B5", f"表三“{r.label}”行应有{len(fmt.table3.columns)}列", f"table3.rows.{r.key}"))
    for extra in sorted(set(rows) - set(fmt.table3.row_keys)):
        found.append(_violation("B5", f"表三含有{fmt.version}年格式没有的行“{extra}”", f"table3.rows.{extra}"))
    t4 = report.get("table4") or {}
    for b in fmt.table4.blocks:
        for key, label in fmt.table4.columns:
            if key not in (t4.get(b.key) or {}):
                found.append(_violation("B5", f"表四“{_t4_name(fmt, b.key)}”缺少“{label}”列", f"table4.{b.key}.{key}"))
    return found


def check_b5(report: Mapping[str, Any], fmt: F.ReportFormat, found_labels: Mapping[str, str] | None = None) -> list[CheckResult]:
    """Every row and column present; labels exact. ``found_labels`` maps a label of the
    format to the text a document actually shows there (年报体检); Gongkai's renderers
    print the format's labels, so for its own reports only the structure is checked."""
    found = _shape_errors(report, fmt)
    for canonical, text in (found_labels or {}).items():
        status = F.label_status(text, canonical)
        if status == "variant":
            found.append(_violation("B5", f"标签“{text}”与格式文字“{canonical}”写法不同", canonical, severity="W"))
        elif status == "different":
            found.append(_violation("B5", f"缺少格式规定的“{canonical}”（见到的是“{text}”）", canonical))
    return found or [_result("B5", "pass", f"表二、表三、表四的行和列齐全，符合{fmt.version}年格式")]


# 2021 format (一): the five aspects of 总体情况, with the words reports use for them.
ASPECTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("主动公开", ("主动公开",)),
    ("依申请公开", ("依申请公开", "政府信息公开申请")),
    ("政府信息管理", ("政府信息管理", "信息管理")),
    ("政府信息公开平台建设", ("平台建设", "网站", "政务新媒体", "公开平台")),
    ("监督保障", ("监督保障", "考核", "培训", "社会评议", "责任追究")),
)


def check_b6(report: Mapping[str, Any], fmt: F.ReportFormat) -> list[CheckResult]:
    text = (report.get("sections") or {}).get("overview") or ""
    missing = [name for name, words in ASPECTS if not any(w in text for w in words)]
    if missing:
        return [_violation("B6", f"总体情况尚未写到：{'、'.join(missing)}", "sections.overview")]
    return [_result("B6", "pass", "总体情况涵盖了五个方面")]


def check_b8(report: Mapping[str, Any], fmt: F.ReportFormat) -> list[CheckResult]:
    if not fmt.fee_statement_required:
        return []
    text = (report.get("sections") or {}).get("other") or ""
    if "信息处理费" in text:
        return [_result("B8", "pass", "第六部分说明了信息处理费收取情况")]
    return [_violation("B8", "第六部分应说明本年度是否收取信息处理费（收取的写明件数和金额，未收取的也应写明）", "sections.other")]


# -- A: publication deadline ---------------------------------------------------------------


def check_a(report: Mapping[str, Any], today: dt.date | None) -> list[CheckResult]:
    year = int(report.get("year") or 0)
    kind = (report.get("agency") or {}).get("kind") or "department"
    check_id = "A2" if kind == "government" else "A1"
    y, m, d = F.deadline_for(year, kind)
    deadline = dt.date(y, m, d)
    when = f"{deadline:%Y年%m月%d日}".replace("年0", "年").replace("月0", "月")
    published = report.get("published_on")
    if published:
        on = published if isinstance(published, dt.date) else dt.date.fromisoformat(str(published))
        if on <= deadline:
            return [_result(check_id, "pass", f"已于{on:%Y-%m-%d}发布，在{when}的法定期限内")]
        return [_violation(check_id, f"于{on:%Y-%m-%d}发布，晚于{when}的法定期限", "published_on")]
    if today is not None and today > deadline:
        r = _violation(check_id, f"尚未发布，已超过{when}的法定期限；请尽快发布，逾期情况将如实记录", "published_on")
        r["blocking"] = False
        return [r]
    return [_result(check_id, "pass", f"尚未发布，应于{when}前发布")]


# -- E: specificity of section 五 (heuristics, evaluation.md §3 E) -------------------------

_ENUM = re.compile(r"(?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|(?<![0-9.])[0-9]{1,2}[.、．](?![0-9])|第[一二三四五六七八九十]+[，、,]|首先|其次|再次|最后)")
_MEASURE_START = re.compile(r"下一步|改进情况|改进措施|整改措施|整改情况|针对(?:上述|以上|这些|存在的)")
AREAS = (
    "政策解读", "解读", "依申请", "申请", "答复", "平台", "网站", "栏目", "专栏", "基层", "主动公开", "信息发布",
    "公开目录", "目录", "规范性文件", "文件", "政务公开", "数据", "信息公开指南", "指南", "新媒体", "公众号",
    "回应", "办理质量", "标准化", "保密审查", "归档", "人员", "队伍", "培训", "更新", "链接", "检索", "无障碍",
)
_SYMPTOM = re.compile(r"\d|滞后|不及时|未及时|未更新|逾期|错误|错漏|缺失|遗漏|不完整|不规范|超期|延迟|未能|失效|断链|空白|重复|不一致|不全|较少|偏少|单一")
_ACTION = re.compile(r"建立|制定|修订|开展|组织|增设|上线|实行|落实|完善|优化|更新|培训|编制|梳理|清理|核查|整改|配备|开设|推行|实施|明确|规范|统一|发布|公开|设置")
_CONCRETE = re.compile(r"\d|年底前|月底前|季度|每月|每周|每年|每季|前完成|负责|牵头|责任|[一二三四五六七八九十]+月")
_VAGUE = re.compile(
    r"有待进一步(?:提高|加强|完善|提升)|有待(?:提高|加强|完善|提升)|还不够|仍需(?:加强|提高|完善)|需进一步(?:加强|提高|完善)"
    r"|进一步(?:完善|加强|提高|提升|丰富)|还需(?:要)?进一步|有一定(?:的)?差距|存在(?:一定)?差距|不够(?:完善|到位|深入|充分)|仍有不足|有待完善"
)


def _segments(text: str) -> list[str]:
    marks = [m.start() for m in _ENUM.finditer(text)]
    if not marks:
        return [s for s in re.split(r"[。；\n]", text) if s.strip()]
    cuts = [0, *marks, len(text)]
    return [text[a:b].strip() for a, b in itertools.pairwise(cuts) if text[a:b].strip()]


def split_problems(text: str) -> tuple[list[str], list[str]]:
    """(problem items, measure items) of section 五, by the turn to improvements."""
    m = _MEASURE_START.search(text)
    if m:
        problems, measures = _segments(text[: m.start()]), _segments(text[m.start() :])
    else:
        items = _segments(text)
        problems = [s for s in items if not _ACTION.search(s) or _SYMPTOM.search(s)]
        measures = [s for s in items if s not in problems]
    return problems, measures


def _is_concrete_problem(item: str) -> bool:
    return any(a in item for a in AREAS) and bool(_SYMPTOM.search(item))


def _is_concrete_measure(item: str) -> bool:
    return bool(_ACTION.search(item)) and (bool(_CONCRETE.search(item)) or any(a in item for a in AREAS)) and not _only_vague(item)


def _only_vague(sentence: str) -> bool:
    return bool(_VAGUE.search(sentence)) and not re.search(r"\d", sentence)


def check_e1(text: str) -> list[CheckResult]:
    if not text.strip():
        return [_violation("E1", "第五部分“存在的主要问题及改进情况”尚未填写", "sections.problems")]
    problems, _ = split_problems(text)
    concrete = [p for p in problems if _is_concrete_problem(p)]
    if len(concrete) < 2:
        return [
            _violation(
                "E1",
                f"第五部分列出的具体问题不足2个（识别到{len(concrete)}个）：每个问题应指明领域（如政策解读、依申请办理、平台维护）并写明具体表现或数字",
                "sections.problems",
            )
        ]
    return [_result("E1", "pass", f"第五部分列出了{len(concrete)}个具体问题")]


def check_e2(text: str) -> list[CheckResult]:
    if not text.strip():
        return [_violation("E2", "第五部分尚未填写改进措施", "sections.problems")]
    problems, measures = split_problems(text)
    concrete = [m for m in measures if _is_concrete_measure(m)]
    need = max(1, len([p for p in problems if _is_concrete_problem(p)]))
    if len(concrete) < need:
        return [
            _violation(
                "E2",
                f"第五部分的具体改进措施（{len(concrete)}项）少于所列问题（{need}项）：措施应写明做什么、对什么，最好写明责任和时限",
                "sections.problems",
            )
        ]
    return [_result("E2", "pass", f"第五部分有{len(concrete)}项具体改进措施")]


def _trigrams(text: str) -> set[str]:
    s = re.sub(r"[\s\W_]+", "", text)
    return {s[i : i + 3] for i in range(len(s) - 2)}


def similarity(a: str, b: str) -> float:
    """Character 3-gram Jaccard similarity (evaluation.md §3 E3)."""
    x, y = _trigrams(a), _trigrams(b)
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


def check_e3(text: str, previous_text: str | None) -> list[CheckResult]:
    if not text.strip() or not (previous_text or "").strip():
        return [_result("E3", "pass", "没有上一年度第五部分文本可比对")]
    sim = similarity(text, previous_text or "")
    pct = f"{sim:.0%}"
    if sim >= 0.9:
        return [_violation("E3", f"第五部分与上一年度相似度为{pct}，内容雷同", "sections.problems", severity="E")]
    if sim >= 0.7:
        return [_violation("E3", f"第五部分与上一年度相似度为{pct}，请避免照搬上年内容", "sections.problems")]
    return [_result("E3", "pass", f"第五部分与上一年度相似度为{pct}")]


def check_e4(text: str) -> list[CheckResult]:
    sentences = [s for s in re.split(r"[。；！？\n]", text) if len(s.strip()) >= 4]
    if not sentences:
        return []  # E1 reports the empty section
    vague = [s for s in sentences if _only_vague(s)]
    if len(vague) * 2 >= len(sentences):
        return [
            _violation(
                "E4",
                f"第五部分{len(sentences)}句中有{len(vague)}句只有“进一步加强”“有待提高”一类套话，没有具体对象或数字",
                "sections.problems",
            )
        ]
    return [_result("E4", "pass", "第五部分没有以套话为主")]


# -- all together --------------------------------------------------------------------------


def run_checks(
    report: Mapping[str, Any],
    *,
    previous: Mapping[str, Any] | None = None,
    today: dt.date | None = None,
    headings: Sequence[str] | None = None,
    found_labels: Mapping[str, str] | None = None,
    own_records: bool = True,
    first_2021_year: int = F.FIRST_YEAR_2021_FORMAT,
    pending: Sequence[str] = (),
) -> list[CheckResult]:
    """Every applicable check on ``report``.

    ``previous``: the previous year's report object, or the parts of it the D and E checks
    read (``format_version``, ``table2``, ``table3``, ``sections.problems``).
    ``headings``: the headings the rendered document shows; Gongkai's renderers print the
    format's headings, which is the default. ``pending``: typed-only cells not yet entered.
    """
    fmt = F.get_format(str(report.get("format_version")))
    results: list[CheckResult] = []
    results += check_a(report, today)
    results += check_b1(list(headings) if headings is not None else list(fmt.headings), fmt)
    results += check_b4(report, fmt, first_2021_year=first_2021_year)
    results += check_b5(report, fmt, found_labels)
    results += check_b6(report, fmt)
    results += check_b8(report, fmt)
    for check in (check_c1, check_c2, check_c3, check_c4, check_c5):
        results += check(report, fmt)
    results += check_c6(report, fmt, pending)
    results += check_d1(report, fmt, previous, own_records=own_records)
    results += check_d2(report, fmt, previous)
    results += check_d3(report, fmt)
    results += check_d4(report, fmt)
    problems = (report.get("sections") or {}).get("problems") or ""
    prev_problems = ((previous or {}).get("sections") or {}).get("problems")
    results += check_e1(problems)
    results += check_e2(problems)
    results += check_e3(problems, prev_problems)
    results += check_e4(problems)
    return results
