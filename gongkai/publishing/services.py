"""Read side: what the public pages show, the timeliness and channel figures, the register."""

from __future__ import annotations

import datetime as dt
import threading
import time
import weakref
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils.module_loading import import_string
from wagtail.models import Page

from gongkai.agencies.models import Agency
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
from gongkai.publishing.rules import metadata as md

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


# -- the lean read path: anonymous readers of the portal ----------------------------------
# Wagtail routes a URL with one query and a ``.specific`` per level, and the pages' own
# contexts read navigation, breadcrumbs and lists with a query each (16–21 per page). For
# anonymous GETs, ``resolve`` finds the page, its ancestors, its portal and agency and its
# own fields in ONE query (by ``url_path``, which Wagtail maintains, under the site's root);
# what every page of a portal shows around its content (menu, columns, the guide) is a small
# ``PortalMap`` kept per process and reloaded when the portal's cache generation moves
# (every publication or unpublication in the portal bumps it). ``views.public`` renders the
# same templates from these rows; anything not understood here goes to Wagtail.


class Row:
    """A page or entry as the public templates read it: attributes only, no lazy loading."""

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)

    def __repr__(self) -> str:
        return f"Row({self.__dict__!r})"


def _date(value: Any) -> dt.date | None:
    """A DATE column as the driver returns it (SQLite: text)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _datetime(value: Any) -> dt.datetime | None:
    """A timestamp column as the driver returns it (SQLite: naive UTC, as Django stores it)."""
    from django.utils.dateparse import parse_datetime

    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = parse_datetime(str(value))
    if value is not None and value.tzinfo is None and settings.USE_TZ:
        value = value.replace(tzinfo=dt.UTC)
    return value


@dataclass
class Route:
    """A URL resolved by ``resolve``: the chain of pages from the site's root to the deepest
    page the path names (ancestors first), and the path components left after it."""

    chain: list[Row]
    rest: list[str]
    portal: Row | None
    agency: Agency | None

    @property
    def page(self) -> Row:
        return self.chain[-1]


# -- running the lean path's statements -------------------------------------------------------


def prepared_statements_on() -> bool:
    """PostgreSQL spends more on parsing and planning the lean path's two statements than on
    running them; on a persistent connection they are prepared once per session. Off with
    GONGKAI_PORTAL_PREPARED=0 (behind a pooler in transaction mode, which hands each statement
    to whichever server session is free; one that loses a statement turns this off anyway)."""
    return _prepare_ok and bool(getattr(settings, "GONGKAI_PORTAL_PREPARED", True))


_prepare_ok = True
_LOST_STATEMENT = {"26000", "42P05"}  # invalid_sql_statement_name, duplicate_prepared_statement
_prepared: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()


def _dollars(sql: str) -> tuple[str, int]:
    """``%s`` placeholders as PostgreSQL's ``$1, $2, …`` (the statements contain no other ``%``)."""
    parts = sql.split("%s")
    return "".join(f"{part}${i}" for i, part in enumerate(parts[:-1], 1)) + parts[-1], len(parts) - 1


