"""Build the pure calendar from the database, cached per process and refreshed on change."""

from __future__ import annotations

import threading
import time

from django.db.models import Count, Max

from gongkai.workdays.models import CalendarYear, DayKind, DayOverride, OrdinalState, WorkdayOrdinal
from gongkai.workdays.rules import TABLE_FIRST_YEAR, TABLE_LAST_YEAR, TableCalendar

_lock = threading.Lock()
_cached: tuple[str, TableCalendar] | None = None
_checked_at = 0.0
# How long a process trusts its cached calendar before asking the database for its version.
RECHECK_SECONDS = 2.0


def _version() -> str:
    agg = CalendarYear.objects.aggregate(n=Count("id"), at=Max("updated_at"))
    return f"{agg['n']}:{agg['at'].isoformat() if agg['at'] else '-'}"


def build_calendar() -> TableCalendar:
    holidays, workdays = {}, {}
    for date, kind, name in DayOverride.objects.values_list("date", "kind", "name"):
        (holidays if kind == DayKind.HOLIDAY else workdays)[date] = name
    years = frozenset(CalendarYear.objects.values_list("year", flat=True))
    return TableCalendar(holidays, workdays, years, version=_version())


def current_calendar() -> TableCalendar:
    """The calendar in force. Changes made by any process show within RECHECK_SECONDS."""
    global _cached, _checked_at
    now = time.monotonic()
    if _cached is not None and now - _checked_at < RECHECK_SECONDS:
        return _cached[1]
    version = _version()
    with _lock:
        if _cached is None or _cached[0] != version:
            cal = build_calendar()
            _cached = (cal.version, cal)
        _checked_at = now
        return _cached[1]


def invalidate() -> None:
    global _cached
    _cached = None


def missing_next_year(today) -> int | None:  # type: ignore[no-untyped-def]
    """From November on, next year's calendar should be loaded; return the year if missing."""
    if today.month >= 11 and not CalendarYear.objects.filter(year=today.year + 1).exists():
        return today.year + 1
    return None


def refresh_ordinals(cal: TableCalendar | None = None) -> None:
    """Rebuild the ordinal table from the calendar. Called by every calendar operation in
    its transaction (and on demand by ``ensure_ordinals``)."""
    import datetime as dt

    from django.db import transaction

    cal = cal or build_calendar()
    first, last = dt.date(TABLE_FIRST_YEAR, 1, 1), dt.date(TABLE_LAST_YEAR, 12, 31)
    rows = []
    day, prev = first, cal.workday_ordinal(first - dt.timedelta(days=1))
    while day <= last:
        o = cal.workday_ordinal(day)
        rows.append(WorkdayOrdinal(day=day, ord=o, ord_before=prev))
        prev = o
        day += dt.timedelta(days=1)
    with transaction.atomic():
        WorkdayOrdinal.objects.all().delete()
        WorkdayOrdinal.objects.bulk_create(rows, batch_size=2000)
        OrdinalState.objects.all().delete()
        OrdinalState.objects.create(version=cal.version)


def ensure_ordinals() -> TableCalendar:
    """The current calendar, with the ordinal table rebuilt first if it lags behind it."""
    cal = current_calendar()
    state = OrdinalState.objects.first()
    if state is None or state.version != cal.version:
        refresh_ordinals(cal)
    return cal
