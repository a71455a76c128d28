"""Build the report object (annual-report.schema.json) of an agency or a region for a year.

Figures come from ``figures`` (counted from the records), typed figures are applied on
top with their provenance, the narrative is the stored text or a draft, and the checks
of the catalogue run on the result. Every renderer is fed from this object only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.utils import timezone

from gongkai.agencies.models import Agency, Region
from gongkai.annual_report import checks, figures, narrative
from gongkai.annual_report import formats as F
from gongkai.annual_report.figures import Scope, Typed
from gongkai.annual_report.models import ReportText
from gongkai.foi import services as foi_services

SCHEMA_ID = "gongkai.annual-report/1"


def build_report(agency: Agency, year: int, *, format_version: str | None = None, today: dt.date | None = None) -> dict[str, Any]:
    """The report of one agency. ``format_version`` overrides the stored or era format."""
    text = ReportText.objects.filter(agency=agency, year=year).first()
    prev_text = ReportText.objects.filter(agency=agency, year=year - 1).first()
    version = F.format_for_year(year, format_version or (text.format_version if text else None))
    return _build(Scope.for_agency(agency), year, version, text, prev_text, today)


def build_region_report(region: Region, year: int, *, format_version: str | None = None, today: dt.date | None = None) -> dict[str, Any]:
    """The summary (汇总) of every agency of ``region`` and the regions below it."""
    version = F.format_for_year(year, format_version)
    return _build(Scope.for_region(region), year, version, None, None, today)


# -- computed cells --------------------------------------------------------------------------


def _computed(scope: Scope, year: int, fmt: F.ReportFormat) -> tuple[dict[str, Any], dict[str, Any]]:
    """(table parts of the report with computed values, facts for provenance)."""
    apps = figures.applications(scope, year, fmt)
    t3 = apps.table3
    t4 = figures.table4(scope, year, fmt)
    counts, register_name = figures.register_counts(scope, year)
    supplied = figures.supplied_figures(scope, year, fmt)
    parts = {
        "table2": figures.table2_from_register(fmt, counts),
        "table3": {"columns": list(fmt.table3.column_keys), "rows": t3.rows},
        "table4": t4.blocks,
    }
    for path, (value, _) in supplied.items():
        F.set_value(parts, path, value)
    facts = {"t3": t3, "t4": t4, "counts": counts, "register_name": register_name, "apps": apps, "supplied": supplied}
    return parts, facts


def _is_computed(fmt: F.ReportFormat, path: str, supplied: frozenset[str] = frozenset()) -> bool:
    """Cells counted from records (表三, 表四, register rows of 表二, cells a module
    supplies), as opposed to cells that only exist as typed figures."""
    if not path.startswith("table2.") or path in supplied:
        return True
    row_key = path.split(".")[1]
    return any(r.key == row_key and r.source == "register" for g in fmt.table2.groups for r in g.rows)


def _manual_paths(fmt: F.ReportFormat, supplied: frozenset[str] = frozenset()) -> list[F.Figure]:
    return [f for f in F.figures(fmt) if not _is_computed(fmt, f.path, supplied)]


def _entered(t: Typed) -> str:
    return f"由{t.who}于{timezone.localtime(t.at):%Y-%m-%d}录入：{t.note}"


def _apply_typed(
    report: dict[str, Any],
    scope: Scope,
    year: int,
    fmt: F.ReportFormat,
    typed: list[Typed],
    provenance: dict[str, str],
    supplied: frozenset[str] = frozenset(),
) -> list[str]:
    """Put typed figures into ``report``; return the typed-only cells nobody entered.

    For one agency a typed figure replaces the cell. For a region, typed-only cells are
    the sum over its agencies, and a typed adjustment of a computed cell adds the
    difference from that agency's own computed value.
    """
    by_path: dict[str, list[Typed]] = defaultdict(list)
    for t in typed:
        by_path[t.path].append(t)
    per_agency: dict[int, dict[str, Any]] = {}

    def agency_cells(agency_id: int) -> dict[str, Any]:
        if agency_id not in per_agency:
            parts, _ = _computed(Scope.for_agency(Agency.objects.get(pk=agency_id)), year, fmt)
            per_agency[agency_id] = parts
        return per_agency[agency_id]

    for path, entries in by_path.items():
        try:
            fig = F.figure(fmt, path)
        except F.FormatError:
            provenance[path] = f"录入的数据项不属于{fmt.version}年格式，未采用"
            continue
        computed = F.get_value(report, path)
        if not scope.is_region:
            t = entries[0]
            F.set_value(report, path, figures.typed_value(fig.kind, t.value))
            extra = f"（按记录计算为{computed}）" if _is_computed(fmt, path, supplied) else ""
            provenance[path] = _entered(t) + extra
            continue
        if _is_computed(fmt, path, supplied):
            value = computed  # computed cells are counts
            for t in entries:
                value += figures.typed_value(fig.kind, t.value) - F.get_value(agency_cells(t.agency_id), path)
            F.set_value(report, path, value)
            provenance[path] = f"按记录汇总，其中{len(entries)}个机关录入了调整值"
        else:
            F.set_value(report, path, figures.sum_typed(fig.kind, [t.value for t in entries]))
            provenance[path] = f"{len(entries)}个机关录入值之和"
    pending = []
    for f in _manual_paths(fmt, supplied):
        if f.path not in by_path:
            pending.append(f.path)
            provenance[f.path] = "尚未录入，暂按0填写"
    return pending


# -- the previous year, for D1, D2 and E3 ------------------------------------------------------


def _previous(scope: Scope, year: int, computed_carried_in: list[int], counts: dict[str, Any], prev_text: ReportText | None) -> dict[str, Any] | None:
    """The parts of the previous year's report the cross-year checks read.

    Its 四、结转下年度继续办理 counts 收到日期 <= (Y−1)-12-31 with 答复日期 blank or later:
    the very predicate of this year's 二、上年结转 (ledger-format.md §4), evaluated on the
    same records, so the computed row is this year's computed carried_in; typed figures
    of the previous year are applied on top. 现行有效件数 at the end of Y−1 comes from the
    same register query.
    """
    try:
        version = F.format_for_year(year - 1, prev_text.format_version if prev_text else None)
    except F.FormatError:
        return None
    fmt = F.get_format(version)
    prev: dict[str, Any] = {
        "year": year - 1,
        "format_version": version,
        "table3": {"columns": list(fmt.table3.column_keys), "rows": {"carried_out": list(computed_carried_in)}},
        "sections": {"problems": prev_text.problems if prev_text else ""},
    }
    if version == F.FORMAT_2021:
        prev["table2"] = {
            r.key: {"in_force": counts.get(figures.REGISTER_KIND[r.key], figures.KindCounts()).in_force_prev}
            for g in fmt.table2.groups
            for r in g.rows
            if r.source == "register"
        }
    if not scope.is_region:
        for t in figures.typed_figures(scope, year - 1):
            if t.path.startswith("table3.rows.carried_out.") or (t.path.startswith("table2.") and t.path.endswith(".in_force")):
                try:
                    F.set_value(prev, t.path, int(t.value))
                except (KeyError, ValueError):
                    continue
    return prev


# -- the object ---------------------------------------------------------------------------


def _build(scope: Scope, year: int, version: str, text: ReportText | None, prev_text: ReportText | None, today: dt.date | None) -> dict[str, Any]:
    fmt = F.get_format(version)
    today = today or foi_services.today()
    parts, facts = _computed(scope, year, fmt)
    cases, amount, timely = facts["apps"].fee_cases, facts["apps"].fee_amount, facts["apps"].timeliness
    computed_carried_in = list(parts["table3"]["rows"]["carried_in"])
    subject = scope.name if not scope.is_region else f"{scope.name}各行政机关"
    report: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "format_version": version,
        "year": year,
        "agency": {"name": scope.name if not scope.is_region else f"{scope.name}（汇总）", "code": scope.code, "kind": scope.kind},
        "published_on": text.published_on.isoformat() if text and text.published_on else None,
        "sections": {"overview": "", "problems": "", "other": ""},
        **parts,
        "fees": {"cases": cases, "amount_yuan": figures.yuan(amount)},
        "checks": [],
        "timeliness": timely.as_json(),
    }
    t3, t4 = facts["t3"], facts["t4"]
    whose = "本机关" if not scope.is_region else f"{scope.name}各机关"
    provenance: dict[str, str] = {
        "table3": f"根据{whose}{t3.records}件政府信息公开申请记录计算（按收到日期、答复日期、办理结果和申请人类型统计）"
        + (f"；其中{t3.unknown_outcome}件已答复但办理结果不明" if t3.unknown_outcome else ""),
        "table4": f"根据{whose}{t4.records}件本年收到的行政复议、行政诉讼案件记录计算",
        "fees": f"根据{cases}件本年缴费的信息处理费记录计算",
        "timeliness": f"根据{timely.replied}件本年答复的申请，按条例第三十三条规定的期限和现行工作日历计算"
        + ("；部分期限涉及未载入节假日安排的年度，结果为暂定" if timely.provisional else ""),
    }
    for g in fmt.table2.groups:
        for r in g.rows:
            if r.source == "register":
                kc = facts["counts"].get(figures.REGISTER_KIND[r.key], figures.KindCounts())
                provenance[f"table2.{r.key}"] = f"根据{facts['register_name']}中{kc.records}件{r.label}记录（成文日期、公开日期、废止日期）计算"
    for path, (_, supplied_note) in facts["supplied"].items():
        provenance[path] = supplied_note
    pending = _apply_typed(report, scope, year, fmt, figures.typed_figures(scope, year), provenance, frozenset(facts["supplied"]))

    drafts = {
        "overview": narrative.draft_overview(report, fmt, subject, report["timeliness"]),
        "other": narrative.draft_other(report),
    }
    for key in ("overview", "problems", "other"):
        stored = getattr(text, key) if text else ""
        if stored:
            report["sections"][key] = stored
            provenance[f"sections.{key}"] = f"由{text.updated_by_label or '工作人员'}编写"  # type: ignore[union-attr]
        elif key in drafts:
            report["sections"][key] = drafts[key]
            provenance[f"sections.{key}"] = "根据本报告数字自动生成的草稿，请修改完善"
        else:
            provenance[f"sections.{key}"] = "尚未填写"
    report["provenance"] = provenance
    previous = _previous(scope, year, computed_carried_in, facts["counts"], prev_text)
    report["checks"] = checks.run_checks(report, previous=previous, today=today, pending=pending)
    return report
