"""Who may open which report page. Tenant scoping comes from ``agencies.auth``; the
operations check roles again, so these only decide what a page offers."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from gongkai.agencies.auth import roles_in, visible_agency_ids
from gongkai.agencies.models import Agency
from gongkai.annual_report import formats as F
from gongkai.annual_report import operations as report_ops
from gongkai.annual_report import publication
from gongkai.annual_report.models import ReportVersion
from gongkai.foi import services as foi_services


def agency_for(request: HttpRequest, agency_id: int) -> Agency:
    """The agency if the user may read it (staff of it, its supervisors), else 404."""
    if agency_id not in visible_agency_ids(request.user):
        raise Http404("没有这个机关的年度报告")
    return Agency.objects.select_related("region").get(pk=agency_id)


def check_year(year: int) -> int:
    """Years a report exists for: the first year of the official formats up to this year."""
    if year < F.FIRST_YEAR_2019_FORMAT or year > foi_services.today().year:
        raise Http404("没有这一年度的报告")
    return year


def version_for(request: HttpRequest, pk: int) -> ReportVersion:
    version = ReportVersion.objects.select_related("agency").filter(pk=pk).first()
    if version is None or version.agency_id not in visible_agency_ids(request.user):
        raise Http404("没有这份定稿")
    return version


def can_edit(user: Any, agency: Agency) -> bool:
    return bool(roles_in(user, agency) & report_ops.REPORT_ROLES)


def can_finalise(user: Any, agency: Agency) -> bool:
    return bool(roles_in(user, agency) & publication.FINALISE_ROLES)


def can_approve(user: Any, agency: Agency) -> bool:
    return bool(roles_in(user, agency) & publication.APPROVE_ROLES)


def can_return(user: Any, agency: Agency) -> bool:
    return bool(roles_in(user, agency) & publication.RETURN_ROLES)


def years() -> list[int]:
    return list(range(foi_services.today().year, F.FIRST_YEAR_2019_FORMAT - 1, -1))
