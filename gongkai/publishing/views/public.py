"""Public portal: page serving (whole-page cache → lean read path → Wagtail), search,
网站地图 (HTML and XML), RSS per column."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from typing import Any
from xml.sax.saxutils import escape

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.feedgenerator import Rss201rev2Feed
from wagtail.models import Page

from gongkai.publishing import cache as page_cache
from gongkai.publishing import search as portal_search
from gongkai.publishing import services
from gongkai.publishing.models import CatalogEntry, ColumnPage, GuidePage, PortalHome
from gongkai.publishing.rules import metadata as md

logger = logging.getLogger(__name__)
PORTAL_ROUTES = {"search", "sitemap"}
SITEMAP_LIMIT = 50_000  # sitemaps.org: at most 50,000 URLs per file


# -- every page of the tree ----------------------------------------------------------------------


def serve(request: HttpRequest, path: str) -> Any:
    """Wagtail's own URL pattern, in three steps: the whole-page cache (anonymous GETs, when
    on); the lean read path (anonymous GETs of the portal's home, columns, entries, guides and
    search); Wagtail's routing and serving for everything else (logged-in users, other page
    types, unknown paths, other methods), so their behaviour is Wagtail's."""
    from wagtail.views import serve as wagtail_serve

    key = page_cache.page_key(request, path)
    if key is not None:
        hit = page_cache.cached_page(key)
        if hit is not None:
            return hit
    response = None
    if lean_path_on() and page_cache.anonymous_get(request):
        try:
            response = lean_serve(request, path)
        except Exception:
            if connection.in_atomic_block:
                raise
            # a reader gets the page from Wagtail rather than an error; the log says why
            logger.exception("lean read path failed on %s; served by Wagtail", request.path)
    if response is None:
        response = wagtail_serve(request, path)
    return page_cache.keep_page(key, response) if key is not None else response


def lean_path_on() -> bool:
    """Off with GONGKAI_PORTAL_LEAN=0, with Wagtail's localisation on, or when a hook around
    Wagtail's serving is registered that the lean path does not reproduce (it reproduces
    Wagtail's own two: the request method check and the view restrictions, by leaving
    restricted pages to Wagtail)."""
    global _hooks_known
    if not getattr(settings, "GONGKAI_PORTAL_LEAN", True) or getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return False  # (with locales Wagtail routes through the localized root: not reproduced)
    if _hooks_known is None:
        from wagtail import hooks
        from wagtail import wagtail_hooks as core

        _hooks_known = (hooks.get_hooks("before_serve_page") == [core.check_request_method]
                        and hooks.get_hooks("on_serve_page") == [core.check_view_restrictions])
    return _hooks_known


_hooks_known: bool | None = None
TEMPLATES = {"portal": PortalHome.template, "column": ColumnPage.template, "entry": CatalogEntry.template, "guide": GuidePage.template}


def lean_serve(request: HttpRequest, path: str) -> HttpResponse | None:
    """An anonymous GET answered from a handful of indexed queries (see services.resolve), or
    None for Wagtail to answer."""
    route = services.resolve(request, path)
    if route is None:
        return None
    page = route.page
    if route.rest == ["search"] and page.type == "portal" and page.live:
        return _search_page(request, route)
    if route.rest or not page.live or page.type not in TEMPLATES:
        return None  # (other query parameters are ignored, as the pages themselves ignore them)
    if page.type == "portal":
        ctx = services.lean_home(route)
    elif page.type == "column":
        page_no = request.GET.get("page") or "1"
        ctx = services.lean_column(route, int(page_no) if page_no.isdigit() and len(page_no) < 7 else 1)
    elif page.type == "entry":
        if route.agency is None or page.agency_id != route.agency.pk:
            return None
        ctx = services.lean_entry(route)
    else:
        ctx = services.lean_guide(route)
    response = render(request, TEMPLATES[page.type], ctx)
    response.gk_cacheable = True  # type: ignore[attr-defined]
    return response


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
    """The search page as Wagtail routes it (a logged-in reader): the same page as the lean path's."""
    row = services.Row(pk=portal.pk, id=portal.pk, path=portal.path, depth=portal.depth, title=portal.title, slug=portal.slug,
                       url_path=portal.url_path, live=portal.live, type="portal", agency_id=portal.agency_id)
    return _search_page(request, services.Route(chain=[row], rest=["search"], portal=row, agency=portal.agency))


