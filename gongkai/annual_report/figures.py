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

from django.db import models
from django.db.models import BooleanField, Case, CharField, Count, DecimalField, Q, Sum, Value, When
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from gongkai.agencies.models import Agency, Region
from gongkai.annual_report import formats as F
from gongkai.annual_report.models import ManualFigure
from gongkai.annual_report.register import KindCounts, document_register
from gongkai.appeals.models import Case as AppealCase
from gongkai.foi import services as foi_services
from gongkai.foi.models import Application, state_from_json
from gongkai.foi.rules import clock
from gongkai.foi.rules.events import State
from gongkai.workdays.services import current_calendar

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

    @classmethod
    def for_agency(cls, agency: Agency) -> Scope:
        return cls(agency.name, agency.credit_code, str(agency.kind), Q(agency=agency), agency=agency)

    @classmethod
    def for_region(cls, region: Region) -> Scope:
        ids = Agency.objects.filter(region__path__startswith=region.path).values("pk")
        # A region's summary (汇总) is published like the 本级政府 report (3月31日).
        return cls(region.name, region.code, "government", Q(agency_id__in=ids), region=region)

    @property
    def is_region(self) -> bool:
        return self.region is not None


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _n(word: str, n: int) -> str:
    return f"{n}{word}"


# -- 表三 ------------------------------------------------------------------------------------


@dataclass
class Table3:
    rows: dict[str, list[int]]
    records: int  # applications counted (new + carried_in)
    unknown_outcome: int  # concluded in Y without a valid 办理结果 (C2 will show them)


def table3(scope: Scope, year: int, fmt: F.ReportFormat) -> Table3:
    start, end = _year(year)
    t3 = fmt.table3
    columns = [c.key for c in t3.columns[:-1]]  # the six applicant kinds; 总计 is their sum
    rows = {r.key: [0] * len(t3.columns) for r in t3.rows}
    outcome_keys = {r.key for r in t3.outcome_rows}
    fold = F.FOLDED_2019 if fmt.version == F.FORMAT_2019 else {}
    groups = (
        Application.objects.filter(scope.agency_q)
        .filter(received_on__isnull=False, received_on__lte=end)
        .filter(Q(concluded_on__isnull=True) | Q(concluded_on__gte=start))
        .values("applicant_kind", "outcome")
        .annotate(
            new=Count("pk", filter=Q(received_on__gte=start)),
            carried_in=Count("pk", filter=Q(received_on__lt=start)),
            concluded=Count("pk", filter=Q(concluded_on__lte=end)),
            carried_out=Count("pk", filter=Q(concluded_on__isnull=True) | Q(concluded_on__gt=end)),
        )
        .order_by()
    )
    records = unknown = 0
    for g in groups:
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
    return Table3(rows, records, unknown)


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


# -- 信息处理费 ---------------------------------------------------------------------------------


def fees(scope: Scope, year: int) -> tuple[int, Decimal]:
    """(cases, amount in 元) of 信息处理费 paid in Y. Dates in the state are ISO strings,
    so a string range on the JSON key is a date range."""
    start, end = _year(year)
    agg = (
        Application.objects.filter(scope.agency_q)
        .filter(received_on__isnull=False, received_on__lte=end)
        .annotate(paid_on=Cast(KT("state__fee_paid_on"), CharField(max_length=10)))
        .filter(paid_on__gte=start.isoformat(), paid_on__lte=end.isoformat())
        .aggregate(
            cases=Count("pk"),
            amount=Sum(Cast(KT("state__fee_amount"), DecimalField(max_digits=14, decimal_places=2))),
        )
    )
    amount = Decimal(str(agg["amount"] or 0)).quantize(Decimal("0.01"))
    return int(agg["cases"] or 0), amount


def yuan(amount: Decimal) -> str:
    """An amount as the schema writes it: digits, a point only when there are 分."""
    return str(int(amount)) if amount == amount.to_integral_value() else format(amount.normalize(), "f")


# -- timeliness -----------------------------------------------------------------------------


def _null(key: str) -> Q:
    return Q(**{f"state__{key}": None}) | Q(**{f"state__{key}__isnull": True})


@dataclass
class Timeliness:
    replied: int = 0
    on_time: int = 0
    overdue: int = 0
    overdue_ids: list[str] = field(default_factory=list)
    provisional: bool = False
    paused: int = 0  # replies whose clock had a pause (computed one by one)

    def as_json(self) -> dict[str, Any]:
        return {"replied": self.replied, "on_time": self.on_time, "overdue": self.overdue, "overdue_ids": self.overdue_ids}


def timeliness(scope: Scope, year: int) -> Timeliness:
    """Replies in Y against the deadline of ``gongkai.foi.rules.clock``.

    Most applications have no pause: their deadline depends only on the 收到日期 and on
    whether the reply was extended, and 20 working days never end sooner than 20 calendar
    days after day 0. So the database counts them, and returns only those answered more
    than 20 days after receipt; each distinct deadline among those is computed once with
    the clock itself. Applications with a 补正, a consultation or (when it stops the clock)
    a fee notice are timed one by one from their folded state, as ``status_of`` does.
    """
    start, end = _year(year)
    cal, cfg = current_calendar(), foi_services.clock_config()
    replied = Application.objects.filter(scope.agency_q).filter(
        received_on__isnull=False, concluded_on__gte=start, concluded_on__lte=end
    )
    simple = _null("correction_requested_on") & _null("correction_received_on") & Q(state__consultations__0__isnull=True)
    if cfg.fee_period_stops_clock:
        simple &= _null("fee_notice_on")
    out = Timeliness()
    deadlines: dict[tuple[dt.date, bool], dt.date] = {}

    def deadline_of(received: dt.date, extended: bool) -> dt.date:
        key = (received, extended)
        if key not in deadlines:
            inp = clock.clock_input(State(received_on=received, extended=extended), cfg)
            d = clock.compute(inp, cal, explain=False)  # type: ignore[arg-type]
            out.provisional |= d.provisional
            deadlines[key] = d.deadline  # type: ignore[assignment]
        return deadlines[key]

    late: list[str] = []
    out.replied = replied.filter(simple).count()
    extended = Case(When(state__extended=True, then=Value(True)), default=Value(False), output_field=BooleanField())
    candidates = (
        replied.filter(simple)
        .filter(concluded_on__gt=models.F("received_on") + dt.timedelta(days=clock.BASE_WORKDAYS))
        .annotate(ext=extended)
        .values_list("number", "received_on", "ext", "concluded_on")
        .order_by()
    )
    for number, received, ext, concluded in candidates.iterator():
        if concluded > deadline_of(received, bool(ext)):
            late.append(number)
    for number, state_json in replied.exclude(simple).values_list("number", "state").order_by().iterator():
        state = state_from_json(state_json)
        inp = clock.clock_input(state, cfg)
        out.replied += 1
        out.paused += 1
        if inp is None:
            continue
        d = clock.compute(inp, cal, explain=False)
        out.provisional |= d.provisional
        if d.deadline is not None and state.concluded_on > d.deadline:  # type: ignore[operator]
            late.append(number)
    out.overdue = len(late)
    out.on_time = out.replied - out.overdue
    out.overdue_ids = sorted(late)
    return out


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


def typed_value(kind: F.ValueKind, stored: str) -> Any:
    return stored if kind.is_decimal else int(stored)


def sum_typed(kind: F.ValueKind, values: list[str]) -> Any:
    if kind.is_decimal:
        total = sum((Decimal(v) for v in values), Decimal(0))
        return format(total.normalize(), "f") if total else "0"
    return sum(int(v) for v in values)
