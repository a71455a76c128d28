"""Read-side helpers: status and deadline of applications, with the configured rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils import timezone

from gongkai.foi.models import Application, state_from_json
from gongkai.foi.rules import clock
from gongkai.foi.rules.status import Status, derive
from gongkai.workdays.rules import TableCalendar
from gongkai.workdays.services import current_calendar


def clock_config() -> clock.ClockConfig:
    rules = settings.GONGKAI_RULES
    return clock.ClockConfig(
        fee_period_stops_clock=rules["fee_period_stops_clock"],
        due_soon_workdays=rules["due_soon_workdays"],
    )


def correction_period() -> int:
    return int(settings.GONGKAI_RULES["correction_period_workdays"])


def today() -> dt.date:
    return timezone.localdate()


def status_of(app: Application, *, cal: TableCalendar | None = None, on: dt.date | None = None, explain: bool = False) -> Status:
    return derive(
        app.folded_state(),
        on or today(),
        cal or current_calendar(),
        clock_config(),
        correction_period=correction_period(),
        explain=explain,
    )


def with_status(apps: Iterable[Application], *, on: dt.date | None = None) -> list[tuple[Application, Status]]:
    rows = [(a.pk, a.events_folded, a.state) for a in apps]
    by_pk = statuses(rows, on=on)
    return [(a, by_pk[a.pk]) for a in apps]


# Memo of derived statuses. A status is a pure function of (the application's folded
# events, the calendar version, the configuration, today); the key holds all of them, so
# an entry can never be stale — a new event, a calendar edit or a new day is a new key.
# This spares the workbench re-deriving hundreds of open applications on every request.
_MEMO: dict[tuple[Any, ...], Status] = {}
_MEMO_LIMIT = 200_000


def statuses(rows: Iterable[tuple[int, int, dict[str, Any] | None]], *, on: dt.date | None = None, load: Any = None) -> dict[int, Status]:
    """{pk: status} for rows of (pk, events_folded, state JSON or None).

    Rows may omit the state (None) when ``load`` is given: ``load(pks)`` returns
    {pk: state JSON} for the rows missing from the memo, so a warm request reads only
    two integers per application from the database.
    """
    cal, cfg, day, period = current_calendar(), clock_config(), on or today(), correction_period()
    context = (cal.version, cfg, day, period)
    out: dict[int, Status] = {}
    missing: dict[int, int] = {}
    states: dict[int, Any] = {}
    for pk, folded, state in rows:
        st = _MEMO.get((pk, folded, context))
        if st is not None:
            out[pk] = st
        else:
            missing[pk] = folded
            if state is not None:
                states[pk] = state
    if missing and load is not None:
        states.update(load([pk for pk in missing if pk not in states]))
    for pk, folded in missing.items():
        st = derive(state_from_json(states[pk]), day, cal, cfg, correction_period=period)
        if len(_MEMO) >= _MEMO_LIMIT:
            _MEMO.clear()
        _MEMO[(pk, folded, context)] = st
        out[pk] = st
    return out


def open_statuses(queryset: Any) -> dict[int, Status]:
    """Statuses of the open applications of ``queryset`` (memoised; see ``statuses``)."""
    open_qs = queryset.filter(concluded_on__isnull=True)
    rows = [(pk, folded, None) for pk, folded in open_qs.values_list("pk", "events_folded")]
    return statuses(rows, load=lambda pks: dict(Application.objects.filter(pk__in=pks).values_list("pk", "state")))


def forget_statuses() -> None:
    """Drop the memo (after a projection was rebuilt without a new event, and in tests)."""
    _MEMO.clear()