def _search_page(request: HttpRequest, route: services.Route) -> HttpResponse:
    """Bad parameters are ignored (never a 500): an unknown filter simply does not filter."""
    portal = route.portal
    assert portal is not None
    m = services.portal_map(portal)
    q = (request.GET.get("q") or "")[:80]
    sections = m.sections()
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
    count_key = f"gk:search-count:{page_cache.generation(portal.slug)}:{portal.agency_id}:{hashlib.sha256(repr((q, filters)).encode()).hexdigest()}"
    result = portal_search.search([portal.agency_id], q, filters, page, count_key=count_key, fetch=services.fetch) if q else None
    rows = _result_rows(portal, result) if result is not None else []
    ctx = services.lean_chrome(route, m)
    params = request.GET.copy()
    params.pop("page", None)
    ctx.update({
        "q": q, "result": result, "rows": rows, "filters": filters, "options": _form_options(m, portal, sections, this_year, col if col_path else None, filters),
        "sections": sections, "column": col if col_path else None, "years": list(range(this_year, this_year - 12, -1)), "topics": m.topics,
        "genres": md.GENRES, "validities": md.VALIDITY, "base_query": params.urlencode(),
        "crumbs": [*ctx["crumbs"], {"title": "搜索", "url": ""}],
    })
    return render(request, "publishing/public/search.html", ctx)


def _result_rows(portal: services.Row, result: portal_search.Result) -> list[str]:
    """The results as HTML, one ``<li>`` each, written here rather than in the template
    (twenty rows of eight values cost the template engine more than the search itself);
    every value escaped as the template would (Django's ``escape`` is the standard library's)."""
    from html import escape

    from django.utils.safestring import mark_safe

    from gongkai.publishing.templatetags.gk_portal import ymd

    def esc(value: object) -> str:
        return escape(str(value))

    rows = []
    for e in result.entries:
        meta = ymd(e.published_on) + (f" · {esc(e.doc_no)}" if e.doc_no else "") + f" · {esc(e.genre)}" + (f" · {esc(e.validity)}" if e.validity != "有效" else "")
        rows.append(mark_safe(  # noqa: S308 (every value escaped)
            f'<li><h3><a href="{esc(services.page_url(portal, e.url_path))}">{esc(e.title)}</a></h3>'
            f'<p class="gk-snippet">{esc(portal_search.snippet(e, result.query.phrases))}</p><p class="gk-meta-line">{meta}</p></li>'))
    return rows


def _form_options(m: services.PortalMap, portal: services.Row, sections: list[dict[str, Any]], this_year: int,
                  column: int | None, f: portal_search.Filters) -> dict[str, str]:
    """The search form's five lists of options as HTML, each rendered once per portal map
    (so once per generation) and selected value — about a hundred options, which the
    template engine took longer to render than the search took to run."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    def sel(selected: bool) -> str:
        return " selected" if selected else ""

    builders = {
        "column": (column, lambda: "".join(
            f'<option value="{s["pk"]}"{sel(s["pk"] == column)}>{"　" if s["depth"] > portal.depth + 1 else ""}{escape(s["title"])}</option>' for s in sections)),
        "year": ((this_year, f.year), lambda: "".join(
            f'<option value="{y}"{sel(y == f.year)}>{y}年</option>' for y in range(this_year, this_year - 12, -1))),
        "topic": (f.topic_id, lambda: "".join(f'<option value="{t.pk}"{sel(t.pk == f.topic_id)}>{escape(t.name)}</option>' for t in m.topics)),
        "genre": (f.genre, lambda: "".join(f"<option{sel(g == f.genre)}>{escape(g)}</option>" for g in md.GENRES)),
        "validity": (f.validity, lambda: "".join(f"<option{sel(v == f.validity)}>{escape(v)}</option>" for v in md.VALIDITY)),
    }
    out = {}
    for name, (selected, build) in builders.items():
        html = m.options.get((name, selected))
        if html is None:
            html = m.options[(name, selected)] = build()
        out[name] = mark_safe(html)  # noqa: S308 (every value escaped above)
    return out


def sitemap_html(portal: PortalHome, request: HttpRequest) -> HttpResponse:
    """网站地图: every column of the portal as a nested list."""
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
    from gongkai.publishing.models import SearchDoc

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
