"""Read side of 办件: status and time limits on the calendar in force, and the configured rules."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from gongkai.service_catalog.models import Case
from gongkai.service_catalog.rules.cases import Decision, Status, derive
from gongkai.workdays.rules import TableCalendar
from gongkai.workdays.services import current_calendar


def today() -> dt.date:
    return timezone.localdate()


def acceptance_workdays() -> int:
    return int(settings.GONGKAI_RULES["service_acceptance_workdays"])


def published_types() -> tuple[str, ...]:
    return tuple(settings.GONGKAI_RULES["service_publish_types"])


def counted_decisions() -> tuple[Decision, ...]:
    """Which decisions 表二 counts as 行政许可 处理决定 (catalog-metadata.md §7: UNVERIFIED)."""
    return tuple(Decision(v) for v in settings.GONGKAI_RULES["licensing_decisions_counted"])


def status_of(case: Case, *, cal: TableCalendar | None = None, on: dt.date | None = None) -> Status:
    """Status and time limits, computed on the same calendar as the 依申请公开 clock."""
    return derive(case.folded_state(), on or today(), cal or current_calendar(), acceptance_workdays=acceptance_workdays())
