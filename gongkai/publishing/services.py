"""Read side: what the public pages show, the timeliness and channel figures, the register."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils.module_loading import import_string
from wagtail.models import Page

from gongkai.publishing import channels
from gongkai.publishing.models import (
    PORTAL_DEPTH,
    CatalogEntry,
    ChannelPush,
    ColumnKind,
    ColumnPage,
    PortalHome,
    PublicationRecord,
    portal_path,
)

LIST_PAGE_SIZE = 20


def portal_of(page: Page) -> PortalHome | None:
    if page.depth < PORTAL_DEPTH:
        return None
    return PortalHome.objects.select_related("agency").filter(path=portal_path(page)).first()


def page_chrome(page: Page) -> dict[str, Any]:
    """Header, navigation and breadcrumbs of every portal page (three queries)."""
    portal = page.specific if isinstance(page.specific, PortalHome) else portal_of(page)
    if portal is None:
        return {}
    crumbs = list(Page.objects.filter(path__in=[page.path[:i] for i in range(Page.steplen * PORTAL_DEPTH, len(page.path), Page.steplen)]).order_by("depth").values("title", "url_path"))
    root_len = len(portal.url_path) - 1
    for c in crumbs:
        c["url"] = "/" + portal.slug + c["url_path"][root_len:]
    nav = [
        {"title": p["title"], "url": f"/{portal.slug}/{p['slug']}/", "active": page.path.startswith(p["path"])}
        for p in Page.objects.child_of(portal).live().filter(show_in_menus=True).values("title", "slug", "path")
    ]
    return {"portal": portal, "agency": portal.agency, "crumbs": crumbs, "nav": nav}


def _entries(parent: Page) -> Any:
    return CatalogEntry.objects.live().descendant_of(parent).order_by("-published_on", "-pk")


def home_context(portal: PortalHome) -> dict[str, Any]:
    ctx = page_chrome(portal)
    columns = {c.kind: c for c in ColumnPage.objects.live().descendant_of(portal).filter(kind__in=[ColumnKind.NEWS, ColumnKind.NOTICES, ColumnKind.STATUTORY, ColumnKind.DISCLOSURE, ColumnKind.APPLY, ColumnKind.REPORTS])}
    blocks = []
    for kind in (ColumnKind.NEWS, ColumnKind.NOTICES, ColumnKind.STATUTORY):
        col = columns.get(kind)
        if col is not None:
            items = list(_entries(col).only("title", "url_path", "published_on", "path", "depth")[:8])
            blocks.append({"column": col, "items": items})
    ctx["blocks"] = blocks
    disclosure = columns.get(ColumnKind.DISCLOSURE)
    ctx["disclosure_columns"] = list(ColumnPage.objects.live().child_of(disclosure)) if disclosure else []
    ctx["guide"] = Page.objects.live().descendant_of(portal).type(_guide_model()).first()
    return ctx


def _guide_model() -> Any:
    from gongkai.publishing.models import GuidePage

    return GuidePage


def column_context(column: ColumnPage, request: Any) -> dict[str, Any]:
    ctx = page_chrome(column)
    ctx["subcolumns"] = list(Page.objects.live().child_of(column).not_type(CatalogEntry).specific())
    qs = _entries(column).select_related("topic").only(
        "title", "url_path", "published_on", "index_no", "doc_no", "path", "depth", "validity", "topic__name", "genre"
    )
    page_no = request.GET.get("page") or "1"
    paginator = Paginator(qs, LIST_PAGE_SIZE)
    ctx["entries"] = paginator.get_page(page_no if page_no.isdigit() else 1)
    if column.kind == ColumnKind.REPORTS:
        ctx["reports"] = annual_reports(ctx["agency"]) if ctx.get("agency") else []
        ctx["reports_url"] = f"/gongkai/{ctx['agency'].slug}/nianbao/" if ctx.get("agency") else ""
    return ctx


def annual_reports(agency: Any) -> list[dict[str, Any]]:
    """The agency's published annual reports, newest first, from the annual report app (named
    in settings.GONGKAI_PUBLISHED_REPORTS: a callable agency → [{"year", "title", "url"}])."""
    path = getattr(settings, "GONGKAI_PUBLISHED_REPORTS", "")
    if not path:
        return []
    try:
        rows = list(import_string(path)(agency))
    except ImportError:
        return []
    return sorted(rows, key=lambda r: r.get("year", 0), reverse=True)


def entry_context(entry: CatalogEntry) -> dict[str, Any]:
    ctx = page_chrome(entry)
    ctx["attachments"] = list(entry.attachments.all())
    ctx["interpretations"] = list(entry.interpretations.live().only("title", "url_path", "published_on"))
    ctx["interpreted"] = entry.interprets if entry.interprets_id and entry.interprets and entry.interprets.live else None
    ctx["column"] = entry.get_parent()
    return ctx


def page_url(portal: PortalHome, url_path: str) -> str:
    """A page's URL under its portal (from its ``url_path``) without Wagtail's per-call site lookup."""
    return "/" + portal.slug + url_path[len(portal.url_path) - 1 :]


# -- 条例第二十六条 -----------------------------------------------------------------------


def late_records(agency_ids: list[int], year: int | None = None) -> Any:
    qs = PublicationRecord.objects.filter(agency_id__in=agency_ids, late=True)
    if year:
        qs = qs.filter(published_on__year=year)
    return qs.select_related("agency")


def timeliness_by_year(agency_ids: list[int]) -> list[dict[str, Any]]:
    """Per year: publications checked, late ones, share on time."""
    rows = (
        PublicationRecord.objects.filter(agency_id__in=agency_ids)
        .values("published_on__year")
        .annotate(total=Count("pk"), late=Count("pk", filter=Q(late=True)))
        .order_by("-published_on__year")
    )
    return [{"year": r["published_on__year"], "total": r["total"], "late": r["late"]} for r in rows]


# -- channels (for the annual report narrative) ------------------------------------------


def channel_counts(agency_ids: list[int], year: int) -> dict[str, int]:
    """{"门户网站": entries first published in the year, "微信公众号": pushes in the year, …}
    — "门户网站发布信息N条，微信公众号推送N条"."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    out = {channels.PORTAL: CatalogEntry.objects.filter(agency_id__in=agency_ids, published_on__gte=start, published_on__lte=end).count()}
    labels = {code: a.label for code, a in channels.channels().items()}
    counted = dict(
        ChannelPush.objects.filter(agency_id__in=agency_ids, pushed_on__gte=start, pushed_on__lte=end)
        .values_list("channel").annotate(n=Count("pk")).order_by()
    )
    for code, label in labels.items():
        out[label] = counted.get(code, 0)
    return out


def column_counts(agency_ids: list[int], year: int) -> dict[str, int]:
    """Entries first published in the year per top column (政府信息公开, 工作动态, 通知公告 …)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    width = Page.steplen * (PORTAL_DEPTH + 1)
    prefixes = dict(
        CatalogEntry.objects.filter(agency_id__in=agency_ids, published_on__gte=start, published_on__lte=end)
        .annotate(section=Substr("path", 1, width)).values_list("section").annotate(n=Count("pk")).order_by()
    )
    sections = dict(Page.objects.filter(path__in=list(prefixes)).values_list("path", "title"))
    out: dict[str, int] = {}
    for key, n in prefixes.items():
        title = sections.get(key, "其他")
        out[title] = out.get(title, 0) + n
    return out
