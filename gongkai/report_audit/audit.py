"""年报体检: read a report, rebuild its object, run the check catalogue. Pure: no Django.

The object read back has the shape of annual-report.schema.json (null for a blank cell,
"/" and "—" kept as written), so the arithmetic and text checks are those of
``annual_report.checks``, run unchanged. What a reader needs beyond them is here, as
adapters, each listed with its reason in docs/architecture.md (年报体检):

- B1: headings with other numbering or wording variants (``structure.HEADING_VARIANTS``)
  are warnings; ``checks.check_b1`` knows only the 五 variants of formats.py.
- B2, B3, B7, B9: not in checks.py; written here from evaluation.md §3.
- B5: label variants found in the document (a provincial note inside a label is a
  warning, evaluation.md §5 item 6, where ``formats.label_status`` says "different");
  whole tables missing or published as pictures.
- C6: one finding per cell (``checks.check_c6`` reports one finding for all cells).
- C1–C3: a single wrong cell of 表三 breaks one row identity (C3) and one column identity
  (C1 or C2); the findings are located at their crossing.
- D4: a third party's fee ledger is unknown; the statement of 六 is checked against 表三.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gongkai.annual_report import checks as C
from gongkai.annual_report import formats as F
from gongkai.report_audit import structure as S
from gongkai.report_audit import tables as T
from gongkai.report_audit.document import Document

SEVERITY = {"E": "error", "W": "warning", "I": "info"}
SECTION_OF_TABLE = {"table2": "table2", "table3": "table3", "table4": "table4"}
# Checks that are not in the catalogue's table in checks.py: severity and basis (evaluation.md §3).
READER_CATALOGUE: dict[str, tuple[str, str]] = {
    "B2": ("W", "引言所述部分数应与正文实际部分一致"),
    "B3": ("W", "统计期限及正文中的年度应与报告年度一致（比较性表述除外）"),
    "B7": ("E", "条例第五十条第四项：各级人民政府年报应报告工作考核、社会评议和责任追究结果情况"),
    "B9": ("W", "各部分不得为空或只写“无”（第六部分的分项除外）"),
}
SCORE_WARNING = 5
SCORE_INFO = 1


@dataclass
class Finding:
    check: str
    severity: str  # "error" | "warning" | "info"
    message: str
    section: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    evidence: str = ""
    basis: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "severity": self.severity,
            "location": {"section": self.section, "table": self.table, "row": self.row, "column": self.column},
            "message": self.message,
            "evidence": self.evidence,
            "basis": self.basis,
        }


@dataclass
class AuditResult:
    name: str
    format_version: str | None
    year: int | None
    agency: str
    report: dict[str, Any]  # the object read back (schema shape)
    sections: dict[str, dict[str, Any]]
    tables: dict[str, T.TableRead]
    findings: list[Finding] = field(default_factory=list)
    source: str = ""

    @property
    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] += 1
        return out

    @property
    def score(self) -> int:
        """evaluation.md §4: 100 − 5 × warnings − 1 × info, floored at 0; errors are listed."""
        c = self.counts
        return max(0, 100 - SCORE_WARNING * c["warning"] - SCORE_INFO * c["info"])

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.name,
            "format_version": self.format_version,
            "year": self.year,
            "agency": self.agency,
            "published_on": self.report.get("published_on"),
            "sections": self.sections,
            "tables": {k: self.report.get(k) for k in T.TABLE_KEYS},
            "table_status": {k: t.status for k, t in self.tables.items()},
            "findings": [f.as_json() for f in self.findings],
            "counts": self.counts,
            "score": self.score,
        }


# -- values -----------------------------------------------------------------------------------

_INT = re.compile(r"^[+-]?\d+$")
_DEC = re.compile(r"^\d+(?:\.\d+)?$")


def to_value(token: str | None, kind: F.ValueKind) -> Any:
    """A cell token as the schema holds it: int, a decimal string for amounts, null for a
    blank (or an absent row), any other text as written ("/", "—", "12件")."""
    if token is None or token == "":
        return None
    t = token.replace(",", "")
    if kind.is_decimal:
        return t if _DEC.match(t) else token
    if _INT.match(t):
        return int(t)
    return token


def _shape(fmt: F.ReportFormat, cells: Mapping[str, str | None], key: str) -> Any:
    wrapper: dict[str, Any] = {}
    if key == "table3":
        wrapper[key] = {"columns": list(fmt.table3.column_keys), "rows": {r.key: [None] * len(fmt.table3.columns) for r in fmt.table3.rows}}
    for f in F.figures(fmt):
        if f.table == key:
            F.set_value(wrapper, f.path, to_value(cells.get(f.path), f.kind))
    return wrapper.get(key, {})


def _found_only(fmt: F.ReportFormat, t: T.TableRead, full: Any) -> Any:
    """The table with the rows the document did not show left out (for B5's shape check)."""
    if t.key == "table3":
        return {"columns": full["columns"], "rows": {k: v for k, v in full["rows"].items() if k in t.rows_found}}
    if t.key == "table2":
        return {k: v for k, v in full.items() if k in t.rows_found}
    return {k: v for k, v in full.items() if k in t.rows_found}


# -- locations -----------------------------------------------------------------------------------


def locate(location: str, fmt: F.ReportFormat) -> dict[str, str | None]:
    """A checks.py location string → section, table, row, column."""
    out: dict[str, str | None] = {"section": None, "table": None, "row": None, "column": None}
    if not location:
        return out
    parts = location.split(":", 1)[0].split(".")
    head = parts[0]
    if head == "sections":
        out["section"] = parts[1] if len(parts) > 1 else None
    elif head in SECTION_OF_TABLE:
        out["section"] = out["table"] = head
        rest = parts[1:]
        if head == "table3":
            if rest and rest[0] == "columns":
                out["column"] = rest[1] if len(rest) > 1 else None
            elif rest and rest[0] == "rows":
                body = rest[1:]
                if body and body[-1] in fmt.table3.column_keys:
                    out["column"] = body[-1]
                    body = body[:-1]
                out["row"] = ".".join(body) or None
        elif rest:
            out["row"] = rest[0]
            out["column"] = rest[1] if len(rest) > 1 else None
    return out


def describe(loc: Mapping[str, str | None], fmt: F.ReportFormat) -> str:
    """表三“（一）予以公开”行“自然人”列 — for people."""
    table, row, column = loc.get("table"), loc.get("row"), loc.get("column")
    if not table:
        return ""
    name = {"table2": "表二", "table3": "表三", "table4": "表四"}[table]
    out = name
    if table == "table3":
        if row:
            out += f"“{fmt.table3.row(row).label}”行" if row in fmt.table3.row_keys else f"“{row}”行"
        if column:
            label = next((c.label for c in fmt.table3.columns if c.key == column), column)
            out += f"“{label}”列"
    elif table == "table4":
        for g in fmt.table4.groups:
            for b in g.blocks:
                if b.key == row:
                    out += f"“{g.label}{('／' + b.label) if b.label else ''}”"
        if column:
            out += f"“{dict(fmt.table4.columns).get(column, column)}”列"
    elif table == "table2" and row:
        for g in fmt.table2.groups:
            for r in g.rows:
                if r.key == row:
                    out += f"“{r.label}”行"
                    col = next((c for c in g.columns if c.key == column), None)
                    if col is not None and not g.scalar:
                        out += f"“{col.label}”列"
    return out


# -- the audit ---------------------------------------------------------------------------------


@dataclass
class Options:
    previous: AuditResult | None = None
    today: dt.date | None = None


def _finding_from(r: Mapping[str, Any], fmt: F.ReportFormat, tables: Mapping[str, T.TableRead]) -> Finding:
    loc = locate(str(r.get("location") or ""), fmt)
    f = Finding(
        check=str(r["id"]),
        severity=SEVERITY[str(r.get("severity") or "W")],
        message=str(r["message"]),
        section=loc["section"],
        table=loc["table"],
        row=loc["row"],
        column=loc["column"],
        basis=str(r.get("basis") or ""),
    )
    f.evidence = _evidence(f, fmt, tables)
    return f


def _evidence(f: Finding, fmt: F.ReportFormat, tables: Mapping[str, T.TableRead]) -> str:
    if not f.table or f.table not in tables:
        return f.evidence
    t = tables[f.table]
    if f.table == "table3" and f.row and f.column:
        return t.evidence.get(f"table3.rows.{f.row}.{f.column}", "")
    if f.table == "table3" and f.row:
        return " ".join(t.evidence.get(f"table3.rows.{f.row}.{c}", "") or "（空）" for c in fmt.table3.column_keys)
    if f.table == "table3" and f.column:
        return " ".join(f"{r.label[:8]}={t.evidence.get(f'table3.rows.{r.key}.{f.column}', '') or '（空）'}" for r in fmt.table3.rows if r.key in ("new", "carried_in", "total", "carried_out"))
    if f.table == "table4" and f.row:
        if f.column:
            return t.evidence.get(f"table4.{f.row}.{f.column}", "")
        return " ".join(t.evidence.get(f"table4.{f.row}.{k}", "") or "（空）" for k, _ in fmt.table4.columns)
    if f.table == "table2" and f.row:
        path = f"table2.{f.row}" + (f".{f.column}" if f.column else "")
        return t.evidence.get(path, "")
    return ""


def _reader_finding(check: str, message: str, *, severity: str | None = None, **loc: str | None) -> Finding:
    sev, basis = READER_CATALOGUE.get(check) or C.CATALOGUE[check]
    return Finding(check, SEVERITY[severity or sev], message, basis=basis, **loc)  # type: ignore[arg-type]


_COUNT_WORDS = {"三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
_PART_COUNT = re.compile(r"([三四五六七八])\s*(?:个)?(?:部分|方面)")


def check_b2(st: S.Structure) -> list[Finding]:
    intro = "\n".join(st.intro) + "\n" + st.text("overview")[:600]
    m = _PART_COUNT.search(intro)
    if not m:
        return []
    said, found = _COUNT_WORDS[m.group(1)], len(st.headings)
    if said != found:
        return [_reader_finding("B2", f"引言称报告由{m.group(1)}部分组成，正文实际有{found}部分", evidence=m.group(0))]
    return []


_YEAR = re.compile(r"(20\d{2})\s*年")
_COMPARISON = re.compile(r"较|比|同比|相比|上年|去年|以来|截至|截止|自|从|至|与|起|前|底")


def check_b3(st: S.Structure, year: int | None) -> list[Finding]:
    if year is None:
        return []
    found: list[Finding] = []
    period = re.search(r"统计期限为\s*(20\d{2})\s*年", "\n".join(st.intro) + st.text("overview"))
    if period and int(period.group(1)) != year:
        found.append(_reader_finding("B3", f"统计期限写的是{period.group(1)}年，报告年度为{year}年", section="overview", evidence=period.group(0)))
    text = st.text("overview")
    for m in _YEAR.finditer(text):
        y = int(m.group(1))
        if y in (year, year + 1):
            continue
        before = text[max(0, m.start() - 12) : m.start()]
        after = text[m.end() : m.end() + 3]
        if _COMPARISON.search(before) or re.match(r"\s*(?:以来|起|至|度以来|-|—)", after):
            continue
        if before.count("《") > before.count("》") or before.endswith(("〔", "[", "（", "(")):
            continue
        context = text[max(0, m.start() - 10) : m.end() + 12]
        found.append(_reader_finding("B3", f"总体情况中出现“{m.group(0)}”，与报告年度{year}年不一致", section="overview", evidence=context))
    return found


_B7_WORDS = ("工作考核", "社会评议", "责任追究")


def check_b7(st: S.Structure, kind: str) -> list[Finding]:
    if kind != "government":
        return []
    text = st.text("overview") + st.text("other")
    missing = [w for w in _B7_WORDS if w not in text.replace("考核工作", "工作考核")]
    if missing:
        return [_reader_finding("B7", f"人民政府年报应报告工作考核、社会评议和责任追究结果情况，未见：{'、'.join(missing)}", section="overview")]
    return []


_BARE = re.compile(r"^[无無。．.\s]*$")
MIN_SECTION_CHARS = 20


def check_b9(st: S.Structure) -> list[Finding]:
    found = []
    for s in F.SECTIONS:
        if not s.is_narrative or s.key not in st.found:
            continue
        text = st.text(s.key)
        body = re.sub(r"\s", "", text)
        if s.key == "other":
            if not body:
                found.append(_reader_finding("B9", f"“{s.heading}”部分为空", section=s.key))
            continue
        if _BARE.match(body) or len(body) < MIN_SECTION_CHARS:
            found.append(_reader_finding("B9", f"“{s.heading}”部分为空或内容过少（{len(body)}字）", section=s.key, evidence=body[:40]))
    return found


def _b1(st: S.Structure, fmt: F.ReportFormat) -> list[Finding]:
    texts = ["".join(h.text.split()) for h in st.headings]
    by_section = {h.section: h for h in st.headings}
    out = []
    for r in C.check_b1(texts, fmt):
        if r["status"] == "pass":
            continue
        key = locate(str(r.get("location") or ""), fmt)["section"]
        h = by_section.get(key or "")
        if h is not None and r["severity"] == "E":
            want = fmt.section(h.section).heading
            r = dict(r, severity="W", message=f"标题“{h.text}”不规范，应为“{want}”")
        f = _finding_from(r, fmt, {})
        if h is not None:
            f.evidence = h.text
        out.append(f)
    return out


def _b5(st: S.Structure, fmt: F.ReportFormat, tables: Mapping[str, T.TableRead], report: Mapping[str, Any]) -> list[Finding]:
    out: list[Finding] = []
    present = {k: t for k, t in tables.items() if t.status == "ok"}
    for key, t in tables.items():
        section = fmt.section(key)
        if t.status == "image":
            out.append(Finding("B5", "warning", f"“{section.heading}”的表格为图片，无法读取和核对数据，请以文字表格发布", section=key, table=key, basis=C.CATALOGUE["B5"][1]))
        elif t.status == "missing":
            out.append(Finding("B5", "error", f"“{section.heading}”缺少统计表格", section=key, table=key, basis=C.CATALOGUE["B5"][1]))
    if present:
        shaped = {k: _found_only(fmt, t, report[k]) for k, t in present.items()}
        probe = dict(report, **shaped)
        for r in C.check_b5(probe, fmt):
            if r["status"] == "pass":
                continue
            f = _finding_from(r, fmt, tables)
            if f.table in present:
                out.append(f)
    for key, t in present.items():
        for row_key, canonical, text in t.label_variants:
            out.append(
                Finding("B5", "warning", f"标签“{text}”与格式规定的“{canonical}”写法不同", section=key, table=key, row=row_key, evidence=text, basis=C.CATALOGUE["B5"][1])
            )
        for label in t.columns_missing:
            out.append(Finding("B5", "error", f"{describe({'table': key}, fmt)}缺少“{label}”列", section=key, table=key, basis=C.CATALOGUE["B5"][1]))
        for row_key in t.unplaced:
            out.append(
                Finding("C6", "warning", f"{describe({'table': key, 'row': row_key}, fmt)}有空白格，但文件中无法确定其所在列", section=key, table=key, row=row_key if key != "table4" else None, basis=C.CATALOGUE["C6"][1])
            )
    return out


def _c6(fmt: F.ReportFormat, tables: Mapping[str, T.TableRead], report: Mapping[str, Any]) -> list[Finding]:
    out = []
    for f in F.figures(fmt):
        t = tables.get(f.table)
        if t is None or t.status != "ok" or t.cells.get(f.path) is None:
            continue  # an absent row is B5's
        value = F.get_value(report, f.path)
        if not C.is_blank(value):
            continue
        loc = locate(f.path, fmt)
        shown = "空白" if value is None else f"“{value}”"
        out.append(
            Finding(
                "C6",
                "warning",
                f"{describe(loc, fmt)}为{shown}，没有发生的应填写0",
                evidence=t.evidence.get(f.path, "") or "（空）",
                basis=C.CATALOGUE["C6"][1],
                **loc,
            )
        )
    return out


def _triangulate(findings: list[Finding]) -> None:
    """One wrong cell of 表三 fails one row (C3) and one column (C1/C2): name the cell."""
    rows = {f.row for f in findings if f.check == "C3" and f.row}
    cols = {f.column for f in findings if f.check in ("C1", "C2") and f.column}
    if len(rows) == 1 and len(cols) == 1:
        row, col = next(iter(rows)), next(iter(cols))
        for f in findings:
            if f.check in ("C1", "C2", "C3"):
                f.row, f.column = row, col


_NONE = re.compile(r"未收取|未发生|没有收取|没有发生|不收取|无收费|未产生|免收")


def check_d4_reader(st: S.Structure, fmt: F.ReportFormat, report: Mapping[str, Any]) -> list[Finding]:
    """Without a fee ledger: the statement of 六 against itself and 表三 (fees are charged
    on information provided: 予以公开 and 部分公开)."""
    text = st.text("other").replace(" ", "")
    sentences = [s for s in re.split(r"[。；\n]", text) if "信息处理费" in s]
    if not sentences:
        return []
    statement = "。".join(sentences)
    amounts = [Decimal(a) for a in re.findall(r"(\d+(?:\.\d+)?)元", statement)]
    counts = [int(c) for c in re.findall(r"(\d+)件", statement)]
    out = []
    if _NONE.search(statement) and any(a > 0 for a in amounts) and not re.search(r"其中|合计|共计", statement):
        out.append(_reader_finding_d4("第六部分既称未收取信息处理费，又写明了收费金额", statement))
    rows = (report.get("table3") or {}).get("rows") or {}
    provided = sum(C.as_number((rows.get(k) or [None])[-1]) for k in ("open", "partial"))
    if counts and amounts and max(counts) > provided:
        out.append(_reader_finding_d4(f"第六部分称收取信息处理费{max(counts)}件，但表三予以公开和部分公开合计只有{provided}件", statement))
    return out


def _reader_finding_d4(message: str, evidence: str) -> Finding:
    return Finding("D4", "warning", message, section="other", evidence=evidence[:120], basis=C.CATALOGUE["D4"][1])


def _sections_json(st: S.Structure) -> dict[str, dict[str, Any]]:
    out = {}
    by = {h.section: h for h in st.headings}
    for s in F.SECTIONS:
        h = by.get(s.key)
        out[s.key] = {
            "heading": h.text if h else None,
            "status": h.status if h else "missing",
            "text": st.text(s.key) if s.is_narrative else None,
        }
    return out


def read_tables(doc: Document, st: S.Structure, version_hint: str | None) -> tuple[str | None, dict[str, list[Any]]]:
    """Group the document's tables by kind and tell the format version from their labels."""
    grids: dict[str, list[Any]] = {k: [] for k in T.TABLE_KEYS}
    part_of: dict[int, str] = {}
    for key, blocks in st.parts.items():
        for b in blocks:
            part_of[id(b)] = key
    label_text = []
    for b in doc.blocks:
        if b.kind == "table" and b.table is not None:
            kind = T.classify(b.table.text) or (part_of.get(id(b)) if part_of.get(id(b)) in T.TABLE_KEYS else None)
            if kind:
                grids[kind].append(b.table)
                label_text.append(b.table.text)
    for key in T.TABLE_KEYS:
        if not grids[key]:
            label_text.append(st.text(key))
    version, _ = T.detect_version(" ".join(label_text))
    return version or version_hint, grids


def audit_document(doc: Document, options: Options | None = None) -> AuditResult:
    options = options or Options()
    st = S.find_structure(doc)
    hint = None
    if st.year is not None:
        try:
            hint = F.format_for_year(st.year)
        except F.FormatError:
            hint = None
    detected, grids = read_tables(doc, st, None)
    version = detected or hint or F.FORMAT_2021
    fmt = F.get_format(version)
    tables: dict[str, T.TableRead] = {}
    headings = [s.heading for s in fmt.sections]
    for i, key in enumerate(T.TABLE_KEYS):
        blocks = st.parts.get(key, [])
        if grids[key]:
            t = T.read_grid(key, grids[key], fmt)
        elif doc.source in ("text", "pdf") and blocks:
            region = None
            if doc.source == "pdf":
                order = [s.key for s in fmt.sections]
                here = next((h.text for h in st.headings if h.section == key), headings[1 + i])
                nxt = next((h.text for h in st.headings if order.index(h.section) > 1 + i), None)
                region = T.layout_region(doc.layout_lines, here, nxt)
            t = T.read_lines(key, blocks, fmt, layout_region=region)
        else:
            t = T.empty_read(key, fmt)
        if t.status == "missing" and any(b.kind == "image" or (b.table is not None and b.table.has_image) for b in blocks):
            t.status = "image"
        tables[key] = t
    kind = S.agency_kind(st.agency or st.title)
    published = st.signed_on or st.published_on
    report: dict[str, Any] = {
        "schema": "gongkai.annual-report/1",
        "format_version": version,
        "year": st.year,
        "agency": {"name": st.agency or st.title or doc.name, "kind": kind},
        "published_on": published.isoformat() if published else None,
        "sections": {"overview": st.text("overview"), "problems": st.text("problems"), "other": st.text("other")},
    }
    for key in T.TABLE_KEYS:
        report[key] = _shape(fmt, tables[key].cells, key)
    result = AuditResult(doc.name, detected, st.year, st.agency or st.title, report, _sections_json(st), tables, source=doc.source)
    result.findings = run_reader_checks(doc, st, fmt, tables, report, detected is not None, options)
    return result


def run_reader_checks(
    doc: Document,
    st: S.Structure,
    fmt: F.ReportFormat,
    tables: Mapping[str, T.TableRead],
    report: dict[str, Any],
    version_detected: bool,
    options: Options,
) -> list[Finding]:
    out: list[Finding] = []

    def add(results: Sequence[Mapping[str, Any]]) -> None:
        out.extend(_finding_from(r, fmt, tables) for r in results if r.get("status") != "pass")

    ok = {k for k, t in tables.items() if t.status == "ok"}
    # A: the publication deadline, from the signature date.
    if st.year is not None:
        if report["published_on"]:
            add(C.check_a(report, None))
        else:
            check = "A2" if report["agency"]["kind"] == "government" else "A1"
            out.append(Finding(check, "info", "未找到落款日期或发布日期，无法核对是否按期发布", basis=C.CATALOGUE[check][1]))
    else:
        out.append(Finding("B3", "info", "未能确定报告年度（标题、统计期限和落款中均未找到），按年度的检查未进行", basis=READER_CATALOGUE["B3"][1]))
    # B: structure.
    if not doc.tables_only:
        out += _b1(st, fmt)
        out += check_b2(st)
        out += check_b3(st, st.year)
        if fmt.version == F.FORMAT_2021:
            add(C.check_b6(report, fmt))
        out += check_b7(st, report["agency"]["kind"])
        if "other" in st.found:
            add(C.check_b8(report, fmt))
        out += check_b9(st)
    else:
        out.append(Finding("B1", "info", "工作簿只含统计表格，未核对正文各部分", basis=C.CATALOGUE["B1"][1]))
    if version_detected and st.year is not None:
        add(C.check_b4(report, fmt, first_2021_year=F.FIRST_YEAR_2021_FORMAT))
    out += _b5(st, fmt, tables, report)
    # C: arithmetic on the tables that were read.
    table_checks: list[Finding] = []
    if "table3" in ok:
        for check in (C.check_c1, C.check_c2, C.check_c3):
            table_checks += [_finding_from(r, fmt, tables) for r in check(report, fmt) if r["status"] != "pass"]
    if "table4" in ok:
        table_checks += [_finding_from(r, fmt, tables) for r in C.check_c4(report, fmt) if r["status"] != "pass"]
    if ok:
        table_checks += [_finding_from(r, fmt, tables) for r in C.check_c5(report, fmt) if r["status"] != "pass"]
    _triangulate(table_checks)
    for f in table_checks:
        f.evidence = _evidence(f, fmt, tables) or f.evidence
    out += table_checks
    out += _c6(fmt, tables, report)
    # D: cross-year (with the previous year's report) and text against tables.
    prev = options.previous
    if prev is not None:
        prev_obj = prev.report
        if "table3" in ok and prev.tables.get("table3") and prev.tables["table3"].status == "ok":
            add(C.check_d1(report, fmt, prev_obj, own_records=False))
        if "table2" in ok and prev.tables.get("table2") and prev.tables["table2"].status == "ok":
            add(C.check_d2(report, fmt, prev_obj))
    if {"table3", "table4"} <= ok and not doc.tables_only:
        add(C.check_d3(report, fmt))
    if "table3" in ok and not doc.tables_only:
        out += check_d4_reader(st, fmt, report)
    # E: section 五.
    if "problems" in st.found:
        problems = st.text("problems")
        add(C.check_e1(problems))
        add(C.check_e2(problems))
        add(C.check_e4(problems))
        if prev is not None:
            add(C.check_e3(problems, prev.report["sections"]["problems"]))
    for f in out:
        if f.table and not f.section:
            f.section = f.table
    return out
