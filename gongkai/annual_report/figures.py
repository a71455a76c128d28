"""The figures of an annual report, counted from the records, each with its provenance.

For a scope (one agency, or every agency of a region and the regions below it) and a
year Y, everything is counted in the database with GROUP BY and conditional aggregation;
no application is loaded into Python except the few whose reply clock was paused
(their deadline needs the clock of ``gongkai.foi.rules.clock``).

- 表三 (ledger-format.md §4): new = 收到日期 in Y; carried_in = 收到日期 before Y and
  答复日期 blank or in Y or later; outcome rows = 答复日期 in Y, by 办理结果; carried_out =
  收到日期 in Y or earlier and 答复日期 blank or after Y. Per applicant column, plus 总计.
- 表四 (§4): cases with 收到日期 in Y, in their 类型 block, by 结果 if 结案日期 is in Y,
  otherwise 尚未审结.
- 信息处理费: applications whose fee was paid in Y (fees.md §7: a fee never paid is not
  collected, and such applications are in 表三 （六）2 instead).
- Timeliness (annual-report.schema.json): applications with 答复日期 in Y, on time when
  答复日期 <= the deadline of ledger-format.md §5 under the current calendar.
- 表二: the document register, and typed figures (``ManualFigure``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Count, Q

from gongkai.agencies.models import Agency, Region
from gongkai.annual_report import formats as F
from gongkai.annual_report.models import ManualFigure
from gongkai.annual_report.register import KindCounts, document_register
from gongkai.appeals.models import Case as AppealCase
from gongkai.foi import services as foi_services
from gongkai.foi.models import state_from_json
from gongkai.foi.rules import clock
from gongkai.workdays.services import ensure_ordinals

# Register rows of 表二 and the register measure behind each of their columns.
REGISTER_KIND = {"rules": "rules", "normative": "normative", "rules_2019": "rules", "normative_2019": "normative"}
REGISTER_MEASURE = {
    "issued": "issued",
    "repealed": "repealed",
    "in_force": "in_force",
    "made": "issued",
    "published": "published",
    "total_public": "total_public",
}


@dataclass(frozen=True)
class Scope:
    """Whose records a report counts: one agency, or a region and everything below it."""

    name: str
    code: str
    kind: str  # "department" | "government" (the deadline of 条例第四十九条)
    agency_q: Q  # a filter on ``agency`` for any tenant model
    agency: Agency | None = None
    region: Region | None = None
    agency_ids: tuple[int, ...] = ()  # the same agencies as a literal list, for hand-written SQL

    @classmethod
    def for_agency(cls, agency: Agency) -> Scope:
        return cls(agency.name, agency.credit_code, str(agency.kind), Q(agency=agency), agency=agency, agency_ids=(agency.pk,))

    @classmethod
    def for_region(cls, region: Region) -> Scope:
        ids = tuple(Agency.objects.filter(region__path__startswith=region.path).values_list("pk", flat=True))
        # A region's summary (汇总) is published like the 本级政府 report (3月31日).
        # ORM queries join through the region's path (a list of thousands of ids costs more to
        # plan than the small tables cost to join); hand-written SQL uses the literal ids.
        return cls(region.name, region.code, "government", Q(agency__region__path__startswith=region.path), region=region, agency_ids=ids)

    @property
    def is_region(self) -> bool:
        return self.region is not None


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _n(word: str, n: int) -> str:
    return f"{n}{word}"


# -- 表三, 信息处理费 and timeliness: one pass over the applications -------------------------


@dataclass
class Table3:
    rows: dict[str, list[int]]
    records: int  # applications counted (new + carried_in)
    unknown_outcome: int  # concluded in Y without a valid 办理结果 (C2 will show them)


@dataclass
class Timeliness:
    replied: int = 0
    on_time: int = 0
    overdue: int = 0
    overdue_ids: list[str] = field(default_factory=list)
    provisional: bool = False
    paused: int = 0  # replies timed one by one with the clock (a pause, or a date off the table)

    def as_json(self) -> dict[str, Any]:
        return {"replied": self.replied, "on_time": self.on_time, "overdue": self.overdue, "overdue_ids": self.overdue_ids}


@dataclass
class ApplicationFigures:
    table3: Table3
    fee_cases: int
    fee_amount: Decimal
    timeliness: Timeliness


# The one GROUP BY over the applications of the scope: conditional counts give 表三
# (ledger-format.md §4) and the fees paid in Y (fees.md §7: unpaid fees are not collected).
_GROUPED_QUERY = """
SELECT a.applicant_kind, a.outcome,
  COUNT(*) FILTER (WHERE a.received_on >= %(start)s) AS new,
  COUNT(*) FILTER (WHERE a.received_on < %(start)s) AS carried_in,
  COUNT(*) FILTER (WHERE a.concluded_on <= %(end)s) AS concluded,
  COUNT(*) FILTER (WHERE a.concluded_on IS NULL OR a.concluded_on > %(end)s) AS carried_out,
  COUNT(*) FILTER (WHERE a.fee_paid_on >= %(start)s AND a.fee_paid_on <= %(end)s) AS fee_cases,
  SUM(a.fee_collected) FILTER (WHERE a.fee_paid_on >= %(start)s AND a.fee_paid_on <= %(end)s) AS fee_amount
