"""What a supervisor (政务公开办) sees of a region's annual reports for one year.

Per agency: published or not, the first publication date, on time or late against its
deadline (A1 for departments, A2 for 人民政府), and the checks that fail, counted by
severity. Published reports are read from their frozen publication; unpublished ones from
the version awaiting approval or, failing that, from the live draft (built only for the
agencies on the page shown).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Min, QuerySet

from gongkai.agencies.auth import supervised_regions
from gongkai.agencies.models import Agency, Region
from gongkai.annual_report import publication
from gongkai.annual_report.build import build_report
from gongkai.annual_report.models import DecisionKind, ReportDecision


def regions_for(user: Any) -> list[Region]:
    """The regions a supervisor may look at: those supervised and every region below them."""
    paths = list(supervised_regions(user).values_list("path", flat=True))
    if not paths:
        return []
    regions = Region.objects.all().order_by("path")
    return [r for r in regions if any(r.path.startswith(p) for p in paths)]


def agencies_of(region: Region) -> QuerySet[Agency]:
    return Agency.objects.filter(region__path__startswith=region.path, is_active=True).order_by("name")


def first_publications(agency_ids: Sequence[int], year: int) -> dict[int, dt.date]:
    rows = (
        ReportDecision.objects.filter(kind=DecisionKind.PUBLISHED, version__year=year, version__agency_id__in=list(agency_ids))
        .values("version__agency_id")
        .annotate(first=Min("on"))
        .order_by()
    )
    return {r["version__agency_id"]: r["first"] for r in rows}


@dataclass(frozen=True)
class Summary:
    agencies: int
    published: int
    on_time: int
    late: int
    overdue_unpublished: int


def summary(region: Region, year: int, today: dt.date) -> Summary:
    agencies = list(agencies_of(region).values_list("pk", "kind"))
    firsts = first_publications([pk for pk, _ in agencies], year)
    on_time = late = overdue = 0
    for pk, kind in agencies:
        limit = publication.deadline(year, kind)
        first = firsts.get(pk)
        if first is None:
            overdue += today > limit
        elif first <= limit:
            on_time += 1
        else:
            late += 1
    return Summary(len(agencies), len(firsts), on_time, late, overdue)


@dataclass(frozen=True)
class AgencyRow:
    status: publication.YearStatus
    label: str
    late: bool
    counts: dict[str, int]
    checks_from: str  # which object the counts were read from


def rows(agencies: Sequence[Agency], year: int, today: dt.date) -> list[AgencyRow]:
    out = []
    for agency in agencies:
        st = publication.year_status(agency, year)
        if st.latest is not None:
            results, source = st.latest.report["checks"], "已发布版本"
        elif st.pending is not None:
            results, source = st.pending.report["checks"], f"第{st.pending.number}稿（待审批）"
        elif year < today.year:
            results, source = build_report(agency, year, today=today)["checks"], "当前草稿"
        else:
            results, source = [], "年度未结束"
        out.append(AgencyRow(st, st.label(today), st.on_time() is False or st.overdue(today), publication.count_by_severity(results), source))
    return out
