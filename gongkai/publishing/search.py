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
import threading
import time
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import QuerySet

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


def _ids(qs: QuerySet[SearchDoc], offset: int, limit: int, plan: str) -> list[int]:
    if connection.vendor != "postgresql":
        return list(qs.values_list("entry_id", flat=True)[offset : offset + limit])
    with transaction.atomic(), connection.cursor() as cur:
        _set_plan(cur, plan)
        return list(qs.values_list("entry_id", flat=True)[offset : offset + limit])


def _set_plan(cur: object, plan: str) -> None:
    """"walk": the date index, newest first, filtering as it goes; "bitmap": the GIN index,
    then a top-N sort. No JIT or parallel workers: they cost more than these queries take.
    One statement (``set_config(…, true)`` is SET LOCAL): a round trip each cost more than
    the settings."""
    settings = [("jit", "off"), ("max_parallel_workers_per_gather", "0")]
    if plan == "walk":
        settings += [("enable_bitmapscan", "off"), ("enable_seqscan", "off"), ("enable_sort", "off")]
    else:
        settings += [("enable_indexscan", "off")]
    cur.execute("SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(settings)), [v for pair in settings for v in pair])  # type: ignore[attr-defined]


def _plan(query: rules.Query) -> str:
    return "walk" if connection.vendor == "postgresql" and is_dense(query.lookup_codes()) else "bitmap"


def search(agency_ids: list[int], q: str, f: Filters = Filters(), page: int = 1, count_key: str = "") -> Result:
    """``count_key``: where the capped count may be kept (the caller's key must change whenever
    the documents searched do: the public search page puts the portal's generation in it).
    Entries are ``Hit``s: the fields the results page shows."""
    from django.core.cache import cache

    query = rules.parse_query(q)
    result = Result(query=query, page=max(1, min(page, MAX_PAGE)))
    if not query.searchable:
        return result
    qs = matching(agency_ids, query, f).order_by("-published_on", "-entry_id")
    offset = (result.page - 1) * PAGE_SIZE
    ids = _ids(qs, offset, PAGE_SIZE, _plan(query))
    if len(ids) < PAGE_SIZE and (ids or offset == 0):
        result.count = offset + len(ids)
    else:
        counted = cache.get(count_key) if count_key else None
        if counted is None:
            counted = len(_ids(qs.order_by(), 0, COUNT_CAP + 1, "bitmap"))
            if count_key:
                cache.set(count_key, counted, 3600)
        result.capped = counted > COUNT_CAP
        result.count = min(counted, COUNT_CAP)
    by_id = {row[0]: Hit(*row) for row in CatalogEntry.objects.filter(pk__in=ids).values_list(*Hit.FIELDS)}
    result.entries = [by_id[i] for i in ids if i in by_id]
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
    from django.utils.html import strip_tags

    text = " ".join(f"{entry.summary} {strip_tags(entry.body or '')}".split())
    norm = rules.normalise(text)
    at = next((norm.find(ph) for ph in phrases if norm.find(ph) >= 0), -1)
    start = max(0, at - width // 3) if at >= 0 and len(norm) == len(text) else 0
    return ("…" if start else "") + text[start : start + width] + ("…" if start + width < len(text) else "")
