"""Read side: what the public pages show, the timeliness and channel figures, the register."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
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
        for p in ColumnPage.objects.child_of(portal).live().filter(show_in_menus=True).order_by("path").values("title", "slug", "path")
    ]
    return {"portal": portal, "agency": portal.agency, "crumbs": crumbs, "nav": nav}


LIST_FIELDS = ("title", "url_path", "published_on", "index_no", "doc_no", "path", "depth", "validity", "genre", "summary")
MAX_LIST_PAGE = 500  # deeper than 10,000 items: use the search and its filters


def _docs_in(column: Page, leaf: bool) -> Any:
    """Live entries of a column (and its sub-columns) newest first, from the search documents:
    one row per live entry with the column's tree path, indexed by (column_path, date) and
    (agency, date) — the page tree itself would be scanned (a million rows under one portal)."""
    from gongkai.publishing.models import SearchDoc

    qs = SearchDoc.objects.filter(column_path=column.path) if leaf else SearchDoc.objects.filter(column_path__startswith=column.path, agency_id=column_agency_id(column))
    return qs.order_by("-published_on", "-entry_id")


def column_agency_id(column: Page) -> int | None:
    portal = portal_of(column)
    return portal.agency_id if portal else None


def latest_entries(column: ColumnPage, n: int) -> list[CatalogEntry]:
    leaf = not ColumnPage.objects.child_of(column).exists()
    ids = list(_docs_in(column, leaf).values_list("entry_id", flat=True)[:n])
    by_id = {e.pk: e for e in CatalogEntry.objects.filter(pk__in=ids).only(*LIST_FIELDS)}
    return [by_id[i] for i in ids if i in by_id]


class EntryPage:
    """One page of a column's list: like Django's Page, with the total counted once per
    publication (cached under the portal's generation)."""

    def __init__(self, items: list[CatalogEntry], number: int, total: int, per_page: int) -> None:
        self.object_list, self.number, self.total = items, number, total
        self.num_pages = max(1, min(MAX_LIST_PAGE, -(-total // per_page)))
        self.paginator = self

    @property
    def count(self) -> int:
        return self.total

    def __iter__(self) -> Any:
        return iter(self.object_list)

    def has_next(self) -> bool:
        return self.number < self.num_pages

    def has_previous(self) -> bool:
        return self.number > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def column_page(column: ColumnPage, page_no: int) -> EntryPage:
    from django.core.cache import cache

    from gongkai.publishing.cache import generation, portal_slug_of

    leaf = not ColumnPage.objects.child_of(column).exists()
    key = f"gk:column-total:{generation(portal_slug_of(column))}:{column.pk}"
    total = cache.get(key)
    if total is None:
        total = _docs_in(column, leaf).count()
        cache.set(key, total, 3600)
    pages = max(1, min(MAX_LIST_PAGE, -(-total // LIST_PAGE_SIZE)))
    number = max(1, min(page_no, pages))
    offset = (number - 1) * LIST_PAGE_SIZE
    ids = list(_docs_in(column, leaf).values_list("entry_id", flat=True)[offset : offset + LIST_PAGE_SIZE])
    by_id = {e.pk: e for e in CatalogEntry.objects.filter(pk__in=ids).only(*LIST_FIELDS)}
    return EntryPage([by_id[i] for i in ids if i in by_id], number, total, LIST_PAGE_SIZE)


def home_context(portal: PortalHome) -> dict[str, Any]:
    ctx = page_chrome(portal)
    columns = {c.kind: c for c in ColumnPage.objects.live().descendant_of(portal).filter(kind__in=[ColumnKind.NEWS, ColumnKind.NOTICES, ColumnKind.STATUTORY, ColumnKind.DISCLOSURE, ColumnKind.APPLY, ColumnKind.REPORTS])}
    blocks = []
    for kind in (ColumnKind.NEWS, ColumnKind.NOTICES, ColumnKind.STATUTORY):
        col = columns.get(kind)
        if col is not None:
            blocks.append({"column": col, "items": latest_entries(col, 8)})
    ctx["blocks"] = blocks
    disclosure = columns.get(ColumnKind.DISCLOSURE)
    ctx["disclosure_columns"] = list(ColumnPage.objects.live().child_of(disclosure)) if disclosure else []
    ctx["guide"] = _guide_model().objects.live().descendant_of(portal).first()
    return ctx


def _guide_model() -> Any:
    from gongkai.publishing.models import GuidePage

    return GuidePage


def column_context(column: ColumnPage, request: Any) -> dict[str, Any]:
    ctx = page_chrome(column)
    ctx["subcolumns"] = [*ColumnPage.objects.live().child_of(column).order_by("path"), *_guide_model().objects.live().child_of(column)]
    page_no = request.GET.get("page") or "1"
    ctx["entries"] = column_page(column, int(page_no) if page_no.isdigit() and len(page_no) < 7 else 1)
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
