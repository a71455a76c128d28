"""条例第二十六条: publish within 20 working days of the information being formed or changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

# 条例第二十六条: "自该政府信息形成或者变更之日起20个工作日内" (unless a law sets another period).
STATUTORY_WORKDAYS = 20


class Calendar(Protocol):
    def workdays_between(self, after: dt.date, until: dt.date) -> int: ...


@dataclass(frozen=True)
class Timeliness:
    workdays_taken: int  # working days after the formation day up to and including publication
    limit: int

    @property
    def late(self) -> bool:
        return self.workdays_taken > self.limit

    @property
    def days_late(self) -> int:
        return max(0, self.workdays_taken - self.limit)


def timeliness(formed_on: dt.date, published_on: dt.date, calendar: Calendar, limit: int = STATUTORY_WORKDAYS) -> Timeliness:
    """The formation day is day 0 (民法典第二百零一条: the first day is not counted); publication on
    the 20th working day after it is on time, on the 21st it is late. Publication before the
    formation date (a data-entry error) counts as 0 days."""
    taken = calendar.workdays_between(formed_on, published_on) if published_on > formed_on else 0
    return Timeliness(taken, limit)
