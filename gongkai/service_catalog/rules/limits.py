"""Time limits of a 办件 on the working-day calendar. Pure.

- 行政许可法第八十二条: the licensing periods are working days, statutory holidays excluded.
  We count them on the same ``TableCalendar`` as the 依申请公开 clock (workdays.rules).
- 行政许可法第四十二条: the decision is due within 20 days *from* acceptance; as for the
  reply clock (民法典第二百零一条) the day of acceptance is day 0 and counting starts the
  next day. A period of 0 working days (即办件) falls due on day 0 itself.
- 行政许可法第四十五条: time taken by 听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审 is not
  counted. Such a pause is the half-open interval (S, E]: S = the day it started, E = the
  day it ended (or today while it runs); the working days inside it are not counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from gongkai.workdays.rules import TableCalendar, merge_intervals


def due_date(cal: TableCalendar, day0: dt.date, workdays: int, pauses: Iterable[tuple[dt.date, dt.date]] = ()) -> dt.date:
    """The day a period of ``workdays`` working days from ``day0`` falls due.

    Working days inside a pause (S, E] are not counted. ``workdays == 0`` is due on day 0.
    """
    if workdays < 0:
        raise ValueError("workdays must not be negative")
    if workdays == 0:
        return day0
    left, at = workdays, day0
    for start, end in merge_intervals(pauses):
        if end <= at:
            continue
        if start > at:
            available = cal.workdays_between(at, start)
            if available >= left:
                return cal.add_workdays(at, left)
            left -= available
        at = max(at, end)
    return cal.add_workdays(at, left)


def workdays_left(cal: TableCalendar, today: dt.date, due: dt.date) -> int:
    """Working days from today until the due day (0 on the due day; negative once late:
    −n means n working days have passed since)."""
    return cal.workdays_between(today, due)
