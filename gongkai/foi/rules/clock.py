"""The reply deadline of an application (ledger-format.md §5), computed, never stored.

1. Day 0 is the 收到日期, or the 补正收到日期 when a correction was received.
   # 条例第三十条: 答复期限自行政机关收到补正的申请之日起计算。
2. Counting starts the next day (民法典第二百零一条: 开始的当日不计入).
   The deadline is the 20th counted working day, or the 40th with an extension.
   # 条例第三十三条第二款: 自收到申请之日起20个工作日内予以答复；需要延长的，
   #   经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。
3. Working days d with S < d <= E of a pause are not counted.
   # 条例第三十三条第三款: 征求第三方和其他机关意见所需时间不计算在前款规定的期限内。
   Pauses: consultations; the fee notice period (fees.md §5, configurable); the time an
   applicant holds a 补正 notice that they never answer (the clock is with them).
4. A reply is on time when 答复日期 <= deadline; an open application past it is overdue.
5. Years whose calendar is not loaded count Mon–Fri without holidays: provisional.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.foi.rules.events import State
from gongkai.workdays.rules import WEEKDAY_NAMES, TableCalendar, merge_intervals

BASE_WORKDAYS = 20  # 条例第三十三条第二款
EXTENSION_WORKDAYS = 20  # 条例第三十三条第二款: 延长的期限最长不得超过20个工作日
CORRECTION_NOTICE_WORKDAYS = 7  # 条例第三十条: 收到申请之日起7个工作日内一次性告知

FAR_FUTURE = dt.date(9999, 12, 31)


@dataclass(frozen=True)
class ClockConfig:
    fee_period_stops_clock: bool = True
    due_soon_workdays: int = 5


@dataclass(frozen=True)
class Pause:
    start: dt.date  # S: the day the letter/notice went out; days after it are not counted
    end: dt.date | None  # E: the last day not counted; None while the pause runs
    reason: str


@dataclass(frozen=True)
class ClockInput:
    day0: dt.date
    day0_reason: str
    workdays: int
    pauses: tuple[Pause, ...] = ()


@dataclass(frozen=True)
class Deadline:
    deadline: dt.date | None  # None while a pause is running
    provisional: bool
    unloaded_years: tuple[int, ...]
    paused_by: str | None  # reason of the running pause
    remaining_when_paused: int | None  # working days left when the running pause began
    explanation: tuple[str, ...]


def _d(day: dt.date) -> str:
    return f"{day:%Y-%m-%d}（{WEEKDAY_NAMES[day.weekday()]}）"


def clock_input(state: State, config: ClockConfig = ClockConfig()) -> ClockInput | None:
    """The inputs of the count, from the folded state; None before the receipt date exists."""
    if state.received_on is None:
        return None
    end_cap = state.concluded_on  # a pause still open at the conclusion ends there
    pauses: list[Pause] = []
    if state.correction_received_on is not None:
        day0, why = state.correction_received_on, "收到补正后的申请，期限重新计算（条例第三十条）"
    else:
        day0, why = state.received_on, "收到申请（条例第三十一条确定的收到日期）"
        if state.correction_requested_on is not None:
            pauses.append(Pause(state.correction_requested_on, end_cap, "等待申请人补正"))
    for c in state.consultations:
        law = "条例第三十二条" if c.party.value == "third_party" else "条例第三十四条"
        pauses.append(
            Pause(c.start, c.end or end_cap, f"征求{c.party.label}意见{('（' + c.name + '）') if c.name else ''}，{law}、第三十三条第三款")
        )
    if config.fee_period_stops_clock and state.fee_notice_on is not None:
        pauses.append(Pause(state.fee_notice_on, state.fee_paid_on or end_cap, "收费通知至缴费期间（109号，本平台默认不计入）"))
    workdays = BASE_WORKDAYS + (EXTENSION_WORKDAYS if state.extended else 0)
    return ClockInput(day0, why, workdays, tuple(pauses))


def compute(inp: ClockInput, cal: TableCalendar, *, explain: bool = True) -> Deadline:
    """Apply the rule of the module docstring."""
    day0 = inp.day0
    target = cal.workday_ordinal(day0) + inp.workdays
    deadline: dt.date | None = None
    paused_by: str | None = None
    paused_at: dt.date | None = None
    remaining: int | None = None
    merged: list[tuple[dt.date, dt.date]] = []
    if inp.pauses:
        # Merge overlapping pauses (overlapping consultations count once), clip to after day 0.
        spans = [(max(p.start, day0), p.end or FAR_FUTURE) for p in inp.pauses if (p.end or FAR_FUTURE) > day0]
        merged = merge_intervals(spans)
        for s, e in merged:
            s_ord = cal.workday_ordinal(s)
            if s_ord >= target:
                break  # the pause begins after the deadline has been reached: it changes nothing
            if e == FAR_FUTURE:
                remaining = target - s_ord
                paused_by = next((p.reason for p in inp.pauses if p.end is None), "暂停计时")
                paused_at = s
                break
            target += cal.workday_ordinal(e) - s_ord
    if paused_by is None:
        deadline = cal.nth_workday(target)
    # The days counted so far run to the deadline, or to the start of the running pause.
    # (Not to "today": a pure rule must not depend on the wall clock.)
    last = deadline or paused_at or day0
    first = day0 + _ONE_DAY
    if last.year == first.year or last < first:  # the common case: one year
        unloaded: tuple[int, ...] = () if first.year in cal.loaded_years else (first.year,)
    else:
        unloaded = tuple(cal.unloaded_years_between(first, last))
    lines = _explain(inp, cal, merged, deadline, paused_by, remaining, unloaded) if explain else ()
    return Deadline(deadline, bool(unloaded), unloaded, paused_by, remaining, lines)


_ONE_DAY = dt.timedelta(days=1)


def _explain(
    inp: ClockInput,
    cal: TableCalendar,
    merged: list[tuple[dt.date, dt.date]],
    deadline: dt.date | None,
    paused_by: str | None,
    remaining: int | None,
    unloaded: tuple[int, ...],
) -> tuple[str, ...]:
    lines = [f"第0日：{_d(inp.day0)}{inp.day0_reason}；当日不计，自次日起算（民法典第二百零一条）。"]
    limit = f"{inp.workdays}个工作日" + ("（含经批准延长的20个工作日）" if inp.workdays > BASE_WORKDAYS else "")
    lines.append(f"答复期限为{limit}（条例第三十三条）。")
    end = deadline or (merged[-1][0] if merged else inp.day0)
    # Walk the days, grouping runs with the same treatment.
    runs: list[tuple[str, dt.date, dt.date, int, int]] = []  # (label, from, to, first_count, last_count)
    counted = 0
    day = inp.day0
    while day < end:
        day += dt.timedelta(days=1)
        pause = next((p for p in inp.pauses if max(p.start, inp.day0) < day <= (p.end or FAR_FUTURE)), None)
        working = cal.is_workday(day)
        if pause is not None and working:
            label = f"暂停计时：{pause.reason}"
        elif working:
            counted += 1
            label = "计入"
            if day in cal.makeup_workdays:
                label = f"计入（{cal.describe(day)}）"
        else:
            label = f"不计（{cal.off_reason(day)}）"
        if runs and runs[-1][0] == label and label == "计入" and runs[-1][2] == day - dt.timedelta(days=1):
            runs[-1] = (label, runs[-1][1], day, runs[-1][3], counted)
        elif runs and runs[-1][0] == label and label != "计入" and runs[-1][2] == day - dt.timedelta(days=1):
            runs[-1] = (label, runs[-1][1], day, runs[-1][3], runs[-1][4])
        else:
            runs.append((label, day, day, counted if label.startswith("计入") else 0, counted))
    for label, a, b, first, last in runs:
        when = _d(a) if a == b else f"{_d(a)}至{_d(b)}"
        if label.startswith("计入"):
            n = f"第{first}个工作日" if first == last else f"第{first}—{last}个工作日"
            extra = label[2:]
            lines.append(f"{when}：{n}{extra}。")
        else:
            lines.append(f"{when}：{label}。" if label.startswith("不计") else f"{when}：{label}，不计。")
    if deadline is not None:
        lines.append(f"答复期限届满日：{_d(deadline)}，即第{inp.workdays}个计入的工作日。")
    else:
        lines.append(f"计时暂停中（{paused_by}），暂停开始时尚余{remaining}个工作日；暂停结束后继续计算。")
    if unloaded:
        years = "、".join(str(y) for y in unloaded)
        lines.append(f"注意：{years}年的节假日安排尚未载入日历，期间按周一至周五计算，结果为暂定，请在“工作日历”中录入国务院办公厅通知后复核。")
    return tuple(lines)


def days_left(deadline: dt.date, today: dt.date, cal: TableCalendar) -> int:
    """Working days from today to the deadline: 0 on the deadline day, negative when overdue."""
    return cal.workdays_between(today, deadline)


def correction_due(requested_on: dt.date, cal: TableCalendar, period: int) -> dt.date:
    """The last day the applicant may correct (条例第三十条: 合理的补正期限; default configurable)."""
    return cal.add_workdays(requested_on, period)


def correction_notice_late(received_on: dt.date, requested_on: dt.date, cal: TableCalendar) -> bool:
    """条例第三十条: 补正告知应在收到申请之日起7个工作日内发出。"""
    return cal.workdays_between(received_on, requested_on) > CORRECTION_NOTICE_WORKDAYS
