"""Read side of 互联网+监管: configured grades, today, and the publication due date of results."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from gongkai.supervision.models import Inspection
from gongkai.supervision.rules import DEFAULT_GRADES, Grade, check_grades
from gongkai.workdays.services import current_calendar


def today() -> dt.date:
    return timezone.localdate()


def grades() -> tuple[Grade, ...]:
    """The configured grades (settings.GONGKAI_SUPERVISION_GRADES), best first."""
    configured = getattr(settings, "GONGKAI_SUPERVISION_GRADES", None)
    out = tuple(Grade(code, label, int(share)) for code, label, share in configured) if configured else DEFAULT_GRADES
    check_grades(out)
    return out


def grade_label(code: str) -> str:
    return next((f"{g.code} {g.label}" for g in grades() if g.code == code), code)


def publish_workdays() -> int:
    return int(settings.GONGKAI_RULES["inspection_publish_workdays"])


def publish_due(inspection: Inspection) -> dt.date | None:
    """The day by which an inspection's result should be public (counted on the calendar)."""
    if inspection.inspected_on is None:
        return None
    return current_calendar().add_workdays(inspection.inspected_on, publish_workdays())


def publication_overdue(inspection: Inspection, on: dt.date | None = None) -> bool:
    due = publish_due(inspection)
    return due is not None and inspection.published_on is None and (on or today()) > due
