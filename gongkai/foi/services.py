"""Read-side helpers: status and deadline of applications, with the configured rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from gongkai.foi.models import Application
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
    cal, cfg, day, period = current_calendar(), clock_config(), on or today(), correction_period()
    return [(a, derive(a.folded_state(), day, cal, cfg, correction_period=period)) for a in apps]