FROM foi_application a
WHERE a.agency_id IN ({ids}) AND a.received_on IS NOT NULL AND a.received_on <= %(end)s
  AND (a.concluded_on IS NULL OR a.concluded_on >= %(start)s)
GROUP BY a.applicant_kind, a.outcome
"""

# Timeliness of the replies of Y. Day 0 and the reply date are joined to the calendar's
# ordinal table (workdays.WorkdayOrdinal): a reply on day R to an application with day 0 D
# and N working days is on time iff ord_before(R) < ord(D) + N (ledger-format.md §5).
# Pauses only ever move a deadline later, so a reply on time without its pauses is on
# time: the query returns only the replies late without their pauses — late for sure when
# there was no pause, to be timed exactly by the clock when there was one — and those
# whose dates fall off the table. The count of on-time replies is the rest.
# Only the columns of the covering index (agency, 答复日期) INCLUDE (day 0, N, paused,
# number) are read, so PostgreSQL answers from the index without visiting the rows.
_LATE_QUERY = """
SELECT a.agency_id, a.number, (a.clock_paused OR o0.ord IS NULL OR oc.ord_before IS NULL) AS exact
FROM foi_application a
LEFT JOIN workdays_workdayordinal o0 ON o0.day = a.day0
LEFT JOIN workdays_workdayordinal oc ON oc.day = a.concluded_on
WHERE a.agency_id IN ({ids}) AND a.concluded_on >= %(start)s AND a.concluded_on <= %(end)s
  AND a.day0 IS NOT NULL  -- received (day 0 exists iff the receipt date does)
  AND (o0.ord IS NULL OR oc.ord_before IS NULL OR oc.ord_before >= o0.ord + a.clock_workdays)
