"""Search over live catalogue entries in Chinese (see rules/search.py for the terms).

PostgreSQL: ``bigrams @> ARRAY[codes]`` on a GIN index, then ``strpos`` on the normalised
text for phrases of three or more characters (the codes say the pairs are present, the
substring says they are adjacent). SQLite: an FTS5 phrase query over the bigram token
document (adjacent tokens = adjacent pairs), no substring check needed.

The count is exact up to ``COUNT_CAP``; beyond it the page says "超过N条" (counting every
match of a common word such as 工作 at a million entries costs more than the search).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet
from wagtail.models import Page

from gongkai.publishing.models import CatalogEntry, SearchDoc
from gongkai.publishing.rules import search as rules

PAGE_SIZE = 20
COUNT_CAP = 1000
MAX_PAGE = COUNT_CAP // PAGE_SIZE
# PostgreSQL: a query whose rarest bigram is in at most this many documents is answered from
# the GIN index and sorted (fast when few match); a query of only common bigrams walks the
# date index newest first and stops at the page (fast when many match). The planner cannot
# choose well itself: it multiplies the bigrams' frequencies as if independent, and the
# bigrams of one word are anything but.
DENSE_ROWS = 3000
STATS_SECONDS = 600


@dataclass(frozen=True)
class Filters:
    column_path: str = ""  # a column's tree path: entries of it and of its sub-columns
    year: int | None = None
    topic_id: int | None = None
    genre: str = ""
    validity: str = ""


class Hit:
    """A result as the results page reads it: the entry's fields it shows (a model instance
    each cost the page more than the search's own query)."""

    FIELDS = ("pk", "title", "url_path", "published_on", "doc_no", "genre", "validity", "summary", "body")
    __slots__ = FIELDS

    def __init__(self, *values: object) -> None:
        for name, value in zip(self.FIELDS, values, strict=True):
            setattr(self, name, value)

    def __repr__(self) -> str:
        return f"<Hit {self.pk} {self.title}>"


@dataclass
class Result:
    query: rules.Query
    entries: list[Hit] = field(default_factory=list)
    count: int = 0
    capped: bool = False
    page: int = 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // PAGE_SIZE))


def _filtered(agency_ids: list[int], f: Filters) -> QuerySet[SearchDoc]:
    qs = SearchDoc.objects.filter(agency_id__in=agency_ids)
    if f.column_path:
        qs = qs.filter(column_path__startswith=f.column_path)
    if f.year:
        qs = qs.filter(published_on__gte=dt.date(f.year, 1, 1), published_on__lte=dt.date(f.year, 12, 31))
    if f.topic_id:
        qs = qs.filter(topic_id=f.topic_id)
    if f.genre:
        qs = qs.filter(genre=f.genre)
    if f.validity:
        qs = qs.filter(validity=f.validity)
    return qs


def matching(agency_ids: list[int], query: rules.Query, f: Filters = Filters()) -> QuerySet[SearchDoc]:
    """Search documents matching every phrase of ``query`` (unordered)."""
    qs = _filtered(agency_ids, f)
    if not query.searchable:
        return qs.none()
    if connection.vendor == "postgresql":
        where, params = ["bigrams @> %s::integer[]"], [query.lookup_codes()]
        for ph in query.phrases:
            if query.needs_substring_check(ph):
                where.append("strpos(text, %s) > 0")
                params.append(ph)
        for ch in query.short:
            where.append("strpos(text, %s) > 0")
            params.append(ch)
        return qs.extra(where=where, params=params)  # noqa: S610 (parameters bound by the driver)
    where = ["publishing_searchdoc.entry_id IN (SELECT rowid FROM publishing_searchdoc_fts WHERE publishing_searchdoc_fts MATCH %s)"]
    params = [query.fts_match()]
    for ch in query.short:
        where.append("instr(text, %s) > 0")
        params.append(ch)
    return qs.extra(where=where, params=params)  # noqa: S610


_stats_lock = threading.Lock()
_stats: tuple[float, dict[int, float], float] | None = None


def _element_frequencies() -> tuple[dict[int, float], float]:
    """PostgreSQL's own statistics of the bigram column: {code: share of documents} for the
    most common codes (up to 10,000 at statistics target 1000), and the number of rows."""
    global _stats
    now = time.monotonic()
    if _stats is not None and now - _stats[0] < STATS_SECONDS:
        return _stats[1], _stats[2]
    with _stats_lock, connection.cursor() as cur:
        cur.execute(
            "SELECT most_common_elems::text::integer[], most_common_elem_freqs FROM pg_stats "
            "WHERE tablename = 'publishing_searchdoc' AND attname = 'bigrams'"
        )
        row = cur.fetchone()
        cur.execute("SELECT reltuples FROM pg_class WHERE relname = 'publishing_searchdoc'")
        rows = max(0.0, float(cur.fetchone()[0]))
    freqs = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
    _stats = (now, freqs, rows)
    return freqs, rows


