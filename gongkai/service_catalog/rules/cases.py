"""The event log of a 办件 and the state it folds to. Pure.

A case goes 申请登记 → 受理 → 审批 (准予 / 不予许可) → 办结, or ends at 不予受理. Each step is an
event; ``check`` refuses what the law or the history does not allow; ``fold`` gives the state;
``derive`` gives the status and the time limits on a calendar.

- 行政许可法第三十二条: within 5 days of receiving the application the organ accepts it or
  tells the applicant what to correct; 不予受理 needs a written decision (with reasons).
- 行政许可法第三十八条: a licence refused (不予行政许可) needs written reasons and notice of
  the right to 行政复议 or 行政诉讼.
- 行政许可法第四十二条: decision within 20 working days of acceptance unless a law says
  otherwise; 第四十五条: 听证、检验、鉴定 … time not counted (pauses).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from gongkai.service_catalog.rules import limits
from gongkai.service_catalog.rules.items import LICENSING
from gongkai.workdays.rules import TableCalendar


class CaseEventKind(StrEnum):
    REGISTERED = "registered"  # 申请登记 (收到申请材料)
    ACCEPTED = "accepted"  # 受理
    NOT_ACCEPTED = "not_accepted"  # 不予受理 (concludes)
    SUSPENDED = "suspended"  # 特别程序开始 (行政许可法第四十五条)
    RESUMED = "resumed"  # 特别程序结束
    APPROVED = "approved"  # 审批：准予
    DENIED = "denied"  # 审批：不予许可 / 不予批准
    CONCLUDED = "concluded"  # 办结 (result delivered)
    NOTE = "note"

    @property
    def label(self) -> str:
        return EVENT_LABELS[self]


EVENT_LABELS: dict[CaseEventKind, str] = {
    CaseEventKind.REGISTERED: "申请登记",
    CaseEventKind.ACCEPTED: "受理",
    CaseEventKind.NOT_ACCEPTED: "不予受理",
    CaseEventKind.SUSPENDED: "特别程序开始（时间不计入办理时限）",
    CaseEventKind.RESUMED: "特别程序结束",
    CaseEventKind.APPROVED: "审批：准予",
    CaseEventKind.DENIED: "审批：不予许可",
    CaseEventKind.CONCLUDED: "办结",
    CaseEventKind.NOTE: "备注",
}


class Decision(StrEnum):
    APPROVED = "approved"
    DENIED = "denied"
    NOT_ACCEPTED = "not_accepted"

    @property
    def label(self) -> str:
        return DECISION_LABELS[self]


DECISION_LABELS = {Decision.APPROVED: "准予", Decision.DENIED: "不予许可", Decision.NOT_ACCEPTED: "不予受理"}


def decision_label(decision: Decision, licensing: bool) -> str:
    """准予许可 / 不予许可 for licences; 准予办理 / 不予办理 for other items."""
    if decision is Decision.APPROVED:
        return "准予许可" if licensing else "准予办理"
    if decision is Decision.DENIED:
        return "不予许可" if licensing else "不予办理"
    return "不予受理"


@dataclass(frozen=True)
class Event:
    kind: CaseEventKind
    on: dt.date
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class State:
    """What a case's events say. The item's terms are copied at registration: a case keeps
    the type and the time limits in force when the application was made."""

    item_type: str = ""
    instant: bool = False
    promised_workdays: int = 0
    legal_workdays: int = 0
    submitted_on: dt.date | None = None
    accepted_on: dt.date | None = None
    pauses: tuple[tuple[dt.date, dt.date | None], ...] = ()
    decision: Decision | None = None
    decided_on: dt.date | None = None
    concluded_on: dt.date | None = None
    result_no: str = ""

    @property
    def registered(self) -> bool:
        return self.submitted_on is not None

    @property
    def is_open(self) -> bool:
        return self.concluded_on is None

    @property
    def suspended(self) -> bool:
        return bool(self.pauses) and self.pauses[-1][1] is None


class RuleViolation(Exception):
    def __init__(self, message: str, field: str | None = "on") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def apply(s: State, e: Event) -> State:
    d = e.data
    k = e.kind
    if k is CaseEventKind.REGISTERED:
        return replace(
            s,
            item_type=str(d["item_type"]),
            instant=bool(d.get("instant")),
            promised_workdays=int(d.get("promised_workdays", 0)),
            legal_workdays=int(d.get("legal_workdays", 0)),
            submitted_on=e.on,
        )
    if k is CaseEventKind.ACCEPTED:
        return replace(s, accepted_on=e.on)
    if k is CaseEventKind.NOT_ACCEPTED:
        return replace(s, decision=Decision.NOT_ACCEPTED, decided_on=e.on, concluded_on=e.on)
    if k is CaseEventKind.SUSPENDED:
        return replace(s, pauses=(*s.pauses, (e.on, None)))
    if k is CaseEventKind.RESUMED:
        return replace(s, pauses=(*s.pauses[:-1], (s.pauses[-1][0], e.on)))
    if k is CaseEventKind.APPROVED:
        return replace(s, decision=Decision.APPROVED, decided_on=e.on)
    if k is CaseEventKind.DENIED:
        return replace(s, decision=Decision.DENIED, decided_on=e.on)
    if k is CaseEventKind.CONCLUDED:
        return replace(s, concluded_on=e.on, result_no=str(d.get("result_no", "")))
    return s


def fold(events: Iterable[Event]) -> State:
    s = State()
    for e in events:
        s = apply(s, e)
    return s


def _text(data: Mapping[str, Any], key: str) -> str:
    return str(data.get(key) or "").strip()


def check(s: State, e: Event, *, today: dt.date) -> None:
    """Raise ``RuleViolation`` (Chinese message, field) unless ``e`` may follow state ``s``."""
    k = e.kind
    if k is CaseEventKind.NOTE:
        if not _text(e.data, "text"):
            raise RuleViolation("请填写备注内容", "text")
        return
    if e.on > today:
        raise RuleViolation("日期不能晚于今天")
    if k is CaseEventKind.REGISTERED:
        if s.registered:
            raise RuleViolation("该办件已登记")
        return
    if not s.registered:
        raise RuleViolation("办件尚未登记")
    if not s.is_open:
        raise RuleViolation("该办件已办结，不能再办理")
    if k in (CaseEventKind.ACCEPTED, CaseEventKind.NOT_ACCEPTED):
        if s.accepted_on is not None:
            raise RuleViolation("该办件已受理")
        if e.on < s.submitted_on:  # type: ignore[operator]
            raise RuleViolation("受理日期不能早于收到申请的日期")
        # 行政许可法第三十二条第一款: 不予受理 is a written decision with its reasons.
        if k is CaseEventKind.NOT_ACCEPTED and len(_text(e.data, "reason")) < 4:
            raise RuleViolation("不予受理须写明理由（行政许可法第三十二条）", "reason")
        return
    if s.accepted_on is None:
        raise RuleViolation("办件尚未受理")
    if k is CaseEventKind.SUSPENDED:
        if s.decision is not None:
            raise RuleViolation("已作出审批决定，不能再中止计时")
        if s.suspended:
            raise RuleViolation("特别程序尚未结束")
        if e.on < s.accepted_on or (s.pauses and e.on < s.pauses[-1][1]):  # type: ignore[operator]
            raise RuleViolation("特别程序开始日期不能早于受理日期或上一次特别程序结束的日期")
        if not _text(e.data, "reason"):
            raise RuleViolation("请写明特别程序（听证、检验、检测、鉴定、专家评审等，行政许可法第四十五条）", "reason")
        return
    if k is CaseEventKind.RESUMED:
        if not s.suspended:
            raise RuleViolation("该办件没有进行中的特别程序")
        if e.on < s.pauses[-1][0]:
            raise RuleViolation("特别程序结束日期不能早于开始日期")
        return
    if k in (CaseEventKind.APPROVED, CaseEventKind.DENIED):
        if s.decision is not None:
            raise RuleViolation("已作出审批决定")
        if s.suspended:
            raise RuleViolation("特别程序尚未结束，请先登记特别程序结束")
        if e.on < s.accepted_on:
            raise RuleViolation("审批日期不能早于受理日期")
        if s.pauses and e.on < s.pauses[-1][1]:  # type: ignore[operator]
            raise RuleViolation("审批日期不能早于特别程序结束的日期")
        # 行政许可法第三十八条第二款: 不予行政许可 must state its reasons.
        if k is CaseEventKind.DENIED and len(_text(e.data, "reason")) < 4:
            raise RuleViolation("不予许可须书面说明理由（行政许可法第三十八条第二款）", "reason")
        return
    if k is CaseEventKind.CONCLUDED:
        if s.decision is None:
            raise RuleViolation("尚未作出审批决定，不能办结")
        if e.on < s.decided_on:  # type: ignore[operator]
            raise RuleViolation("办结日期不能早于审批日期")
        # 行政许可法第三十九条: an approved licence is issued as a document (许可证、批准文件…);
        # its number is what the 公示 (第四十条) shows.
        if s.item_type == LICENSING and s.decision is Decision.APPROVED and not _text(e.data, "result_no"):
            raise RuleViolation("准予许可的，请填写许可证件编号或批准文号（行政许可法第三十九条）", "result_no")
        return
    raise RuleViolation("未知的办理环节", None)


# -- status -----------------------------------------------------------------------------------


class Phase(StrEnum):
    AWAITING_ACCEPTANCE = "awaiting_acceptance"
    IN_PROGRESS = "in_progress"
    SUSPENDED = "suspended"
    DECIDED = "decided"
    CONCLUDED = "concluded"

    @property
    def label(self) -> str:
        return PHASE_LABELS[self]


PHASE_LABELS = {
    Phase.AWAITING_ACCEPTANCE: "待受理",
    Phase.IN_PROGRESS: "审批中",
    Phase.SUSPENDED: "特别程序中",
    Phase.DECIDED: "待办结",
    Phase.CONCLUDED: "已办结",
}


@dataclass(frozen=True)
class Status:
    phase: Phase
    acceptance_due: dt.date | None  # 行政许可法第三十二条 (5 working days) while awaiting acceptance
    promised_due: dt.date | None  # 承诺时限: 办结 due
    legal_due: dt.date | None  # 法定时限: decision due
    days_left: int | None  # working days to the next due date of an open case
    overdue: bool
    on_time: bool | None  # concluded cases: 办结 within the promise
    decided_in_time: bool | None  # decided cases: decision within the statutory period
    provisional: bool  # a due date touches a year whose holidays are not loaded

    @property
    def label(self) -> str:
        return self.phase.label


def pauses_until(s: State, today: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Closed pauses as (S, E]; a running pause ends today (or at the conclusion)."""
    end_of_open = s.concluded_on or today
    return [(a, b if b is not None else max(a, end_of_open)) for a, b in s.pauses]


