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
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import QuerySet

from gongkai.publishing.models import CatalogEntry, SearchDoc
from gongkai.publishing.rules import search as rules

PAGE_SIZE = 20
COUNT_CAP = 1000
MAX_PAGE = COUNT_CAP // PAGE_SIZE


@dataclass(frozen=True)
class Filters:
    column_path: str = ""  # a column's tree path: entries of it and of its sub-columns
    year: int | None = None
    topic_id: int | None = None
    genre: str = ""
    validity: str = ""


@dataclass
class Result:
    query: rules.Query
    entries: list[CatalogEntry] = field(default_factory=list)
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


def search(agency_ids: list[int], q: str, f: Filters = Filters(), page: int = 1) -> Result:
    query = rules.parse_query(q)
    result = Result(query=query, page=max(1, min(page, MAX_PAGE)))
    if not query.searchable:
        return result
    qs = matching(agency_ids, query, f).order_by("-published_on", "-entry_id")
    offset = (result.page - 1) * PAGE_SIZE
    ids = list(qs.values_list("entry_id", flat=True)[offset : offset + PAGE_SIZE])
    if len(ids) < PAGE_SIZE and (ids or offset == 0):
        result.count = offset + len(ids)
    else:
        result.count = len(qs.values_list("entry_id", flat=True)[: COUNT_CAP + 1])
        result.capped = result.count > COUNT_CAP
        result.count = min(result.count, COUNT_CAP)
    by_id = {e.pk: e for e in CatalogEntry.objects.filter(pk__in=ids).select_related("topic")}
    result.entries = [by_id[i] for i in ids if i in by_id]
    return result


def explain(agency_ids: list[int], q: str, f: Filters = Filters()) -> str:
    """The database's plan for a query (for the benchmark and for tuning)."""
    qs = matching(agency_ids, rules.parse_query(q), f).order_by("-published_on", "-entry_id").values_list("entry_id", flat=True)[:PAGE_SIZE]
    return qs.explain()


def snippet(text: str, phrases: tuple[str, ...], width: int = 80) -> str:
    """A piece of the normalised text around the first phrase found."""
    for ph in phrases:
        i = text.find(ph)
        if i >= 0:
            start = max(0, i - width // 3)
            return ("…" if start else "") + text[start : start + width] + ("…" if start + width < len(text) else "")
    return text[:width]
