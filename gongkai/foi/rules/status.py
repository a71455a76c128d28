"""Status of an application, derived on read from its state, today and the calendar. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from gongkai.foi.rules import clock
from gongkai.foi.rules.events import State
from gongkai.workdays.rules import TableCalendar

# fees.md §5: 收到收费通知次日起20个工作日内缴纳.
FEE_PAYMENT_WORKDAYS = 20


class Phase(StrEnum):
    AWAITING_RECEIPT = "awaiting_receipt"
    AWAITING_CORRECTION = "awaiting_correction"
    PAUSED = "paused"
    AWAITING_FEE = "awaiting_fee"
    IN_PROGRESS = "in_progress"
    CONCLUDED = "concluded"


PHASE_LABELS = {
    Phase.AWAITING_RECEIPT: "待确认收到",
    Phase.AWAITING_CORRECTION: "待补正",
    Phase.PAUSED: "征求意见中",
    Phase.AWAITING_FEE: "待缴费",
    Phase.IN_PROGRESS: "办理中",
    Phase.CONCLUDED: "已办结",
}


@dataclass(frozen=True)
class Status:
    phase: Phase
    deadline: clock.Deadline | None
    days_left: int | None  # working days to the deadline; negative when overdue
    overdue: bool  # open and past the deadline
    due_soon: bool  # open, not overdue, within the warning window
    on_time: bool | None  # for concluded applications
    correction_due: dt.date | None
    fee_due: dt.date | None

    @property
    def label(self) -> str:
        if self.phase is Phase.CONCLUDED:
            return "已办结" + ("" if self.on_time in (None, True) else "（逾期）")
        if self.overdue:
            return f"{PHASE_LABELS[self.phase]} · 已逾期"
        if self.due_soon:
            return f"{PHASE_LABELS[self.phase]} · 即将到期"
        return PHASE_LABELS[self.phase]


def derive(
    state: State,
    today: dt.date,
    cal: TableCalendar,
    config: clock.ClockConfig,
    *,
    correction_period: int = 15,
    explain: bool = False,
) -> Status:
    inp = clock.clock_input(state, config)
    if inp is None:
        # No receipt date yet (条例第三十一条第三项: awaiting confirmation). An application
        # withdrawn before it was confirmed is concluded all the same, with no clock to judge.
        if not state.is_open:
            return Status(Phase.CONCLUDED, None, None, False, False, None, None, None)
        return Status(Phase.AWAITING_RECEIPT, None, None, False, False, None, None, None)
    dl = clock.compute(inp, cal, explain=explain)
    correction_due = (
        clock.correction_due(state.correction_requested_on, cal, state.correction_period or correction_period)
        if state.correction_requested_on and state.correction_received_on is None
        else None
    )
    fee_due = cal.add_workdays(state.fee_notice_on, FEE_PAYMENT_WORKDAYS) if state.fee_notice_on else None
    if not state.is_open:
        on_time = dl.deadline is None or state.concluded_on <= dl.deadline  # type: ignore[operator]
        return Status(Phase.CONCLUDED, dl, None, False, False, on_time, correction_due, fee_due)
    if state.awaiting_correction:
        phase = Phase.AWAITING_CORRECTION
    elif state.awaiting_fee:
        phase = Phase.AWAITING_FEE
    elif state.open_consultations:
        phase = Phase.PAUSED
    else:
        phase = Phase.IN_PROGRESS
    if dl.deadline is None:
        return Status(phase, dl, dl.remaining_when_paused, False, False, None, correction_due, fee_due)
    left = clock.days_left(dl.deadline, today, cal)
    overdue = today > dl.deadline
    due_soon = not overdue and left <= config.due_soon_workdays
    return Status(phase, dl, left, overdue, due_soon, None, correction_due, fee_due)