"""


def _sql(template: str, scope: Scope) -> str:
    # Ids are integers from the database, written into the statement as a literal list
    # so every database plans with the (agency, ...) indexes.
    return template.format(ids=", ".join(str(int(i)) for i in scope.agency_ids) or "NULL")


def applications(scope: Scope, year: int, fmt: F.ReportFormat) -> ApplicationFigures:
    start, end = _year(year)
    cal = ensure_ordinals()
    cfg = foi_services.clock_config()
    params = {"start": start, "end": end}
    t3 = fmt.table3
    columns = [c.key for c in t3.columns[:-1]]  # the six applicant kinds; 总计 is their sum
    rows = {r.key: [0] * len(t3.columns) for r in t3.rows}
    outcome_keys = {r.key for r in t3.outcome_rows}
    fold = F.FOLDED_2019 if fmt.version == F.FORMAT_2019 else {}
    records = unknown = fee_cases = 0
    fee_amount = Decimal(0)
    timely = Timeliness()
    with connection.cursor() as cur:
        cur.execute(_sql(_GROUPED_QUERY, scope), params)
        names = [c[0] for c in cur.description]
        groups = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    late: list[str] = []
    exact_keys: list[tuple[int, str]] = []
    for g in groups:
        fee_cases += g["fee_cases"]
        fee_amount += Decimal(str(g["fee_amount"] or 0))
        timely.replied += g["concluded"]
        j = columns.index(g["applicant_kind"]) if g["applicant_kind"] in columns else None
        records += g["new"] + g["carried_in"]
        if j is None:  # an applicant kind outside the format would break C3; count it in 总计 only
            for key in ("new", "carried_in", "carried_out"):
                rows[key][-1] += g[key]
            rows["total"][-1] += g["concluded"]
            continue
        for key in ("new", "carried_in", "carried_out"):
            rows[key][j] += g[key]
        rows["total"][j] += g["concluded"]
        if g["concluded"]:
            row = fold.get(g["outcome"], g["outcome"])
            if row in outcome_keys:
                rows[row][j] += g["concluded"]
            else:
                unknown += g["concluded"]
    for values in rows.values():
        values[-1] += sum(values[:-1])
    with connection.cursor() as cur:
        cur.execute(_sql(_LATE_QUERY, scope), params)
        for agency_id, number, exact in cur.fetchall():
            if exact:
                exact_keys.append((agency_id, number))
            else:
                late.append(number)
    timely.overdue = len(late)
    if exact_keys:
        _time_exactly(exact_keys, cal, cfg, timely, late)
    timely.on_time = timely.replied - timely.overdue
    timely.overdue_ids = sorted(late)
    timely.provisional |= any(not cal.is_loaded(y) for y in (year - 1, year))
    return ApplicationFigures(Table3(rows, records, unknown), fee_cases, fee_amount.quantize(Decimal("0.01")), timely)


def _time_exactly(keys: list[tuple[int, str]], cal: Any, cfg: Any, timely: Timeliness, late: list[str]) -> None:
    """Time with the clock the replies SQL could not (a pause that may matter, a date off
    the ordinal table); they are few, read through the (agency, 申请编号) unique index."""
    from gongkai.foi.models import Application

    wanted = set(keys)
    agencies = sorted({a for a, _ in keys})
    numbers = sorted({n for _, n in keys})
    rows = []
    for i in range(0, len(numbers), 500):  # below SQLite's variable limit
        chunk = Application.objects.filter(agency_id__in=agencies, number__in=numbers[i : i + 500])
        rows += [(n, st) for a, n, st in chunk.values_list("agency_id", "number", "state") if (a, n) in wanted]
    for number, state_json in rows:
        state = state_from_json(state_json)
        inp = clock.clock_input(state, cfg)
        timely.paused += 1
        if inp is None:
            continue
        d = clock.compute(inp, cal, explain=False)
        timely.provisional |= d.provisional
        if d.deadline is not None and state.concluded_on > d.deadline:  # type: ignore[operator]
            timely.overdue += 1
            late.append(number)


# -- 表四 ------------------------------------------------------------------------------------


@dataclass
class Table4:
    blocks: dict[str, dict[str, int]]
    records: int


def table4(scope: Scope, year: int, fmt: F.ReportFormat) -> Table4:
    start, end = _year(year)
    concluded = Q(concluded_on__isnull=False, concluded_on__lte=end)
    groups = (
        AppealCase.objects.filter(scope.agency_q)
        .filter(received_on__gte=start, received_on__lte=end)
        .values("kind")
        .annotate(
            maintain=Count("pk", filter=concluded & Q(result="maintain")),
            correct=Count("pk", filter=concluded & Q(result="correct")),
            other=Count("pk", filter=concluded & Q(result="other")),
            pending=Count("pk", filter=Q(concluded_on__isnull=True) | Q(concluded_on__gt=end)),
            n=Count("pk"),
        )
        .order_by()
    )
    blocks = {b.key: {k: 0 for k, _ in fmt.table4.columns} for b in fmt.table4.blocks}
    records = 0
    for g in groups:
        records += g["n"]
        block = blocks.get(g["kind"])
        if block is None:
            continue
        for key in fmt.table4.detail_keys:
            block[key] += g[key]
    for block in blocks.values():
        block["total"] = sum(block[k] for k in fmt.table4.detail_keys)
    return Table4(blocks, records)


def yuan(amount: Decimal) -> str:
    """An amount as the schema writes it: digits, a point only when there are 分."""
    return str(int(amount)) if amount == amount.to_integral_value() else format(amount.normalize(), "f")


# -- 表二 and typed figures --------------------------------------------------------------------


@dataclass
class Typed:
    path: str
    value: str
    agency_id: int
    who: str
    at: dt.datetime
    note: str


def typed_figures(scope: Scope, year: int) -> list[Typed]:
    return [
        Typed(m.path, m.value, m.agency_id, m.entered_by_label, m.entered_at, m.note)
        for m in ManualFigure.objects.filter(scope.agency_q, year=year).order_by("agency_id", "path")
    ]


def register_counts(scope: Scope, year: int) -> tuple[dict[str, KindCounts], str]:
    register = document_register()
    return register.counts(scope.agency_q, year), register.name


def table2_from_register(fmt: F.ReportFormat, counts: dict[str, KindCounts]) -> dict[str, Any]:
    """表二 with register rows filled and typed rows at 0 (typed values are applied after)."""
    t2: dict[str, Any] = {}
    for g in fmt.table2.groups:
        for r in g.rows:
            if g.scalar:
                t2[r.key] = "0" if g.columns[0].kind.is_decimal else 0
                continue
            values: dict[str, Any] = {}
            for c in g.columns:
                if r.source == "register":
                    kc = counts.get(REGISTER_KIND[r.key], KindCounts())
                    values[c.key] = getattr(kc, REGISTER_MEASURE[c.key])
                else:
                    values[c.key] = "0" if c.kind.is_decimal else 0
            t2[r.key] = values
    return t2


# Cells of 表二 that a module computes from its own records (issue 6: 行政许可 from 办件),
# by format: the path of the cell for each figure a provider supplies.
SUPPLIED_PATHS = {
    F.FORMAT_2021: {"licensing": "table2.licensing"},
    F.FORMAT_2019: {"licensing": "table2.licensing_2019.decisions"},
}


def supplied_figures(scope: Scope, year: int, fmt: F.ReportFormat) -> dict[str, tuple[int, str]]:
    """{path: (value, provenance)} of the 表二 cells computed by other modules for this scope.

    A module supplies a figure only where the scope keeps its records there; otherwise the
    cell stays a typed figure (entered with who, when and a source note)."""
    from gongkai.service_catalog.figures import licensing_decisions, supplies_licensing

    out: dict[str, tuple[int, str]] = {}
    ids = list(scope.agency_ids)
    if supplies_licensing(ids):
        out[SUPPLIED_PATHS[fmt.version]["licensing"]] = licensing_decisions(ids, year)
    return out


def typed_value(kind: F.ValueKind, stored: str) -> Any:
    return stored if kind.is_decimal else int(stored)


def sum_typed(kind: F.ValueKind, values: list[str]) -> Any:
    if kind.is_decimal:
        total = sum((Decimal(v) for v in values), Decimal(0))
        return format(total.normalize(), "f") if total else "0"
    return sum(int(v) for v in values)
