"""Supervisors: the region's reports for a year, and the region's summary report (汇总)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.agencies.models import Region
from gongkai.annual_report import formats as F
from gongkai.annual_report import oversight, publication
from gongkai.annual_report.build import build_region_report
from gongkai.annual_report.render import FORMATS, common
from gongkai.annual_report.render import render as render_report
from gongkai.annual_report.render.html import STYLE, body_html
from gongkai.annual_report.views import access
from gongkai.annual_report.views.editor import download_name, file_response
from gongkai.annual_report.views.tables import SEVERITY_LABELS, STATUS_LABELS, check_rows
from gongkai.foi import services as foi_services

PER_PAGE = 25


def _regions(request: HttpRequest) -> list[Region]:
    regions = oversight.regions_for(request.user)
    if not regions:
        raise PermissionDenied("只有政务公开主管部门（督查人员）可以查看")
    return regions


def _year(request: HttpRequest) -> int:
    text = request.GET.get("year", "")
    today = foi_services.today()
    year = int(text) if text.isdigit() else today.year - 1
    return year if year in access.years() else today.year - 1


def overview(request: HttpRequest) -> HttpResponse:
    regions = _regions(request)
    code = request.GET.get("region", "")
    region = next((r for r in regions if r.code == code), regions[0])
    year = _year(request)
    today = foi_services.today()
    page = Paginator(oversight.agencies_of(region), PER_PAGE).get_page(request.GET.get("p"))
    return render(
        request,
        "annual_report/admin/oversight.html",
        {
            "regions": regions,
            "region": region,
            "year": year,
            "years": access.years(),
            "page": page,
            "rows": oversight.rows(list(page.object_list), year, today),
            "summary": oversight.summary(region, year, today),
            "today": today,
        },
    )


def _region_for(request: HttpRequest, region_id: int) -> Region:
    region = next((r for r in _regions(request) if r.pk == region_id), None)
    if region is None:
        raise Http404("没有这个行政区划")
    return region


def region_report(request: HttpRequest, region_id: int, year: int) -> HttpResponse:
    region = _region_for(request, region_id)
    access.check_year(year)
    report = build_region_report(region, year)
    return render(
        request,
        "annual_report/admin/region.html",
        {
            "region": region,
            "year": year,
            "title": common.title(report),
            "body": body_html(report),
            "style": STYLE,
            "checks": check_rows(report["checks"], F.get_format(str(report["format_version"]))),
            "counts": publication.count_by_severity(report["checks"]),
            "status_labels": STATUS_LABELS,
            "severity_labels": SEVERITY_LABELS,
            "formats": [k for k in FORMATS if k != "html"],
            "agencies": oversight.agencies_of(region).count(),
        },
    )


def region_download(request: HttpRequest, region_id: int, year: int, kind: str) -> HttpResponse:
    region = _region_for(request, region_id)
    access.check_year(year)
    if kind not in FORMATS:
        raise Http404("不支持的格式")
    report = build_region_report(region, year)
    return file_response(render_report(report, kind), kind, download_name(report, kind))
