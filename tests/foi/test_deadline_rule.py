"""The reply deadline (ledger-format.md §5; 条例第三十条、第三十三条).

Every expected date below was counted by hand on the bundled calendar (2024–2026 notices);
the count is in the comment of each row. The properties at the end compare the code with a
day-by-day reference written here from the rule's wording.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gongkai.foi.rules import clock
from gongkai.foi.rules.events import Consultation, ConsultationParty, State
from gongkai.workdays.rules import WEEKDAY_NAMES
from tests.workdays.bundled import bundled_calendar

D = dt.date
ONE = dt.timedelta(days=1)
CAL = bundled_calendar()


def shown(day: dt.date) -> str:
    return f"{day:%Y-%m-%d}（{WEEKDAY_NAMES[day.weekday()]}）"


def deadline_of(day0: dt.date, workdays: int = 20, pauses=()) -> clock.Deadline:
    inp = clock.ClockInput(
        day0,
        "收到申请（条例第三十一条确定的收到日期）",
        workdays,
        tuple(clock.Pause(s, e, "征求第三方意见") for s, e in pauses),
    )
    return clock.compute(inp, CAL)


# -- table: holiday blocks, 调休, receipt on holidays, pauses, extension ---------------------------

ROWS = [
    # id, day 0, working days, pauses (S, E], expected deadline
    # Spring Festival 2026 (02-15…02-23 off; Sat 02-14 and Sat 02-28 worked).
    # 02-11 (1), 12 (2), 13 (3), Sat 14 (4), 24 (5), 25 (6), 26 (7), 27 (8), Sat 28 (9),
    # 03-02…06 (10–14), 09…13 (15–19), 03-16 (20).
    ("spring-2026", D(2026, 2, 10), 20, [], D(2026, 3, 16)),
    # Received on a holiday (02-17, 春节): 02-24…27 (1–4), Sat 28 (5), 03-02…06 (6–10),
    # 09…13 (11–15), 16…20 (16–20).
    ("spring-2026-received-on-holiday", D(2026, 2, 17), 20, [], D(2026, 3, 20)),
    # Spring Festival 2025 (01-28…02-04 off; Sun 01-26 and Sat 02-08 worked).
    # 01-21…24 (1–4), Sun 26 (5), 27 (6), 02-05…07 (7–9), Sat 08 (10), 10…14 (11–15),
    # 17…21 (16–20).
    ("spring-2025", D(2025, 1, 20), 20, [], D(2025, 2, 21)),
    # Spring Festival 2024 (02-10…02-17 off; Sun 02-04 and Sun 02-18 worked; 除夕 02-09 worked).
    # 02-02 (1), Sun 04 (2), 05…09 (3–7), Sun 18 (8), 19…23 (9–13), 26…29 (14–17),
    # 03-01 (18), 04 (19), 05 (20).
    ("spring-2024", D(2024, 2, 1), 20, [], D(2024, 3, 5)),
    # 劳动节 2026 (05-01…05 off; Sat 05-09 worked), received the day before.
    # 05-06…08 (1–3), Sat 09 (4), 11…15 (5–9), 18…22 (10–14), 25…29 (15–19), 06-01 (20).
    ("labour-2026", D(2026, 4, 30), 20, [], D(2026, 6, 1)),
    # 劳动节 2025 (05-01…05 off; Sun 04-27 worked).
    # Sun 04-27 (1), 28…30 (2–4), 05-06…09 (5–8), 12…16 (9–13), 19…23 (14–18), 26 (19), 27 (20).
    ("labour-2025", D(2025, 4, 25), 20, [], D(2025, 5, 27)),
    # 劳动节 2024 (05-01…05 off; Sun 04-28 and Sat 05-11 worked).
    # Sun 04-28 (1), 29 (2), 30 (3), 05-06…10 (4–8), Sat 11 (9), 13…17 (10–14), 20…24 (15–19),
    # 27 (20).
    ("labour-2024", D(2024, 4, 26), 20, [], D(2024, 5, 27)),
    # National Day 2026: the ledger-format.md §5 example.
    # 09-29 (1), 30 (2), 10-08 (3), 09 (4), Sat 10 (5), 12…16 (6–10), 19…23 (11–15), 26…30 (16–20).
    ("national-2026-ledger-format-example", D(2026, 9, 28), 20, [], D(2026, 10, 30)),
    # National Day 2026 with 中秋 (09-25…27 off) and the Sunday make-up day 09-20.
    # Sun 09-20 (1), 21…24 (2–5), 28…30 (6–8), 10-08 (9), 09 (10), Sat 10 (11), 12…16 (12–16),
    # 19…22 (17–20).
    ("national-2026-sunday-makeup", D(2026, 9, 18), 20, [], D(2026, 10, 22)),
    # Day 0 on a 调休 Saturday (10-10-2026): it is not counted either.
    # 10-12…16 (1–5), 19…23 (6–10), 26…30 (11–15), 11-02…06 (16–20).
    ("national-2026-received-on-makeup-saturday", D(2026, 10, 10), 20, [], D(2026, 11, 6)),
    # National Day 2025 (10-01…08 off; Sun 09-28 and Sat 10-11 worked).
    # Sun 09-28 (1), 29 (2), 30 (3), 10-09 (4), 10 (5), Sat 11 (6), 13…17 (7–11), 20…24 (12–16),
    # 27…30 (17–20).
    ("national-2025", D(2025, 9, 26), 20, [], D(2025, 10, 30)),
    # Received on a holiday (10-03-2025): 10-09 (1), 10 (2), Sat 11 (3), 13…17 (4–8),
    # 20…24 (9–13), 27…31 (14–18), 11-03 (19), 04 (20).
    ("national-2025-received-on-holiday", D(2025, 10, 3), 20, [], D(2025, 11, 4)),
    # National Day 2024 (10-01…07 off; Sun 09-29 and Sat 10-12 worked).
    # Sun 09-29 (1), 30 (2), 10-08…11 (3–6), Sat 12 (7), 14…18 (8–12), 21…25 (13–17),
    # 28…30 (18–20).
    ("national-2024", D(2024, 9, 27), 20, [], D(2024, 10, 30)),
    # Extension (40 days) from the §5 example: 10-30 is the 20th; 11-02…06 (21–25),
    # 09…13 (26–30), 16…20 (31–35), 23…27 (36–40).
    ("extension-national-2026", D(2026, 9, 28), 40, [], D(2026, 11, 27)),
    # The 20th working day can be a 调休 Saturday: 01-27…30 (1–4), 02-02…06 (5–9),
    # 09…13 (10–14), Sat 14 (15), 24…27 (16–19), Sat 02-28 (20).
    ("deadline-on-a-makeup-saturday", D(2026, 1, 26), 20, [], D(2026, 2, 28)),
    # … and with the extension: 03-02…06 (21–25), 09…13 (26–30), 16…20 (31–35), 23…27 (36–40).
    ("extension-spring-2026", D(2026, 1, 26), 40, [], D(2026, 3, 27)),
    # Two overlapping consultations (03-04, 03-13] and (03-10, 03-18] skip the working days of
    # their union (03-04, 03-18] once: 10 days (5, 6, 9…13, 16…18), not 7 + 6.
    # 03-03 (1), 04 (2), 19 (3), 20 (4), 23…27 (5–9), 30 (10), 31 (11), 04-01…03 (12–14),
    # 04-04…06 清明, 07…10 (15–18), 13 (19), 14 (20).
    (
        "overlapping-consultations-count-once",
        D(2026, 3, 2),
        20,
        [(D(2026, 3, 4), D(2026, 3, 13)), (D(2026, 3, 10), D(2026, 3, 18))],
        D(2026, 4, 14),
    ),
    # Without pauses, 2026-03-02 gives 03-03…06 (1–4), 09…13 (5–9), 16…20 (10–14), 23…27
    # (15–19), 03-30 (20).
    ("no-pause-march-2026", D(2026, 3, 2), 20, [], D(2026, 3, 30)),
    # A pause starting on the deadline day skips only days after it: nothing changes.
    ("pause-starting-on-the-deadline", D(2026, 3, 2), 20, [(D(2026, 3, 30), D(2026, 4, 20))], D(2026, 3, 30)),
    # A pause starting after the deadline changes nothing.
    ("pause-starting-after-the-deadline", D(2026, 3, 2), 20, [(D(2026, 3, 31), D(2026, 4, 20))], D(2026, 3, 30)),
    # A pause (03-27, 03-30] the day before: 03-27 is the 19th; 03-30 skipped; 03-31 (20).
    ("pause-ending-on-the-old-deadline", D(2026, 3, 2), 20, [(D(2026, 3, 27), D(2026, 3, 30))], D(2026, 3, 31)),
    # A consultation over National Day 2026, (09-22, 10-09]: 09-15…18 (1–4), Sun 20 (5),
    # 21 (6), 22 (7), [23, 24, 28, 29, 30, 10-08, 09 skipped], Sat 10 (8), 12…16 (9–13),
    # 19…23 (14–18), 26 (19), 27 (20).
    ("consultation-across-national-day", D(2026, 9, 14), 20, [(D(2026, 9, 22), D(2026, 10, 9))], D(2026, 10, 27)),
    # A pause that started before day 0 counts only from day 0: (09-10, 10-09] on day 0 09-28
    # skips 09-29, 30, 10-08, 09; Sat 10-10 (1), 12…16 (2–6), 19…23 (7–11), 26…30 (12–16),
    # 11-02…05 (17–20).
    ("pause-begun-before-day-0", D(2026, 9, 28), 20, [(D(2026, 9, 10), D(2026, 10, 9))], D(2026, 11, 5)),
    # A pause that ended before day 0 changes nothing.
    ("pause-ended-before-day-0", D(2026, 9, 28), 20, [(D(2026, 9, 1), D(2026, 9, 20))], D(2026, 10, 30)),
]


@pytest.mark.parametrize(("day0", "workdays", "pauses", "expected"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_deadline_counted_by_hand(day0, workdays, pauses, expected):
    result = deadline_of(day0, workdays, pauses)
    assert result.deadline == expected
    assert not result.provisional
    assert result.paused_by is None
    assert result.explanation[-1] == f"答复期限届满日：{shown(expected)}，即第{workdays}个计入的工作日。"


def test_the_explanation_walks_the_ledger_format_example_in_chinese():
    lines = deadline_of(D(2026, 9, 28)).explanation
    assert lines[0].startswith("第0日：2026-09-28（周一）")
    assert "自次日起算" in lines[0]
    assert "2026-09-29（周二）至2026-09-30（周三）：第1—2个工作日。" in lines
    assert "2026-10-01（周四）至2026-10-07（周三）：不计（国庆节假期）。" in lines
    assert "2026-10-10（周六）：第5个工作日（周六，国庆节调休上班日）。" in lines
    assert "2026-10-26（周一）至2026-10-30（周五）：第16—20个工作日。" in lines


# -- the rule applied to an application's folded state -------------------------------------------

CFG = clock.ClockConfig()
NO_FEE_PAUSE = clock.ClockConfig(fee_period_stops_clock=False)


def consultation(ref, start, end=None):
    return Consultation(ref, ConsultationParty.THIRD_PARTY, "某公司", start, end)


STATE_ROWS = [
    # 补正 restarts the clock: day 0 is the 补正收到日期 09-28, so the §5 count applies.
    (
        "correction-received-restarts-the-clock",
        State(received_on=D(2026, 9, 1), correction_requested_on=D(2026, 9, 3), correction_received_on=D(2026, 9, 28)),
        CFG,
        D(2026, 10, 30),
    ),
    # A consultation begun before the correction arrived counts from the new day 0 only
    # (same count as the row "pause-begun-before-day-0").
    (
        "consultation-clipped-to-the-new-day-0",
        State(
            received_on=D(2026, 9, 1),
            correction_requested_on=D(2026, 9, 3),
            correction_received_on=D(2026, 9, 28),
            consultations=(consultation("1", D(2026, 9, 10), D(2026, 10, 9)),),
        ),
        CFG,
        D(2026, 11, 5),
    ),
    # A 补正 never answered pauses the clock until it is closed as expired (11-02):
    # 09-29 (1), 30 (2), 10-08 (3), 09 (4), [10-10 … 11-02 with the applicant], 11-03…06 (5–8),
    # 09…13 (9–13), 16…20 (14–18), 23 (19), 24 (20).
    (
        "expired-correction-paused-the-clock",
        State(
            received_on=D(2026, 9, 28),
            correction_requested_on=D(2026, 10, 9),
            concluded_on=D(2026, 11, 2),
            outcome="other.no_correction",
        ),
        CFG,
        D(2026, 11, 24),
    ),
    # The extension adds 20 working days (条例第三十三条第二款).
    ("extension", State(received_on=D(2026, 9, 28), extended=True), CFG, D(2026, 11, 27)),
    # Fee period (03-10, 03-20] not counted (default): 03-03…06 (1–4), 09 (5), 10 (6),
    # [11…13, 16…20 skipped], 23…27 (7–11), 30 (12), 31 (13), 04-01…03 (14–16), 清明,
    # 07…10 (17–20).
    (
        "fee-period-not-counted",
        State(received_on=D(2026, 3, 2), fee_notice_on=D(2026, 3, 10), fee_paid_on=D(2026, 3, 20)),
        CFG,
        D(2026, 4, 10),
    ),
    # … unless configured to count (then it is the plain 03-30).
    (
        "fee-period-counted-when-configured",
        State(received_on=D(2026, 3, 2), fee_notice_on=D(2026, 3, 10), fee_paid_on=D(2026, 3, 20)),
        NO_FEE_PAUSE,
        D(2026, 3, 30),
    ),
]


@pytest.mark.parametrize(("state", "config", "expected"), [r[1:] for r in STATE_ROWS], ids=[r[0] for r in STATE_ROWS])
def test_deadline_of_a_folded_state(state, config, expected):
    inp = clock.clock_input(state, config)
    assert clock.compute(inp, CAL).deadline == expected


def test_the_restart_is_explained_with_its_article():
    inp = clock.clock_input(State(received_on=D(2026, 9, 1), correction_requested_on=D(2026, 9, 3), correction_received_on=D(2026, 9, 28)))
    assert inp.day0 == D(2026, 9, 28)
    assert "条例第三十条" in clock.compute(inp, CAL).explanation[0]


def test_there_is_no_deadline_before_the_receipt_date_exists():
    assert clock.clock_input(State(submitted_on=D(2026, 9, 28))) is None


# -- running pauses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "remaining", "reason"),
    [
        # 补正 sent 10-09: 09-29 (1), 30 (2), 10-08 (3), 09 (4) counted, 16 left.
        (State(received_on=D(2026, 9, 28), correction_requested_on=D(2026, 10, 9)), 16, "等待申请人补正"),
        # consultation sent on a holiday (10-03): 09-29, 30 counted, 18 left.
        (State(received_on=D(2026, 9, 28), consultations=(consultation("1", D(2026, 10, 3)),)), 18, "征求第三方意见"),
        # fee notice sent 10-12: 29, 30, 8, 9, Sat 10, 12 counted, 14 left.
        (State(received_on=D(2026, 9, 28), fee_notice_on=D(2026, 10, 12)), 14, "收费通知"),
    ],
    ids=["awaiting-correction", "open-consultation", "awaiting-fee"],
)
def test_a_running_pause_has_no_deadline_but_the_days_left(state, remaining, reason):
    result = clock.compute(clock.clock_input(state), CAL)
    assert result.deadline is None
    assert result.remaining_when_paused == remaining
    assert reason in result.paused_by
    assert result.explanation[-1].startswith("计时暂停中")
    assert f"尚余{remaining}个工作日" in result.explanation[-1]


def test_a_running_pause_that_starts_after_the_deadline_leaves_the_deadline():
    state = State(received_on=D(2026, 3, 2), consultations=(consultation("1", D(2026, 3, 31)),))
    result = clock.compute(clock.clock_input(state), CAL)
    assert result.deadline == D(2026, 3, 30)
    assert result.paused_by is None


# -- years not loaded: provisional -----------------------------------------------------------------


def test_a_count_into_an_unloaded_year_is_provisional_and_says_why():
    # 2027 is not loaded: Mon–Fri only. 12-16…18 (1–3), 21…25 (4–8), 28…31 (9–12),
    # 2027-01-01 Fri (13; surely 元旦 in reality), 04…08 (14–18), 11 (19), 12 (20).
    result = deadline_of(D(2026, 12, 15))
    assert result.deadline == D(2027, 1, 12)
    assert result.provisional
    assert result.unloaded_years == (2027,)
    assert "2027年的节假日安排尚未载入日历" in result.explanation[-1]
    assert "暂定" in result.explanation[-1]


def test_a_count_inside_loaded_years_is_not_provisional():
    result = deadline_of(D(2026, 11, 2))  # 20th working day: 11-30
    assert result.deadline == D(2026, 11, 30)
    assert not result.provisional
    assert not any("尚未载入" in line for line in result.explanation)


def test_a_running_pause_that_has_counted_into_an_unloaded_year_is_provisional():
    # 12-29 (1), 30 (2), 31 (3), 2027-01-01 (4, unloaded), 04 (5), 05 (6): paused from 01-05
    # with 14 left. Whether the count is provisional must not depend on the wall clock.
    result = deadline_of(D(2026, 12, 28), pauses=[(D(2027, 1, 5), None)])
    assert result.deadline is None
    assert result.remaining_when_paused == 14
    assert result.provisional
    assert result.unloaded_years == (2027,)


def test_a_running_pause_inside_loaded_years_is_not_provisional():
    result = deadline_of(D(2019, 3, 4), pauses=[(D(2019, 3, 6), None)])
    assert result.deadline is None
    assert not result.provisional


# -- properties against a day-by-day reference -------------------------------------------------------


def reference(day0, n, pauses):
    """Count working days after day 0, skipping any day d with S < d <= E of a pause.
    Returns (deadline, None) or, when a running pause is reached first, (None, days left)."""
    counted, d = 0, day0
    while counted < n:
        d += ONE
        for s, e in pauses:
            if s < d and (e is None or d <= e):
                if e is None:
                    return None, n - counted
                break
        else:
            counted += CAL.is_workday(d)
    return d, None


days0 = st.dates(min_value=D(2019, 1, 1), max_value=D(2026, 10, 31))


@st.composite
def pause_lists(draw, day0, running=True):
    out = []
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        start = day0 + dt.timedelta(days=draw(st.integers(min_value=-15, max_value=70)))
        if running and draw(st.integers(min_value=0, max_value=5)) == 0:
            out.append((start, None))
        else:
            out.append((start, start + dt.timedelta(days=draw(st.integers(min_value=0, max_value=45)))))
    return out


@given(data=st.data(), day0=days0, n=st.sampled_from([20, 40]))
def test_the_deadline_equals_the_day_by_day_reference(data, day0, n):
    pauses = data.draw(pause_lists(day0))
    result = deadline_of(day0, n, pauses)
    expected, left = reference(day0, n, pauses)
    assert result.deadline == expected
    assert result.remaining_when_paused == left


@given(data=st.data(), day0=days0, n=st.sampled_from([20, 40]))
def test_the_deadline_is_a_working_day_strictly_after_day_0(data, day0, n):
    result = deadline_of(day0, n, data.draw(pause_lists(day0, running=False)))
    assert CAL.is_workday(result.deadline)
    assert result.deadline > day0
    assert CAL.workdays_between(day0, result.deadline) >= n


@given(a=days0, b=days0, data=st.data())
def test_a_later_day_0_never_gives_an_earlier_deadline(a, b, data):
    a, b = min(a, b), max(a, b)
    pauses = data.draw(pause_lists(a, running=False))
    assert deadline_of(a, 20, pauses).deadline <= deadline_of(b, 20, pauses).deadline


@given(day0=days0, start=st.integers(min_value=-5, max_value=40), short=st.integers(min_value=0, max_value=40), more=st.integers(min_value=0, max_value=40))
def test_a_longer_pause_never_gives_an_earlier_deadline(day0, start, short, more):
    s = day0 + dt.timedelta(days=start)
    e1 = s + dt.timedelta(days=short)
    e2 = e1 + dt.timedelta(days=more)
    assert deadline_of(day0, 20, [(s, e1)]).deadline <= deadline_of(day0, 20, [(s, e2)]).deadline


@given(day0=days0)
def test_the_extension_adds_exactly_20_working_days_when_nothing_pauses(day0):
    d20 = deadline_of(day0, 20).deadline
    d40 = deadline_of(day0, 40).deadline
    assert CAL.workdays_between(d20, d40) == 20
    assert d40 == CAL.add_workdays(d20, 20)


@given(data=st.data(), day0=days0)
def test_the_explanation_counts_to_the_same_deadline(data, day0):
    pauses = data.draw(pause_lists(day0, running=False))
    explained = deadline_of(day0, 20, pauses)
    inp = clock.ClockInput(day0, "", 20, tuple(clock.Pause(s, e, "p") for s, e in pauses))
    assume(explained.deadline is not None)
    assert clock.compute(inp, CAL, explain=False).deadline == explained.deadline
    # the last counted line ends on the deadline with the 20th day
    counted = [line for line in explained.explanation if "个工作日" in line and "：第" in line]
    assert counted[-1].split("：")[0].endswith(shown(explained.deadline))
    assert "20个工作日" in counted[-1] or "第20个工作日" in counted[-1]
