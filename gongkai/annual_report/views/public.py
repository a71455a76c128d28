"""Public pages of the 政府信息公开年报 column: an agency's published reports, newest first;
one year's report exactly as published (its frozen HTML), its downloads and its 图解.

Only published versions are ever shown here; drafts and versions awaiting approval are not
reachable from these URLs.
"""

from __future__ import annotations

from urllib.parse import quote

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.safestring import mark_safe

from gongkai.agencies.models import Agency
from gongkai.annual_report import publication
from gongkai.annual_report.models import ReportDecision
from gongkai.annual_report.render import MEDIA_TYPES, common
from gongkai.annual_report.render import render as render_report
from gongkai.annual_report.render.illustrated import STYLE as ILLUSTRATED_STYLE
from gongkai.annual_report.render.illustrated import illustrated_body

DOWNLOADS = ("pdf", "docx", "xlsx", "json")
DOWNLOAD_LABELS = {"pdf": "PDF", "docx": "Word（DOCX）", "xlsx": "Excel（XLSX）", "json": "数据（JSON）"}
CACHE_SECONDS = 24 * 3600


def _agency(slug: str) -> Agency:
    return get_object_or_404(Agency, slug=slug, is_active=True)


def _published(agency: Agency, year: int, number: int | None = None) -> tuple[ReportDecision, list[ReportDecision]]:
    """(the version shown, every published version of the year, newest first)."""
    all_versions = publication.published(agency, year)
    if not all_versions:
        raise Http404("该年度报告尚未发布")
    if number is None:
        return all_versions[0], all_versions
    shown = next((d for d in all_versions if d.version.number == number), None)
    if shown is None:
        raise Http404("没有这个版本")
    return shown, all_versions


def split_document(html: str) -> tuple[str, str]:
    """(stylesheet, body) of a document written by ``render.html.render_html``."""
    def between(start: str, end: str) -> str:
        i = html.find(start)
        j = html.find(end, i + len(start))
        return html[i + len(start) : j] if i >= 0 and j >= 0 else ""

    return between("<style>", "</style>"), between("<body>", "</body>")


def index(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _agency(slug)
    latest: dict[int, ReportDecision] = {}
    firsts: dict[int, ReportDecision] = {}
    for d in publication.published(agency):
        latest.setdefault(d.version.year, d)
        firsts[d.version.year] = d  # newest first, so the last seen is the first publication
    years = [
        {"year": y, "latest": latest[y], "first": firsts[y], "title": common.title(latest[y].report), "revised": latest[y] is not firsts[y]}
        for y in sorted(latest, reverse=True)
    ]
    return render(request, "annual_report/public/index.html", {"agency": agency, "years": years})


def year_page(request: HttpRequest, slug: str, year: int, number: int | None = None) -> HttpResponse:
    agency = _agency(slug)
    shown, all_versions = _published(agency, year, number)
    style, body = split_document(shown.html)
    return render(
        request,
        "annual_report/public/report.html",
        {
            "agency": agency,
            "year": year,
            "title": common.title(shown.report),
            "shown": shown,
            "current": all_versions[0],
            "versions": all_versions,
            "style": mark_safe(style),  # noqa: S308 (written by our renderer, all text escaped there)
            "body": mark_safe(body),  # noqa: S308 (the frozen publication, escaped when rendered)
            "downloads": [(k, DOWNLOAD_LABELS[k]) for k in DOWNLOADS],
            "first_on": all_versions[-1].on,
        },
    )


def illustrated(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    agency = _agency(slug)
    shown, _ = _published(agency, year)
    before = publication.published(agency, year - 1)
    previous = before[0].report if before else None
    return render(
        request,
        "annual_report/public/illustrated.html",
        {
            "agency": agency,
            "year": year,
            "title": common.title(shown.report),
            "style": mark_safe(ILLUSTRATED_STYLE),  # noqa: S308 (a constant)
            "body": mark_safe(illustrated_body(shown.report, previous)),  # noqa: S308 (escaped by the renderer)
        },
    )


def download(request: HttpRequest, slug: str, year: int, kind: str, number: int | None = None) -> HttpResponse:
    if kind not in DOWNLOADS:
        raise Http404("不支持的格式")
    agency = _agency(slug)
    shown, _ = _published(agency, year, number)
    key = f"annual-report:{shown.digest}:{kind}"
    data = cache.get(key)
    if data is None:
        data = render_report(shown.report, kind)
        cache.set(key, data, CACHE_SECONDS)
    name = f"{common.title(shown.report)}.{kind}"
    response = HttpResponse(data, content_type=MEDIA_TYPES[kind])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


urlpatterns = [
    path("<slug:slug>/nianbao/", index, name="annual_report_public_index"),
    path("<slug:slug>/nianbao/<int:year>/", year_page, name="annual_report_public_year"),
    path("<slug:slug>/nianbao/<int:year>/tujie/", illustrated, name="annual_report_public_illustrated"),
    path("<slug:slug>/nianbao/<int:year>/v<int:number>/", year_page, name="annual_report_public_version"),
    path("<slug:slug>/nianbao/<int:year>/v<int:number>/<str:kind>/", download, name="annual_report_public_version_download"),
    path("<slug:slug>/nianbao/<int:year>/<str:kind>/", download, name="annual_report_public_download"),
]
