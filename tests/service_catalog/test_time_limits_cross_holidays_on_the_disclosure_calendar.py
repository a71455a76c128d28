"""Time limits of a 办件 (行政许可法第三十二条、第四十二条、第四十五条、第八十二条) are counted on
the working-day calendar of 依申请公开 (issue 6, acceptance 2).

Every expected date was counted by hand on the bundled 2025/2026 holiday notices; the count
is in the comment of each row. The property at the end compares the code with a day-by-day
reference written here from the rule's wording.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.foi.rules import clock
from gongkai.service_catalog import operations as ops
from gongkai.service_catalog import services
from gongkai.service_catalog.rules.cases import CaseEventKind, Event, Phase, derive, fold
from gongkai.service_catalog.rules.limits import due_date, workdays_left
from gongkai.workdays import operations as calendar_ops
from gongkai.workdays.services import current_calendar, invalidate
from tests.service_catalog.helpers import new_case
from tests.workdays.bundled import bundled_calendar

D = dt.date
ONE = dt.timedelta(days=1)
CAL = bundled_calendar()

ROWS = [
    # id, day 0 (受理日), working days, pauses (S, E], expected due date
    # Spring Festival 2026 (02-15…02-23 off; Sat 02-14 and Sat 02-28 worked).
    # 02-11 (1), 12 (2), 13 (3), Sat 14 (4), 24 (5), 25 (6), 26 (7), 27 (8), Sat 28 (9),
    # 03-02…06 (10–14), 09…13 (15–19), 03-16 (20).
    ("spring-2026-legal-20", D(2026, 2, 10), 20, [], D(2026, 3, 16)),
    # 02-13 (1), Sat 14 (2), 24 (3), 25 (4), 26 (5), 27 (6), Sat 28 (7), 03-02 (8), 03 (9), 04 (10).
    ("spring-2026-promise-10", D(2026, 2, 12), 10, [], D(2026, 3, 4)),
    # Spring Festival 2025 (01-28…02-04 off; Sun 01-26 and Sat 02-08 worked).
    # Sun 01-26 (1), 27 (2), 02-05 (3), 06 (4), 07 (5).
    ("spring-2025-promise-5", D(2025, 1, 24), 5, [], D(2025, 2, 7)),
    # 即办件: 0 working days fall due on the day of acceptance, even a 调休 Sunday.
    ("spring-2025-instant-on-makeup-sunday", D(2025, 1, 26), 0, [], D(2025, 1, 26)),
    # 即办件 accepted on a holiday (an office open for a fair): still the same day.
    ("spring-2026-instant-on-holiday", D(2026, 2, 17), 0, [], D(2026, 2, 17)),
    # National Day 2025 (10-01…08 off; Sun 09-28 and Sat 10-11 worked).
    # Sun 09-28 (1), 29 (2), 30 (3).
    ("national-2025-promise-3", D(2025, 9, 26), 3, [], D(2025, 9, 30)),
    # 10-09 (1), 10 (2), Sat 11 (3), 13 (4), 14 (5).
    ("national-2025-promise-5", D(2025, 9, 30), 5, [], D(2025, 10, 14)),
    # National Day 2026 (10-01…07 off; Sat 10-10 worked).
    # 10-08 (1), 09 (2), Sat 10 (3), 12…16 (4–8), 19…23 (9–13), 26…30 (14–18), 11-02 (19), 03 (20).
    ("national-2026-legal-20", D(2026, 9, 30), 20, [], D(2026, 11, 3)),
    # 行政许可法第四十五条: a 专家评审 from 09-29 to 10-12 is not counted.
    # 09-29 (1); not counted: 09-30, 10-08, 09, Sat 10, 12; 10-13 (2), 14 (3), 15 (4), 16 (5),
    # 19…23 (6–10), 26…30 (11–15), 11-02…06 (16–20).
    ("national-2026-with-expert-review", D(2026, 9, 28), 20, [(D(2026, 9, 29), D(2026, 10, 12))], D(2026, 11, 6)),
    # A pause that starts after the due date changes nothing: 10-09 (1), 10 (2), Sat 11 (3).
    ("national-2025-pause-after-due", D(2025, 9, 30), 3, [(D(2025, 10, 20), D(2025, 10, 24))], D(2025, 10, 11)),
]


@pytest.mark.parametrize(("day0", "workdays", "pauses", "expected"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_due_dates_counted_by_hand_across_spring_festival_and_national_day(day0, workdays, pauses, expected):
    assert due_date(CAL, day0, workdays, pauses) == expected


def test_a_twenty_day_licence_period_falls_due_on_the_same_day_as_a_disclosure_reply():
    # 条例第三十三条 and 行政许可法第四十二条 both give 20 working days from day 0.
    for day0 in (D(2025, 1, 20), D(2026, 2, 10), D(2026, 9, 28), D(2025, 9, 26)):
        reply = clock.compute(clock.ClockInput(day0, "收到申请", 20, ()), CAL).deadline
        assert due_date(CAL, day0, 20) == reply


def test_acceptance_is_due_five_working_days_after_the_application():
    # 行政许可法第三十二条. Submitted Fri 2026-02-13: Sat 14 (1), 24 (2), 25 (3), 26 (4), 27 (5).
    s = fold([Event(CaseEventKind.REGISTERED, D(2026, 2, 13), {"item_type": "XK", "promised_workdays": 10, "legal_workdays": 20})])
    st_ = derive(s, D(2026, 2, 24), CAL)
    assert st_.phase is Phase.AWAITING_ACCEPTANCE
    assert st_.acceptance_due == D(2026, 2, 27)
    assert st_.days_left == 3  # 25, 26, 27
    late = derive(s, D(2026, 3, 2), CAL)
    assert late.overdue and late.days_left == -2  # Sat 28, 03-02


def test_workdays_left_counts_down_to_zero_on_the_due_day_and_below_after():
    due = D(2026, 10, 9)
    assert workdays_left(CAL, D(2026, 9, 30), due) == 2  # 10-08, 10-09
    assert workdays_left(CAL, due, due) == 0
    assert workdays_left(CAL, D(2026, 10, 12), due) == -2  # Sat 10-10, 10-12


def test_a_running_pause_stops_the_countdown_and_closes_at_conclusion():
    events = [
        Event(CaseEventKind.REGISTERED, D(2026, 9, 25), {"item_type": "XK", "promised_workdays": 20, "legal_workdays": 20}),
        Event(CaseEventKind.ACCEPTED, D(2026, 9, 28)),
        Event(CaseEventKind.SUSPENDED, D(2026, 9, 29), {"reason": "专家评审"}),
    ]
    running = derive(fold(events), D(2026, 10, 12), CAL)
    assert running.phase is Phase.SUSPENDED and not running.overdue and running.days_left is None
    # while it runs it reaches to today: the same due date as the closed pause in the table
    assert running.promised_due == D(2026, 11, 6)
    resumed = fold([*events, Event(CaseEventKind.RESUMED, D(2026, 10, 12))])
    assert derive(resumed, D(2026, 10, 20), CAL).promised_due == D(2026, 11, 6)


# -- the case's limits come from the calendar in force, the one 依申请公开 uses -----------------------


@pytest.mark.django_db
def test_a_holiday_entered_in_the_calendar_moves_case_and_reply_deadlines_alike(world, make_item, case_today):
    case_today(D(2026, 3, 2))
    item = make_item(promised=20, legal=20)
    case = new_case(world.clerk_a, item, on=D(2026, 3, 2))
    ops.accept(world.clerk_a, case, on=D(2026, 3, 2))
    case.refresh_from_db()
    # 03-03…06 (1–4), 09…13 (5–9), 16…20 (10–14), 23…27 (15–19), 03-30 (20).
    before = services.status_of(case)
    assert before.promised_due == D(2026, 3, 30)
    calendar_ops.set_day(world.head_a, day=D(2026, 3, 10), kind="holiday", name="测试假日")
    invalidate()
    after = services.status_of(case)
    reply = clock.compute(clock.ClockInput(D(2026, 3, 2), "收到申请", 20, ()), current_calendar()).deadline
    assert after.promised_due == D(2026, 3, 31) == reply


# -- property: the fast path agrees with counting day by day -----------------------------------


def ref_due(day0: dt.date, n: int, pauses: list[tuple[dt.date, dt.date]]) -> dt.date:
    if n == 0:
        return day0
    d, counted = day0, 0
    while counted < n:
        d += ONE
        paused = any(s < d <= e for s, e in pauses)
        counted += CAL.is_workday(d) and not paused
    return d


days = st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 12, 31))


@given(day0=days, n=st.integers(0, 60), raw=st.lists(st.tuples(days, st.integers(0, 30)), max_size=3))
def test_due_date_equals_a_day_by_day_count_with_any_pauses(day0, n, raw):
    pauses = [(s, s + dt.timedelta(days=k)) for s, k in raw]
    assert due_date(CAL, day0, n, pauses) == ref_due(day0, n, pauses)
