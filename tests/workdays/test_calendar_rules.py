"""The working-day rule (ledger-format.md §5): Mon–Fri, minus statutory holidays, plus 调休上班日.

The calendar answers with precomputed ordinals (fast path). Every property below checks
the answer against a plain day-by-day count written here, never against the code itself.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.workdays.rules import (
    TABLE_FIRST_YEAR,
    TABLE_LAST_YEAR,
    TableCalendar,
    is_paused,
    merge_intervals,
    weekday_only_calendar,
)
from tests.workdays.bundled import bundled_calendar

D = dt.date
ONE = dt.timedelta(days=1)
CAL = bundled_calendar()
EMPTY = weekday_only_calendar()


# -- a reference written from the rule's wording, day by day ----------------------------------


def ref_is_workday(cal: TableCalendar, day: dt.date) -> bool:
    if day in cal.makeup_workdays:
        return True
    return day not in cal.holidays and day.weekday() < 5


def ref_between(cal: TableCalendar, after: dt.date, until: dt.date) -> int:
    """Working days d with after < d <= until, negative when until < after."""
    lo, hi, sign = (after, until, 1) if after <= until else (until, after, -1)
    n, d = 0, lo
    while d < hi:
        d += ONE
        n += ref_is_workday(cal, d)
    return sign * n


def ref_add(cal: TableCalendar, day0: dt.date, n: int) -> dt.date:
    d, counted = day0, 0
    while counted < n:
        d += ONE
        counted += ref_is_workday(cal, d)
    return d


any_days = st.dates(min_value=D(2017, 1, 1), max_value=D(2028, 12, 31))


# -- the weekday rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2027, 3, 1), True),  # Monday
        (D(2027, 3, 5), True),  # Friday
        (D(2027, 3, 6), False),  # Saturday
        (D(2027, 3, 7), False),  # Sunday
        (D(2027, 1, 1), True),  # a Friday: with no year loaded, no holiday is known
        (D(2026, 10, 1), True),  # Thursday; the empty calendar knows no National Day
    ],
)
def test_weekday_rule_alone_counts_monday_to_friday(day, working):
    assert EMPTY.is_workday(day) is working


# -- statutory holidays and 调休上班日 in the bundled calendar -----------------------------------


@pytest.mark.parametrize(
    ("day", "working", "why"),
    [
        # days off on weekdays
        (D(2026, 10, 1), False, "周四，国庆节假期"),
        (D(2026, 2, 16), False, "周一，春节假期"),
        (D(2026, 2, 23), False, "周一，春节假期"),  # last day of the 9-day 2026 block
        (D(2025, 5, 5), False, "周一，劳动节假期"),
        (D(2025, 10, 8), False, "周三，国庆节假期"),
        (D(2024, 6, 10), False, "周一，端午节假期"),
        (D(2026, 1, 2), False, "周五，元旦假期"),
        # 调休上班日: Saturdays and Sundays that are worked
        (D(2026, 2, 14), True, "周六，春节调休上班日"),
        (D(2026, 2, 28), True, "周六，春节调休上班日"),
        (D(2026, 5, 9), True, "周六，劳动节调休上班日"),
        (D(2026, 10, 10), True, "周六，国庆节调休上班日"),
        (D(2026, 9, 20), True, "周日，国庆节调休上班日"),
        (D(2026, 1, 4), True, "周日，元旦调休上班日"),
        (D(2025, 2, 8), True, "周六，春节调休上班日"),
        (D(2025, 1, 26), True, "周日，春节调休上班日"),
        (D(2024, 5, 11), True, "周六，劳动节调休上班日"),
        (D(2024, 10, 12), True, "周六，国庆节调休上班日"),
        # an ordinary weekend next to a block stays off; an ordinary weekday stays on
        (D(2026, 10, 11), False, "周日，周末"),
        (D(2026, 10, 8), True, "周四"),
        (D(2025, 10, 9), True, "周四"),
    ],
)
def test_holidays_and_makeup_days_override_the_weekday_rule(day, working, why):
    assert CAL.is_workday(day) is working
    assert CAL.describe(day) == why


def test_it_says_when_a_year_is_not_loaded():
    assert not CAL.is_loaded(2027)
    assert CAL.is_loaded(2026)
    assert CAL.describe(D(2027, 1, 4)) == "周一（2027年日历未载入，暂按工作日计）"
    assert CAL.unloaded_years_between(D(2025, 12, 1), D(2028, 1, 1)) == [2027, 2028]
    assert CAL.unloaded_years_between(D(2019, 1, 1), D(2026, 12, 31)) == []
    # 2027-01-01 is certainly a holiday in reality; unloaded, it counts Mon–Fri.
    assert CAL.is_workday(D(2027, 1, 1))
    assert CAL.workdays_between(D(2026, 12, 31), D(2027, 1, 8)) == 6  # 1-1 (Fri), 1-4 … 1-8


@pytest.mark.parametrize(
    ("day0", "n", "expected"),
    [
        # 2026-02-13 (Fri) + 1: 02-14 is a 调休 Saturday.
        (D(2026, 2, 13), 1, D(2026, 2, 14)),
        # 2026-02-14 + 1: 02-15 … 02-23 are 春节, so 02-24 (Tue).
        (D(2026, 2, 14), 1, D(2026, 2, 24)),
        # 2026-09-30 (Wed) + 3: 10-01…10-07 off; 10-08 (1), 10-09 (2), 10-10 Sat make-up (3).
        (D(2026, 9, 30), 3, D(2026, 10, 10)),
        # 2025-09-30 (Tue) + 1: 10-01…10-08 off, so 10-09 (Thu).
        (D(2025, 9, 30), 1, D(2025, 10, 9)),
        # a holiday as day 0: 2024-10-03 + 1 is 10-08 (Tue).
        (D(2024, 10, 3), 1, D(2024, 10, 8)),
        # 2024-06-07 (Fri) + 1: 06-08/09 weekend, 06-10 端午 (Mon), so 06-11.
        (D(2024, 6, 7), 1, D(2024, 6, 11)),
    ],
)
def test_add_workdays_across_holiday_blocks(day0, n, expected):
    assert CAL.add_workdays(day0, n) == expected


def test_add_workdays_refuses_zero_and_negative_counts():
    with pytest.raises(ValueError, match="at least 1"):
        CAL.add_workdays(D(2026, 1, 5), 0)


# -- fast path (ordinals) == slow path (day by day) ---------------------------------------------


@given(a=any_days, b=any_days)
def test_workdays_between_agrees_with_a_day_by_day_count(a, b):
    assert CAL.workdays_between(a, b) == ref_between(CAL, a, b)


@given(day0=any_days, n=st.integers(min_value=1, max_value=120))
def test_add_workdays_agrees_with_a_day_by_day_count(day0, n):
    assert CAL.add_workdays(day0, n) == ref_add(CAL, day0, n)


@given(a=any_days, b=any_days)
def test_ordinals_count_the_working_days_between_two_dates(a, b):
    assert CAL.workday_ordinal(b) - CAL.workday_ordinal(a) == ref_between(CAL, a, b)


@given(day=any_days)
def test_nth_workday_of_an_ordinal_is_the_last_working_day_up_to_it(day):
    nth = CAL.nth_workday(CAL.workday_ordinal(day))
    assert CAL.is_workday(nth)
    assert nth <= day
    assert ref_between(CAL, nth, day) == 0


edge_days = st.one_of(
    st.dates(min_value=D(TABLE_FIRST_YEAR - 1, 11, 1), max_value=D(TABLE_FIRST_YEAR, 2, 28)),
    st.dates(min_value=D(TABLE_LAST_YEAR, 11, 1), max_value=D(TABLE_LAST_YEAR + 1, 2, 28)),
)


@given(a=edge_days, b=edge_days, n=st.integers(min_value=1, max_value=60))
def test_counting_stays_right_at_the_edges_of_the_precomputed_table(a, b, n):
    # The table spans 2000–2060; dates beyond it must not be counted wrongly.
    assert CAL.workdays_between(a, b) == ref_between(CAL, a, b)
    assert CAL.add_workdays(a, n) == ref_add(CAL, a, n)
    assert CAL.workday_ordinal(b) - CAL.workday_ordinal(a) == ref_between(CAL, a, b)
    assert CAL.nth_workday(CAL.workday_ordinal(a) + n) == ref_add(CAL, a, n)


# -- inverse and algebraic properties -----------------------------------------------------------


@given(day0=any_days, n=st.integers(min_value=1, max_value=250))
def test_workdays_between_undoes_add_workdays(day0, n):
    end = CAL.add_workdays(day0, n)
    assert CAL.is_workday(end)
    assert end > day0
    assert CAL.workdays_between(day0, end) == n
    # and it is the first day that reaches n
    assert CAL.workdays_between(day0, end - ONE) == n - 1


@given(day0=any_days, later=any_days)
def test_add_workdays_undoes_workdays_between_for_a_working_day(day0, later):
    if later <= day0 or not CAL.is_workday(later):
        later = CAL.add_workdays(max(day0, later), 1)
    assert CAL.add_workdays(day0, CAL.workdays_between(day0, later)) == later


@given(a=any_days, b=any_days, c=any_days)
def test_workdays_between_is_additive_and_antisymmetric(a, b, c):
    assert CAL.workdays_between(a, b) == -CAL.workdays_between(b, a)
    assert CAL.workdays_between(a, b) + CAL.workdays_between(b, c) == CAL.workdays_between(a, c)


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        # 2024 (leap, starts Mon): 262 weekdays − 19 weekday holidays (1-1; 2-12…16; 4-4, 5;
        # 5-1…3; 6-10; 9-16, 17; 10-1…4, 7) + 8 make-up days (2-4, 2-18, 4-7, 4-28, 5-11,
        # 9-14, 9-29, 10-12) = 251.
        (2024, 251),
        # 2025 (starts Wed): 261 − 18 (1-1; 1-28…31, 2-3, 4; 4-4; 5-1, 2, 5; 6-2; 10-1…3, 6…8)
        # + 5 (1-26, 2-8, 4-27, 9-28, 10-11) = 248.
        (2025, 248),
        # 2026 (starts Thu): 261 − 19 (1-1, 2; 2-16…20, 23; 4-6; 5-1, 4, 5; 6-19; 9-25;
        # 10-1, 2, 5…7) + 6 (1-4, 2-14, 2-28, 5-9, 9-20, 10-10) = 248.
        (2026, 248),
    ],
)
def test_the_working_days_of_a_year_counted_by_hand(year, expected):
    assert CAL.workdays_between(D(year - 1, 12, 31), D(year, 12, 31)) == expected


# -- pauses: merge_intervals and is_paused --------------------------------------------------------


@pytest.mark.parametrize(
    ("intervals", "merged"),
    [
        ([], []),
        ([(D(2026, 3, 4), D(2026, 3, 13))], [(D(2026, 3, 4), D(2026, 3, 13))]),
        # overlapping consultations become one pause
        (
            [(D(2026, 3, 10), D(2026, 3, 18)), (D(2026, 3, 4), D(2026, 3, 13))],
            [(D(2026, 3, 4), D(2026, 3, 18))],
        ),
        # one inside the other
        (
            [(D(2026, 3, 4), D(2026, 3, 20)), (D(2026, 3, 6), D(2026, 3, 9))],
            [(D(2026, 3, 4), D(2026, 3, 20))],
        ),
        # touching: (4, 10] and (10, 12] cover (4, 12]
        (
            [(D(2026, 3, 4), D(2026, 3, 10)), (D(2026, 3, 10), D(2026, 3, 12))],
            [(D(2026, 3, 4), D(2026, 3, 12))],
        ),
        # a day apart: (4, 10] and (11, 12] leave 11 uncovered
        (
            [(D(2026, 3, 4), D(2026, 3, 10)), (D(2026, 3, 11), D(2026, 3, 12))],
            [(D(2026, 3, 4), D(2026, 3, 10)), (D(2026, 3, 11), D(2026, 3, 12))],
        ),
        # an empty pause (S == E) covers no day
        ([(D(2026, 3, 4), D(2026, 3, 4))], []),
    ],
)
def test_merge_intervals_joins_overlapping_and_touching_pauses(intervals, merged):
    assert merge_intervals(intervals) == merged


intervals = st.lists(
    st.tuples(
        st.dates(min_value=D(2026, 1, 1), max_value=D(2026, 3, 31)),
        st.integers(min_value=0, max_value=30),
    ).map(lambda t: (t[0], t[0] + dt.timedelta(days=t[1]))),
    max_size=6,
)


def covered(pauses, day):
    return any(s < day <= e for s, e in pauses)


@given(raw=intervals)
def test_merged_pauses_cover_exactly_the_same_days(raw):
    merged = merge_intervals(raw)
    for i in range(len(merged) - 1):
        assert merged[i][1] < merged[i + 1][0]  # sorted, disjoint, not touching
    day = D(2025, 12, 31)
    while day <= D(2026, 5, 31):
        assert covered(merged, day) == covered(raw, day)
        assert is_paused(day, merged) == covered(raw, day)
        day += ONE