def derive(s: State, today: dt.date, cal: TableCalendar, *, acceptance_workdays: int = 5) -> Status:
    provisional = False
    acceptance_due = promised_due = legal_due = None
    if s.submitted_on is not None and s.accepted_on is None and s.is_open:
        acceptance_due = limits.due_date(cal, s.submitted_on, acceptance_workdays)
    if s.accepted_on is not None:
        pauses = pauses_until(s, today)
        promised_due = limits.due_date(cal, s.accepted_on, s.promised_workdays, pauses)
        if s.legal_workdays:
            legal_due = limits.due_date(cal, s.accepted_on, s.legal_workdays, pauses)
    for due in (acceptance_due, promised_due, legal_due):
        if due is not None and cal.unloaded_years_between(s.submitted_on or due, due):  # type: ignore[arg-type]
            provisional = True
    if not s.is_open:
        phase = Phase.CONCLUDED
    elif s.accepted_on is None:
        phase = Phase.AWAITING_ACCEPTANCE
    elif s.suspended:
        phase = Phase.SUSPENDED
    elif s.decision is not None:
        phase = Phase.DECIDED
    else:
        phase = Phase.IN_PROGRESS
    next_due = acceptance_due if phase is Phase.AWAITING_ACCEPTANCE else promised_due
    days_left = None
    overdue = False
    if s.is_open and next_due is not None and phase is not Phase.SUSPENDED:
        days_left = limits.workdays_left(cal, today, next_due)
        overdue = today > next_due
    on_time = None
    if not s.is_open and promised_due is not None:
        on_time = s.concluded_on <= promised_due  # type: ignore[operator]
    decided_in_time = None
    if s.decided_on is not None and s.accepted_on is not None:
        decided_in_time = s.decided_on <= (legal_due or promised_due)  # type: ignore[operator]
    return Status(phase, acceptance_due, promised_due, legal_due, days_left, overdue, on_time, decided_in_time, provisional)
