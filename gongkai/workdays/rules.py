"""Working-day arithmetic on the Chinese calendar. Pure: no Django import.

A working day (工作日) is Monday–Friday unless it is a statutory holiday, plus the
officially announced make-up working days (调休上班日) — ledger-format.md §5. The
calendar of each year is data (the State Council's annual holiday notice); years not
loaded fall back to the weekday rule and make any result that touches them provisional.

Counting is done on precomputed ordinals so that a deadline costs a few list lookups:
``_cum[i]`` is the number of working days on or before day ``i`` of the table (2000–2060);
dates outside the table are counted day by day from its edge, never wrapped around.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")

# The table spans these years; dates outside it are counted day by day from its edge (slow path).
TABLE_FIRST_YEAR = 2000
TABLE_LAST_YEAR = 2060


@dataclass(frozen=True)
class DaySpan:
    """A run of consecutive days with the same treatment, for explanations."""

    start: dt.date
    end: dt.date
    kind: str  # "counted" | "weekend" | "holiday" | "paused"
    label: str
    first_count: int = 0  # for "counted" spans: the ordinal of the first day counted
    last_count: int = 0


@dataclass(frozen=True, eq=False)
class TableCalendar:
    """A working-day calendar: weekday rule plus dated overrides for the loaded years.

    ``holidays`` maps every day off of a statutory holiday block (weekends inside it too)
    to its name; ``makeup_workdays`` maps each 调休上班日 to the holiday it makes up for.
    """

    holidays: Mapping[dt.date, str] = field(default_factory=dict)
    makeup_workdays: Mapping[dt.date, str] = field(default_factory=dict)
    loaded_years: frozenset[int] = frozenset()
    version: str = ""

    def __post_init__(self) -> None:
        base = dt.date(TABLE_FIRST_YEAR, 1, 1).toordinal()
        end = dt.date(TABLE_LAST_YEAR, 12, 31).toordinal()
        cumulative: list[int] = []
        workday_list: list[int] = []  # day numbers (date.toordinal) of working days, ascending
        count = 0
        for n in range(base, end + 1):
            if self._rule(dt.date.fromordinal(n)):
                count += 1
                workday_list.append(n)
            cumulative.append(count)
        object.__setattr__(self, "_base", base)
        object.__setattr__(self, "_end", end)
        object.__setattr__(self, "_cum", cumulative)
        object.__setattr__(self, "_workdays", workday_list)

    # -- the rule ---------------------------------------------------------------------
    def _rule(self, day: dt.date) -> bool:
        if day in self.makeup_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def is_workday(self, day: dt.date) -> bool:
        return self._rule(day)

    def is_loaded(self, year: int) -> bool:
        return year in self.loaded_years

    def describe(self, day: dt.date) -> str:
        """Why a day is or is not a working day, in Chinese."""
        wd = WEEKDAY_NAMES[day.weekday()]
        if day in self.makeup_workdays:
            return f"{wd}，{self.makeup_workdays[day]}调休上班日"
        if day in self.holidays:
            return f"{wd}，{self.holidays[day]}假期"
        if day.weekday() >= 5:
            return f"{wd}，周末"
        if day.year not in self.loaded_years:
            return f"{wd}（{day.year}年日历未载入，暂按工作日计）"
        return wd

    def off_reason(self, day: dt.date) -> str:
        """Why a day off is off, without the weekday: "国庆节假期" or "周末"."""
        if day in self.holidays:
            return f"{self.holidays[day]}假期"
        return "周末"

    # -- ordinals ---------------------------------------------------------------------
    # ``workday_ordinal`` is total: inside the table it is a lookup; before the table it is
    # minus the working days between the date and the table's start; after it, the table's
    # last ordinal plus the working days since. So ord(b) - ord(a) is always the number of
    # working days d with a < d <= b, whatever the dates (the slow part is only ever the
    # stretch outside 2000–2060, counted day by day).
    def _in_table(self, day: dt.date) -> bool:
        return self._base <= day.toordinal() <= self._end  # type: ignore[attr-defined]

    def workday_ordinal(self, day: dt.date) -> int:
        """Number of working days from the table's start up to and including ``day``."""
        n = day.toordinal()
        base, end = self._base, self._end  # type: ignore[attr-defined]
        if n < base:
            return -sum(self._rule(dt.date.fromordinal(i)) for i in range(n + 1, base))
        if n > end:
            return self._cum[-1] + sum(self._rule(dt.date.fromordinal(i)) for i in range(end + 1, n + 1))  # type: ignore[attr-defined]
        return self._cum[n - base]  # type: ignore[attr-defined]

    def nth_workday(self, ordinal: int) -> dt.date:
        """The working day whose ordinal is ``ordinal`` (1 = the first working day of the table)."""
        workdays = self._workdays  # type: ignore[attr-defined]
        if 1 <= ordinal <= len(workdays):
            return dt.date.fromordinal(workdays[ordinal - 1])
        if ordinal > len(workdays):
            d, o = dt.date.fromordinal(self._end), len(workdays)  # type: ignore[attr-defined]
            while o < ordinal:
                d += dt.timedelta(days=1)
                o += self._rule(d)
            return d
        # ordinal <= 0: walk back from the day before the table, whose ordinal is 0.
        d, o = dt.date.fromordinal(self._base - 1), 0  # type: ignore[attr-defined]
        while True:
            if self._rule(d):
                if o == ordinal:
                    return d
                o -= 1
            d -= dt.timedelta(days=1)

    def workdays_between(self, after: dt.date, until: dt.date) -> int:
        """Working days d with after < d <= until (negative if until < after)."""
        return self.workday_ordinal(until) - self.workday_ordinal(after)

    def add_workdays(self, day0: dt.date, n: int) -> dt.date:
        """The n-th working day after day0 (day0 itself not counted; n >= 1)."""
        if n < 1:
            raise ValueError("n must be at least 1")
        return self.nth_workday(self.workday_ordinal(day0) + n)

    def unloaded_years_between(self, start: dt.date, end: dt.date) -> list[int]:
        return [y for y in range(start.year, end.year + 1) if y not in self.loaded_years]


def weekday_only_calendar() -> TableCalendar:
    """A calendar with no year loaded: Monday–Friday, no holidays."""
    return TableCalendar()


def merge_intervals(intervals: Iterable[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """Union of half-open intervals (S, E]; touching intervals are joined."""
    out: list[tuple[dt.date, dt.date]] = []
    for s, e in sorted(i for i in intervals if i[1] > i[0]):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def is_paused(day: dt.date, pauses: list[tuple[dt.date, dt.date]]) -> bool:
    """Whether ``day`` lies in one of the merged (S, E] intervals."""
    i = bisect.bisect_left(pauses, (day, day))
    # candidates: the interval starting before day
    for j in (i - 1, i):
        if 0 <= j < len(pauses) and pauses[j][0] < day <= pauses[j][1]:
            return True
    return False