def _fetch(name: str | None, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """Run one of the lean path's statements: prepared (``PREPARE`` once per session, then
    ``EXECUTE``) on PostgreSQL with a persistent connection outside a transaction, plain SQL
    otherwise (SQLite, tests inside a transaction, CONN_MAX_AGE=0)."""
    global _prepare_ok
    from django.db import DatabaseError, connection

    with connection.cursor() as cur:
        if (name is None or connection.vendor != "postgresql" or connection.in_atomic_block or not prepared_statements_on()
                or connection.settings_dict.get("CONN_MAX_AGE") == 0):
            cur.execute(sql, params)
            return cur.fetchall()
        names = _prepared.setdefault(connection.connection, set())
        try:
            if name not in names:
                cur.execute(f"PREPARE {name} AS {_dollars(sql)[0]}")
                names.add(name)
            cur.execute(f"EXECUTE {name}({', '.join(['%s'] * len(params))})", params)
        except DatabaseError as exc:
            if getattr(exc.__cause__, "sqlstate", None) not in _LOST_STATEMENT:
                raise
            # the session does not have it (or has another under that name): plain SQL from
            # now on in this process — a pooler is sharing server sessions between clients
            _prepare_ok = False
            cur.execute(sql, params)
        return cur.fetchall()


fetch = _fetch  # for the search page's entries (search.py may not import this module)


def _route_sql(prefixes: int, vendor: str) -> str:
    """The routing query: the pages whose ``url_path`` is one of the URL's prefixes under the
    site's root, each with what our own page types add (an entry's fields with its topic, the
    document it interprets, its attachments and the ids of its interpretations; a column's
    kind; a portal's agency; a guide's body) as one JSON array per type.

    PostgreSQL plans this in about as long as it runs it, so it is written for the planner:
    single-table scalar subqueries (a join of ten tables took over a millisecond to plan; a
    join inside a subquery still costs a tenth of that), and one uncorrelated test for any
    view restriction at all (there are normally none; when there are, ``resolve`` checks the
    page's ancestors with a second query)."""
    from wagtail.models import PageViewRestriction

    from gongkai.publishing.models import EntryAttachment, GuidePage, TopicCategory

    arr = "json_build_array" if vendor == "postgresql" else "json_array"
    page, restriction = Page._meta.db_table, PageViewRestriction._meta.db_table
    agency = ", ".join(f"ag.{f}" for f in ("id", *AGENCY_FIELDS))
    urls = ", ".join(["%s"] * prefixes)
    attachments = _json_list(vendor, "a.title, a.file, a.size", f"{EntryAttachment._meta.db_table} a WHERE a.page_id = ce.page_ptr_id", "a.sort_order, a.id")
    interpretations = _json_list(vendor, "jc.page_ptr_id", f"{CatalogEntry._meta.db_table} jc WHERE jc.interprets_id = ce.page_ptr_id", "jc.page_ptr_id")
    return f"""
SELECT p.id, p.path, p.depth, p.title, p.slug, p.url_path, p.live, p.content_type_id, p.alias_of_id, p.last_published_at,
  EXISTS (SELECT 1 FROM {restriction}),
  (SELECT {arr}({agency}) FROM {Agency._meta.db_table} ag
   WHERE ag.id = (SELECT ph.agency_id FROM {PortalHome._meta.db_table} ph WHERE ph.page_ptr_id = p.id)),
  (SELECT {arr}(cp.kind, cp.article20_item, cp.intro) FROM {ColumnPage._meta.db_table} cp WHERE cp.page_ptr_id = p.id),
  (SELECT gp.body FROM {GuidePage._meta.db_table} gp WHERE gp.page_ptr_id = p.id),
  (SELECT {arr}(ce.agency_id, ce.index_no, ce.publisher, ce.written_on, ce.published_on, ce.doc_no, ce.genre, ce.document_kind,
     ce.validity, ce.repealed_on, ce.keywords, ce.summary, ce.body, ce.topic_id,
     (SELECT tc.name FROM {TopicCategory._meta.db_table} tc WHERE tc.id = ce.topic_id), ce.interprets_id,
     (SELECT {arr}(ip.title, ip.url_path, ip.live) FROM {page} ip WHERE ip.id = ce.interprets_id), {attachments}, {interpretations})
   FROM {CatalogEntry._meta.db_table} ce WHERE ce.page_ptr_id = p.id)
FROM {page} p WHERE p.url_path IN ({urls})"""  # noqa: S608 (names from the models' Meta; values bound by the driver)


def _json_list(vendor: str, values: str, source: str, order: str) -> str:
    """A scalar subquery: the rows of ``source`` as a JSON array of arrays, in ``order``."""
    if vendor == "postgresql":
        return f"(SELECT json_agg(json_build_array({values}) ORDER BY {order}) FROM {source})"  # noqa: S608 (names from Meta)
    return f"(SELECT json_group_array(json(x)) FROM (SELECT json_array({values}) AS x FROM {source} ORDER BY {order}))"  # noqa: S608


_ROUTE_SQL: dict[tuple[int, str], str] = {}
AGENCY_FIELDS = ("name", "slug", "address", "postcode", "phone", "fax", "email", "office_hours", "office_name")


@dataclass(frozen=True)
class SiteRow:
    id: int
    hostname: str
    port: int
    is_default: bool
    root_id: int
    root_url_path: str


_sites: tuple[Any, float, list[SiteRow]] | None = None
SITES_SECONDS = 60


def _site_rows(reload: bool = False) -> list[SiteRow]:
    """Wagtail's sites, kept per process while Wagtail's own cached site root paths (cleared by
    Wagtail whenever a site or a site's root page changes) stay the same, for at most a minute;
    ``resolve`` reloads them when the root page it finds is not the one kept."""
    global _sites
    from wagtail.models import Site

    token = [tuple(r) for r in Site.get_site_root_paths()]
    now = time.monotonic()
    if not reload and _sites is not None and _sites[0] == token and now - _sites[1] < SITES_SECONDS:
        return _sites[2]
    rows = [SiteRow(*r) for r in Site.objects.values_list("id", "hostname", "port", "is_default_site", "root_page_id", "root_page__url_path")]
    _sites = (token, now, rows)
    return rows


def find_site(request: Any, reload: bool = False) -> SiteRow | None:
    """Wagtail's ``Site.find_for_request`` (``get_site_for_hostname``) over the cached sites."""
    from django.http.request import split_domain_port

    hostname = split_domain_port(request.get_host())[0]
    try:
        port = int(request.get_port())
    except (TypeError, ValueError):
        return None
    candidates = [s for s in _site_rows(reload) if s.hostname == hostname or s.is_default]

    def match(s: SiteRow) -> int:
        if s.hostname == hostname and s.port == port:
            return 0
        if s.hostname == hostname and s.is_default:
            return 1
        return 2 if s.is_default else 3

    ranked = sorted(candidates, key=match)
    if not ranked:
        return None
    if len(ranked) == 1 or match(ranked[0]) in (0, 1):
        return ranked[0]
    if match(ranked[0]) == 2:
        return ranked[len(ranked) == 2]
    return None


def page_kinds() -> dict[int, str]:
    """content_type_id → the page types the lean path knows."""
    from django.contrib.contenttypes.models import ContentType

    from gongkai.publishing.models import GuidePage, PlatformHome

    models = {"platform": PlatformHome, "portal": PortalHome, "column": ColumnPage, "guide": GuidePage, "entry": CatalogEntry}
    return {ContentType.objects.get_for_model(m).pk: name for name, m in models.items()}


def _json(value: Any) -> Any:
    import json

    return json.loads(value) if isinstance(value, str | bytes) else value


def resolve(request: Any, path: str) -> Route | None:
    """The page a public URL names, with everything its template shows about itself, in one
    query; None when the lean path cannot answer exactly as Wagtail would (no site, a gap in
    the chain, a page type it does not know, a view restriction, an alias)."""
    components = [c for c in path.split("/") if c]
    site = find_site(request)
    if site is None:
        return None
    prefixes, rows = _route_rows(site, components)
    if not rows or rows[0][0] != site.root_id:
        # the kept sites may be out of date (another process changed a site): once more, fresh
        site = find_site(request, reload=True)
        if site is None:
            return None
        prefixes, rows = _route_rows(site, components)
        if not rows or rows[0][0] != site.root_id:
            return None
    kinds = page_kinds()
    chain: list[Row] = []
    portal: Row | None = None
    agency: Agency | None = None
    for i, (pk, path_, depth, title, slug, url_path, live, ct, alias_of, published_at, _any_restriction, ag, col, guide, entry) in enumerate(rows):
        kind = kinds.get(ct)
        if kind is None or alias_of is not None:
            return None  # another app's page type or an alias: Wagtail's
        if url_path != prefixes[i] or (chain and (depth != chain[-1].depth + 1 or not path_.startswith(chain[-1].path))):
            return None  # url_path and tree disagree: let Wagtail route by the tree
        row = Row(pk=pk, id=pk, path=path_, depth=depth, title=title, slug=slug, url_path=url_path, live=bool(live),
                  type=kind, last_published_at=_datetime(published_at))
        if kind == "portal" and ag is not None:
            portal = row
            ag = _json(ag)
            row.agency_id = ag[0]
            agency = Agency(id=ag[0], **dict(zip(AGENCY_FIELDS, ag[1:], strict=True)))
        elif kind == "column" and col is not None:
            row.kind, row.article20_item, row.intro = _json(col)
            row.article20_item, row.intro = row.article20_item or "", row.intro or ""
        elif kind == "guide":
            row.body = guide or ""
        elif kind == "entry" and entry is not None:
            _entry_fields(row, _json(entry))
        chain.append(row)
    if portal is None or portal.depth != PORTAL_DEPTH:
        return None
    if rows[0][10] and _restricted(chain[-1].path):
        return None  # a view restriction on the page or an ancestor: Wagtail asks for it
    return Route(chain=chain, rest=components[len(chain) - 1 :], portal=portal, agency=agency)


def _restricted(path: str) -> bool:
    """Whether a view restriction applies to the page at ``path`` (set on it or an ancestor)."""
    from wagtail.models import PageViewRestriction

    ancestors = [path[:i] for i in range(Page.steplen, len(path) + 1, Page.steplen)]
    return PageViewRestriction.objects.filter(page__path__in=ancestors).exists()


def _route_rows(site: SiteRow, components: list[str]) -> tuple[list[str], list[tuple[Any, ...]]]:
    from django.db import connection

    prefixes = [site.root_url_path] + [site.root_url_path + "/".join(components[: i + 1]) + "/" for i in range(len(components))]
    key = (len(prefixes), connection.vendor)
    sql = _ROUTE_SQL.get(key)
    if sql is None:
        sql = _ROUTE_SQL[key] = _route_sql(*key)
    return prefixes, sorted(_fetch(f"gk_route_{len(prefixes)}", sql, prefixes), key=lambda r: r[2])


def _entry_fields(row: Row, r: list[Any]) -> None:
    (row.agency_id, row.index_no, row.publisher, written_on, published_on, row.doc_no, row.genre, row.document_kind,
     row.validity, repealed_on, row.keywords, row.summary, row.body, topic_id, topic_name, row.interprets_id, interpreted,
     attachments, interpretations) = r
    i_title, i_url_path, i_live = interpreted or (None, None, False)
    row.written_on, row.published_on, row.repealed_on = _date(written_on), _date(published_on), _date(repealed_on)
    row.body = row.body or ""
    row.topic = Row(pk=topic_id, id=topic_id, name=topic_name) if topic_id is not None else None
    row.interpreted = Row(title=i_title, url_path=i_url_path) if row.interprets_id and i_live else None
    row.get_document_kind_display = dict(md.DOCUMENT_KINDS).get(row.document_kind, row.document_kind)
    row.attachments = [Row(title=t, file=_File(name), size=size) for t, name, size in attachments or []]
    row.interpretation_ids = [i[0] for i in interpretations or []]


class _File:
    """An attachment's file as the template reads it (``.url`` from the field's storage)."""

    def __init__(self, name: str) -> None:
        self.name = name

    @property
    def url(self) -> str:
        from gongkai.publishing.models import EntryAttachment

        return EntryAttachment._meta.get_field("file").storage.url(self.name)


# -- what every page of a portal shows around its content -----------------------------------


def map_seconds() -> int:
    """How long a process keeps a portal's map without a publication. The generation is what
    keeps it fresh: with a shared cache (REDIS_URL) every process sees a publication at once;
    with the in-process default, other processes see it after at most this many seconds."""
    return int(getattr(settings, "GONGKAI_PORTAL_MAP_SECONDS", 60))


HOME_KINDS = (ColumnKind.NEWS, ColumnKind.NOTICES, ColumnKind.STATUTORY, ColumnKind.DISCLOSURE, ColumnKind.APPLY, ColumnKind.REPORTS)


@dataclass
class PortalMap:
    """A portal's columns (live or not, in tree order), its live guide pages and the topic
    vocabulary: three small queries when the portal's generation moves, none otherwise."""

    path: str
    depth: int
    generation: int
    loaded_at: float
    columns: list[Row]
    guides: list[Row]
    topics: list[Row]
    by_kind: dict[str, Row] = field(default_factory=dict)
    nav: list[Row] = field(default_factory=list)
    with_child_column: set[str] = field(default_factory=set)
    options: dict[tuple[str, Any], str] = field(default_factory=dict)  # the search form's, rendered (views.public)

    def __post_init__(self) -> None:
        for c in self.columns:
            self.with_child_column.add(c.path[: -Page.steplen])
            if c.live and c.kind in HOME_KINDS:
                self.by_kind[c.kind] = c  # as home_context's dict: the last in tree order wins
        self.nav = [c for c in self.columns if c.live and c.depth == self.depth + 1 and c.show_in_menus]

    def is_leaf(self, column_path: str) -> bool:
        return column_path not in self.with_child_column

    def paths_under(self, column_path: str) -> list[str]:
        """The tree paths of a column and of every column below it (live or not): where the
        entries shown in its list can sit."""
        return [c.path for c in self.columns if c.path.startswith(column_path)]

    def list_spec(self, column: Row, agency_id: int | None) -> tuple[str, list[str] | None, int | None]:
        """What ``entry_lists`` needs of a column."""
        return (column.path, None if self.is_leaf(column.path) else self.paths_under(column.path), agency_id)

    def children(self, path: str, guides: bool = True) -> list[Row]:
        """Live sub-columns in tree order, then live guide pages (as column_context lists them)."""
        depth = len(path) // Page.steplen + 1
        return ([c for c in self.columns if c.live and c.depth == depth and c.path.startswith(path)]
                + ([g for g in self.guides if g.depth == depth and g.path.startswith(path)] if guides else []))

    def sections(self) -> list[dict[str, Any]]:
        """The search form's 栏目 choices: live columns one and two levels below the home."""
        return [{"pk": c.pk, "title": c.title, "depth": c.depth, "path": c.path} for c in self.columns
                if c.live and c.depth in (self.depth + 1, self.depth + 2)]


_maps: dict[int, PortalMap] = {}
_maps_lock = threading.Lock()


def portal_map(portal: Row) -> PortalMap:
    from gongkai.publishing.cache import generation
    from gongkai.publishing.models import GuidePage, TopicCategory

    gen = generation(portal.slug)
    m = _maps.get(portal.pk)
    if m is not None and m.generation == gen and m.path == portal.path and time.monotonic() - m.loaded_at < map_seconds():
        return m
    below = {"path__startswith": portal.path, "depth__gt": portal.depth}
    columns = [Row(pk=pk, id=pk, title=t, slug=s, path=p, depth=d, url_path=u, live=lv, show_in_menus=menu, kind=k, article20_item=a or "")
               for pk, t, s, p, d, u, lv, menu, k, a in ColumnPage.objects.filter(**below).order_by("path").values_list(
                   "pk", "title", "slug", "path", "depth", "url_path", "live", "show_in_menus", "kind", "article20_item")]
    guides = [Row(pk=pk, id=pk, title=t, path=p, depth=d, url_path=u, article20_item="")
              for pk, t, p, d, u in GuidePage.objects.filter(live=True, **below).order_by("path").values_list("pk", "title", "path", "depth", "url_path")]
    topics = [Row(pk=pk, id=pk, name=n) for pk, n in TopicCategory.objects.values_list("pk", "name")]
    m = PortalMap(path=portal.path, depth=portal.depth, generation=gen, loaded_at=time.monotonic(), columns=columns, guides=guides, topics=topics)
    with _maps_lock:
        _maps[portal.pk] = m
    return m


def forget_portal_maps() -> None:
    """Drop every process-local map (tests that reset the database)."""
    with _maps_lock:
        _maps.clear()


# -- the lean pages' contexts ----------------------------------------------------------------


def lean_chrome(route: Route, m: PortalMap) -> dict[str, Any]:
    """page_chrome from the resolved route: breadcrumbs are the ancestors from the portal
    down to the parent, the menu comes from the map."""
    page, portal = route.page, route.portal
    assert portal is not None
    crumbs = [{"title": r.title, "url_path": r.url_path, "url": page_url(portal, r.url_path)} for r in route.chain if PORTAL_DEPTH <= r.depth < page.depth]  # type: ignore[arg-type]
    nav = [{"title": c.title, "url": f"/{portal.slug}/{c.slug}/", "active": page.path.startswith(c.path)} for c in m.nav]
    return {"page": page, "self": page, "portal": portal, "agency": route.agency, "crumbs": crumbs, "nav": nav}


def _list_sql(shapes: tuple[bool, ...], n: int, offset: int, vendor: str) -> str:
    """Live entries newest first from the search documents (indexed by column and date; they
    carry the date and 有效性 too): for each column its page of documents in a subquery (an
    index walk that stops at the page), then title and URL from the page table and the 文号 in
    a scalar subquery — the shape PostgreSQL plans fastest (a three-table join cost more to
    plan than to run). The page size and offset are written in (integers): a prepared
    statement's generic plan then knows it stops after a page."""
    from gongkai.publishing.models import SearchDoc

    doc, page, entry = SearchDoc._meta.db_table, Page._meta.db_table, CatalogEntry._meta.db_table
    ids = " UNION ALL ".join(
        f"SELECT * FROM (SELECT {b} AS blk, entry_id, published_on, validity FROM {doc} WHERE {_where(leaf, vendor)} "  # noqa: S608 (names from Meta)
        f"ORDER BY published_on DESC, entry_id DESC LIMIT {int(n)} OFFSET {int(offset)}) b{b}" for b, leaf in enumerate(shapes))
    return (f"SELECT d.blk, d.entry_id, p.title, p.url_path, d.published_on, d.validity, "  # noqa: S608 (names from Meta)
            f"(SELECT e.doc_no FROM {entry} e WHERE e.page_ptr_id = d.entry_id) FROM ({ids}) d "
            f"JOIN {page} p ON p.id = d.entry_id WHERE p.live ORDER BY d.blk, d.published_on DESC, d.entry_id DESC")


def _where(leaf: bool, vendor: str) -> str:
    """A column without sub-columns: its own documents (its date index). With sub-columns:
    the documents of it and every column below it, walking the agency's date index; on
    PostgreSQL the paths are an array parameter, which the planner estimates alike with or
    without the values, so the prepared statement keeps one generic plan (a LIKE on the path
    prefix was re-planned on every call: its estimate depends on the pattern)."""
    if leaf:
        return "column_path = %s"
    return ("column_path = ANY(%s::varchar[])" if vendor == "postgresql" else "column_path LIKE %s") + " AND agency_id = %s"


_LIST_SQL: dict[tuple[tuple[bool, ...], int, int, str], str] = {}


def entry_lists(columns: list[tuple[str, list[str] | None, int | None]], n: int, offset: int = 0) -> list[list[Row]]:
    """The newest ``n`` live entries (after ``offset``) of each column, given as (its path, the
    paths of the columns under it — None when there are none —, its agency; see
    ``PortalMap.list_spec``), in one query for all of them."""
    from django.db import connection

    out: list[list[Row]] = [[] for _ in columns]
    if not columns:
        return out
    shapes = tuple(under is None for _, under, _ in columns)
    key = (shapes, n, offset, connection.vendor)
    sql = _LIST_SQL.get(key) if offset == 0 else None
    if sql is None:
        sql = _list_sql(*key)
        if offset == 0:  # first pages are kept (and prepared); deeper pages are rarer and many
            _LIST_SQL[key] = sql
    params: list[Any] = []
    for path, under, agency_id in columns:
        if under is None:
            params.append(path)
        else:
            params += [under if connection.vendor == "postgresql" else path + "%", agency_id]
    name = f"gk_list_{''.join('c' if leaf else 't' for leaf in shapes)}_{int(n)}" if offset == 0 else None
    for blk, pk, title, url_path, published_on, validity, doc_no in _fetch(name, sql, params):
        out[blk].append(Row(pk=pk, id=pk, title=title, url_path=url_path, published_on=_date(published_on), validity=validity, doc_no=doc_no))
    return out


def column_total(column_pk: int, column_path: str, leaf: bool, agency_id: int | None, portal_slug: str) -> int:
    """Live entries of a column, counted once per publication (cached under the portal's generation)."""
    from django.core.cache import cache

    from gongkai.publishing.cache import generation
    from gongkai.publishing.models import SearchDoc

    key = f"gk:column-total:{generation(portal_slug)}:{column_pk}"
    total = cache.get(key)
    if total is None:
        qs = SearchDoc.objects.filter(column_path=column_path) if leaf else SearchDoc.objects.filter(column_path__startswith=column_path, agency_id=agency_id)
        total = qs.count()
        cache.set(key, total, 3600)
    return total


def rich_text(html: str) -> str:
    """A rich-text field with its internal links expanded as the ``richtext`` filter would
    (then the filter has nothing left to look up). Expanding costs a query or two per kind
    of link, so text with links is kept in the cache under the platform's generation, which
    every publication and unpublication anywhere bumps: a link never outlives its target's
    move or unpublication for longer than the page cache would."""
    if "linktype=" not in html:
        return html
    import hashlib

    from django.core.cache import cache
    from wagtail.rich_text import expand_db_html

    from gongkai.publishing.cache import generation

    key = f"gk:rich:{generation('')}:{hashlib.sha256(html.encode()).hexdigest()}"
    expanded = cache.get(key)
    if expanded is None:
        expanded = expand_db_html(html)
        cache.set(key, expanded, 600)
    return expanded


def lean_home(route: Route) -> dict[str, Any]:
    portal = route.portal
    assert portal is not None
    m = portal_map(portal)
    ctx = lean_chrome(route, m)
    shown = [m.by_kind[k] for k in (ColumnKind.NEWS, ColumnKind.NOTICES, ColumnKind.STATUTORY) if k in m.by_kind]
    lists = entry_lists([m.list_spec(c, portal.agency_id) for c in shown], 8)
    ctx["blocks"] = [{"column": c, "items": items} for c, items in zip(shown, lists, strict=True)]
    disclosure = m.by_kind.get(ColumnKind.DISCLOSURE)
    ctx["disclosure_columns"] = m.children(disclosure.path, guides=False) if disclosure else []
    ctx["guide"] = m.guides[0] if m.guides else None
    return ctx


def lean_column(route: Route, page_no: int) -> dict[str, Any]:
    portal, column = route.portal, route.page
    assert portal is not None
    m = portal_map(portal)
    ctx = lean_chrome(route, m)
    ctx["subcolumns"] = m.children(column.path)
    column.intro = rich_text(column.intro)
    leaf = m.is_leaf(column.path)
    total = column_total(column.pk, column.path, leaf, portal.agency_id, portal.slug)
    pages = max(1, min(MAX_LIST_PAGE, -(-total // LIST_PAGE_SIZE)))
    number = max(1, min(page_no, pages))
    items = entry_lists([m.list_spec(column, portal.agency_id)], LIST_PAGE_SIZE, (number - 1) * LIST_PAGE_SIZE)[0]
    ctx["entries"] = EntryPage(items, number, total, LIST_PAGE_SIZE)  # type: ignore[arg-type]
    if column.kind == ColumnKind.REPORTS:
        ctx["reports"] = annual_reports(route.agency) if route.agency else []
        ctx["reports_url"] = f"/gongkai/{route.agency.slug}/nianbao/" if route.agency else ""
    return ctx


def lean_entry(route: Route) -> dict[str, Any]:
    portal, entry = route.portal, route.page
    assert portal is not None and route.agency is not None
    ctx = lean_chrome(route, portal_map(portal))
    entry.publisher_name = entry.publisher or route.agency.name
    entry.body = rich_text(entry.body)
    ctx["attachments"] = entry.attachments
    ctx["interpretations"] = [Row(title=t, url_path=u) for t, u in Page.objects.filter(pk__in=entry.interpretation_ids, live=True).order_by("path").values_list("title", "url_path")] if entry.interpretation_ids else []
    ctx["interpreted"] = entry.interpreted
    ctx["column"] = route.chain[-2]
    return ctx


def lean_guide(route: Route) -> dict[str, Any]:
    assert route.portal is not None
    route.page.body = rich_text(route.page.body)
    return lean_chrome(route, portal_map(route.portal))
