"""Public portal: cached page serving, search, 网站地图 (HTML and XML), RSS per column."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.feedgenerator import Rss201rev2Feed
from wagtail.models import Page

from gongkai.publishing import search as portal_search
from gongkai.publishing import services
from gongkai.publishing.models import ColumnPage, PortalHome, TopicCategory
from gongkai.publishing.rules import metadata as md

PORTAL_ROUTES = {"search", "sitemap"}
SITEMAP_LIMIT = 50_000  # sitemaps.org: at most 50,000 URLs per file


# -- routes of the portal home -----------------------------------------------------------------


def portal_route(portal: PortalHome, request: HttpRequest, route: str) -> HttpResponse:
    if route == "search":
        return search_view(portal, request)
    return sitemap_html(portal, request)


def sitemap_xml_for(request: HttpRequest, slug: str) -> HttpResponse:
    """/<slug>/sitemap.xml (a Django route: Wagtail's own URL pattern takes no dots)."""
    portal = PortalHome.objects.live().select_related("agency").filter(slug=slug).first()
    if portal is None:
        raise Http404
    return sitemap_xml(portal, request)


def _int(value: str | None, lo: int, hi: int) -> int | None:
    if value and value.isdigit() and lo <= int(value) <= hi:
        return int(value)
    return None


def search_view(portal: PortalHome, request: HttpRequest) -> HttpResponse:
    """Bad parameters are ignored (never a 500): an unknown filter simply does not filter."""
    q = (request.GET.get("q") or "")[:80]
    sections = list(ColumnPage.objects.live().descendant_of(portal).filter(depth__in=[portal.depth + 1, portal.depth + 2]).order_by("path").values("pk", "title", "depth", "path"))
    col = _int(request.GET.get("column"), 1, 2**62)
    col_path = next((s["path"] for s in sections if s["pk"] == col), "")
    this_year = dt.date.today().year
    genre = request.GET.get("genre") or ""
    validity = request.GET.get("validity") or ""
    filters = portal_search.Filters(
        column_path=col_path,
        year=_int(request.GET.get("year"), 1990, this_year + 1),
        topic_id=_int(request.GET.get("topic"), 1, 2**62),
        genre=genre if genre in md.GENRES else "",
        validity=validity if validity in md.VALIDITY else "",
    )
    page = _int(request.GET.get("page"), 1, 10_000) or 1
    result = portal_search.search([portal.agency_id], q, filters, page) if q else None
    rows = []
    if result is not None:
        rows = [{"entry": e, "url": services.page_url(portal, e.url_path), "snippet": portal_search.snippet(e, result.query.phrases)} for e in result.entries]
    ctx = services.page_chrome(portal)
    params = request.GET.copy()
    params.pop("page", None)
    ctx.update({
        "page": portal, "self": portal, "q": q, "result": result, "rows": rows, "filters": filters,
        "sections": sections, "column": col if col_path else None, "years": list(range(this_year, this_year - 12, -1)), "topics": TopicCategory.objects.all(),
        "genres": md.GENRES, "validities": md.VALIDITY, "base_query": params.urlencode(),
        "crumbs": [*ctx.get("crumbs", []), {"title": "搜索", "url": ""}],
    })
    return render(request, "publishing/public/search.html", ctx)


def sitemap_html(portal: PortalHome, request: HttpRequest) -> HttpResponse:
    """网站地图: every column of the portal as a nested list."""
    from gongkai.publishing.models import GuidePage

    pages = sorted([{"title": portal.title, "url_path": portal.url_path, "depth": portal.depth, "path": portal.path}]
                   + [dict(p) for m in (ColumnPage, GuidePage) for p in m.objects.live().descendant_of(portal).values("title", "url_path", "depth", "path")],
                   key=lambda p: p["path"])
    for p in pages:
        p["url"] = services.page_url(portal, p["url_path"])
        p["level"] = p["depth"] - portal.depth
    ctx = services.page_chrome(portal)
    ctx.update({"page": portal, "self": portal, "pages": pages, "crumbs": [*ctx.get("crumbs", []), {"title": "网站地图", "url": ""}]})
    return render(request, "publishing/public/sitemap.html", ctx)


def sitemap_xml(portal: PortalHome, request: HttpRequest) -> HttpResponse:
    base = request.build_absolute_uri("/").rstrip("/")
    from gongkai.publishing.models import GuidePage, SearchDoc

    columns = [(portal.url_path, portal.last_published_at)]
    for model in (ColumnPage, GuidePage):
        columns += list(model.objects.live().descendant_of(portal).values_list("url_path", "last_published_at"))
    newest = list(SearchDoc.objects.filter(agency_id=portal.agency_id).order_by("-published_on", "-entry_id").values_list("entry_id", flat=True)[: SITEMAP_LIMIT - len(columns)])
    rows = columns + list(Page.objects.filter(pk__in=newest).values_list("url_path", "last_published_at"))
    prefix = len(portal.url_path) - 1
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url_path, at in rows:
        loc = escape(f"{base}/{portal.slug}{url_path[prefix:]}")
        out.append(f"<url><loc>{loc}</loc>" + (f"<lastmod>{at.date().isoformat()}</lastmod>" if at else "") + "</url>")
    out.append("</urlset>")
    return HttpResponse("\n".join(out), content_type="application/xml; charset=utf-8")


def column_rss(column: ColumnPage, request: HttpRequest) -> HttpResponse:
    portal = services.portal_of(column)
    if portal is None:
        return HttpResponse(status=404)
    base = request.build_absolute_uri("/").rstrip("/")
    feed = Rss201rev2Feed(
        title=f"{portal.agency.name} · {column.title}", link=base + services.page_url(portal, column.url_path),
        description=f"{portal.agency.name}{column.title}栏目最新信息", language="zh-cn",
    )
    for e in services.latest_entries(column, 20):
        link = base + services.page_url(portal, e.url_path)
        pub = dt.datetime.combine(e.published_on, dt.time(9, 0), tzinfo=dt.UTC) if e.published_on else None
        feed.add_item(title=e.title, link=link, description=e.summary, pubdate=pub, unique_id=e.index_no or link)
    return HttpResponse(feed.writeString("utf-8"), content_type="application/rss+xml; charset=utf-8")