def is_dense(codes: list[int]) -> bool:
    """True when even the rarest bigram of the query is in many documents (PostgreSQL)."""
    freqs, rows = _element_frequencies()
    return bool(codes) and min(freqs.get(c, 0.0) for c in codes) * rows > DENSE_ROWS


def _where(agency_ids: list[int], query: rules.Query, f: Filters) -> tuple[str, list[object]]:
    """``matching``'s conditions as SQL written by hand (the ORM took longer to build the
    statement than PostgreSQL took to run it): the same columns, operators and order."""
    where = [f"agency_id IN ({', '.join(['%s'] * len(agency_ids))})"]
    params: list[object] = list(agency_ids)
    if f.column_path:
        where.append("column_path LIKE %s ESCAPE '\\'")
        params.append(f.column_path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if f.year:
        where.append("published_on >= %s AND published_on <= %s")
        params += [dt.date(f.year, 1, 1), dt.date(f.year, 12, 31)]
    for column, value in (("topic_id", f.topic_id), ("genre", f.genre), ("validity", f.validity)):
        if value:
            where.append(f"{column} = %s")
            params.append(value)
    if connection.vendor == "postgresql":
        where.append("bigrams @> %s::integer[]")
        params.append(query.lookup_codes())
        for ph in query.phrases:
            if query.needs_substring_check(ph):
                where.append("strpos(text, %s) > 0")
                params.append(ph)
        check = "strpos(text, %s) > 0"
    else:
        fts = SearchDoc._meta.db_table + "_fts"
        where.append(f"entry_id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)")  # noqa: S608 (names from Meta)
        params.append(query.fts_match())
        check = "instr(text, %s) > 0"
    for ch in query.short:
        where.append(check)
        params.append(ch)
    return " AND ".join(where), params


def _raw_ids(where: str, params: list[object], offset: int, limit: int, plan: str, ordered: bool = True) -> list[int]:
    """Entry ids of the matching documents (newest first when ``ordered``); on PostgreSQL
    under the planner settings of ``plan``."""
    sql = (f"SELECT entry_id FROM {SearchDoc._meta.db_table} WHERE {where}"  # noqa: S608 (names from Meta, values bound)
           + (" ORDER BY published_on DESC, entry_id DESC" if ordered else "") + f" LIMIT {int(limit)} OFFSET {int(offset)}")
    if connection.vendor != "postgresql":
        with connection.cursor() as cur:
            cur.execute(sql, params)
            return [r[0] for r in cur.fetchall()]
    settings = _plan_settings(plan)
    if connection.in_atomic_block or connection.settings_dict.get("OPTIONS", {}).get("server_side_binding"):
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(_SET_SQL[len(settings)], settings)
            cur.execute(sql, params)
            return [r[0] for r in cur.fetchall()]
    # Outside a transaction: the settings and the search as ONE query string, which
    # PostgreSQL runs as one implicit transaction (so ``set_config(…, true)`` ends with it),
    # planning each statement after the one before has run — one round trip instead of
    # BEGIN, the settings, the search and COMMIT. The driver binds the values on the client
    # and sends the string with the simple query protocol (not with server-side binding,
    # which takes one statement: then the transaction above).
    with connection.cursor() as cur:
        cur.execute(_SET_SQL[len(settings)] + "; " + sql, [*settings, *params])
        cur.nextset()
        return [r[0] for r in cur.fetchall()]


Fetch = Callable[[str | None, str, list[Any]], list[tuple[Any, ...]]]


def _plain(name: str | None, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def _hits(ids: list[int], fetch: Fetch) -> list[Hit]:
    """The entries' shown fields, in the order of ``ids``: on PostgreSQL one statement for any
    number of ids, which ``fetch`` may prepare (the public page passes the lean path's)."""
    if not ids:
        return []
    page, entry = Page._meta.db_table, CatalogEntry._meta.db_table
    select = (f"SELECT e.page_ptr_id, p.title, p.url_path, e.published_on, e.doc_no, e.genre, e.validity, e.summary, e.body "  # noqa: S608 (names from Meta)
              f"FROM {entry} e JOIN {page} p ON p.id = e.page_ptr_id WHERE e.page_ptr_id ")
    if connection.vendor == "postgresql":
        rows = fetch("gk_search_hits", select + "= ANY(%s::integer[])", [ids])
    else:
        rows = fetch(None, select + f"IN ({', '.join(['%s'] * len(ids))})", list(ids))
    by_id = {r[0]: Hit(r[0], r[1], r[2], _date(r[3]), *r[4:]) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def _date(value: Any) -> dt.date | None:
    """A DATE column as the driver returns it (SQLite: text)."""
    return value if value is None or isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _plan_settings(plan: str) -> list[str]:
    """"walk": the date index, newest first, filtering as it goes; "bitmap": the GIN index,
    then a top-N sort. No JIT or parallel workers: they cost more than these queries take.
    Names and values for ``_SET_SQL`` (``set_config(…, true)`` is SET LOCAL)."""
    settings = [("jit", "off"), ("max_parallel_workers_per_gather", "0")]
    if plan == "walk":
        settings += [("enable_bitmapscan", "off"), ("enable_seqscan", "off"), ("enable_sort", "off")]
    else:
        settings += [("enable_indexscan", "off")]
    return [v for pair in settings for v in pair]


# the planner settings in one statement (a round trip each cost more than the settings)
_SET_SQL = {2 * n: "SELECT " + ", ".join(["set_config(%s, %s, true)"] * n) for n in (3, 5)}


def _set_plan(cur: object, plan: str) -> None:
    settings = _plan_settings(plan)
    cur.execute(_SET_SQL[len(settings)], settings)  # type: ignore[attr-defined]


def _plan(query: rules.Query) -> str:
    return "walk" if connection.vendor == "postgresql" and is_dense(query.lookup_codes()) else "bitmap"


def search(agency_ids: list[int], q: str, f: Filters = Filters(), page: int = 1, count_key: str = "", fetch: Fetch = _plain) -> Result:
    """``count_key``: where the capped count may be kept (the caller's key must change whenever
    the documents searched do: the public search page puts the portal's generation in it).
    Entries are ``Hit``s: the fields the results page shows, read by ``fetch`` (name, SQL, values)."""
    from django.core.cache import cache

    query = rules.parse_query(q)
    result = Result(query=query, page=max(1, min(page, MAX_PAGE)))
    if not query.searchable:
        return result
    where, params = _where(agency_ids, query, f)
    offset = (result.page - 1) * PAGE_SIZE
    ids = _raw_ids(where, params, offset, PAGE_SIZE, _plan(query))
    if len(ids) < PAGE_SIZE and (ids or offset == 0):
        result.count = offset + len(ids)
    else:
        counted = cache.get(count_key) if count_key else None
        if counted is None:
            counted = len(_raw_ids(where, params, 0, COUNT_CAP + 1, "bitmap", ordered=False))
            if count_key:
                cache.set(count_key, counted, 3600)
        result.capped = counted > COUNT_CAP
        result.count = min(counted, COUNT_CAP)
    result.entries = _hits(ids, fetch)
    return result


def explain(agency_ids: list[int], q: str, f: Filters = Filters()) -> str:
    """The plan of a query's first page as ``search`` runs it (PostgreSQL; for the benchmark)."""
    query = rules.parse_query(q)
    plan = _plan(query)
    qs = matching(agency_ids, query, f).order_by("-published_on", "-entry_id").values_list("entry_id", flat=True)[:PAGE_SIZE]
    with transaction.atomic(), connection.cursor() as cur:
        _set_plan(cur, plan)
        return f"{plan}: " + qs.explain(analyze=True)


def snippet(entry: Hit, phrases: tuple[str, ...], width: int = 80) -> str:
    """A piece of the entry's summary and body around the first phrase found (the metadata
    box already shows the rest)."""
    text = " ".join(f"{entry.summary} {_text_of(entry.body or '')}".split())
    norm = _normalise(text)
    at = next((norm.find(ph) for ph in phrases if norm.find(ph) >= 0), -1)
    start = max(0, at - width // 3) if at >= 0 and len(norm) == len(text) else 0
    return ("…" if start else "") + text[start : start + width] + ("…" if start + width < len(text) else "")


# A plain tag (a name, attributes whose values hold no angle brackets); what is left in the
# text after removing these is checked, and anything else goes to Django's ``strip_tags``.
_TAG = re.compile(r"""</?[a-zA-Z][^\s/>]*(?:\s+[^\s"'=<>/]+(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))?)*\s*/?>""")
_RAW_TEXT = re.compile(r"<(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)", re.IGNORECASE)
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
_COMMON_FULL_WIDTH = [(ch, chr(ord(ch) - 0xFEE0)) for ch in "，：；（）！？"]


def _text_of(html: str) -> str:
    """``strip_tags(html)`` without its HTML parser for rich text of plain tags (the parser
    took longer than the search): the same text whenever the shortcut applies — no ``<``
    left, no ``&`` (the parser rewrites some entities), no element whose content is raw text."""
    from django.utils.html import strip_tags

    if "<" not in html:
        return html
    if "&" in html or _RAW_TEXT.search(html):
        return strip_tags(html)
    text = _TAG.sub("", html)
    return text if "<" not in text and ">" not in text else strip_tags(html)


def _normalise(text: str) -> str:
    """``rules.normalise`` with a shortcut for Chinese text, whose full-width punctuation
    (，：；) defeats NFKC's quick check: those characters (and the ideographic space) are
    mapped as NFKC maps them, and if the result passes the quick check it is NFKC's result."""
    import unicodedata

    mapped = text
    for ch, ascii_ch in _COMMON_FULL_WIDTH:  # str.replace is far cheaper than a call per match
        if ch in mapped:
            mapped = mapped.replace(ch, ascii_ch)
    if _FULL_WIDTH.search(mapped):
        mapped = _FULL_WIDTH.sub(lambda m: " " if m.group() == "\u3000" else chr(ord(m.group()) - 0xFEE0), mapped)
    if not unicodedata.is_normalized("NFKC", mapped):
        return rules.normalise(text)
    return " ".join(mapped.lower().split())
