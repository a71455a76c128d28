"""The event log of an application and the state it folds to. Pure.

An application's life is an append-only list of events; everything else (receipt date,
clock pauses, outcome) is folded from it here, and the deadline is computed from the
folded state by ``clock``. Operations validate an event with ``check`` before appending.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any

from gongkai.foi.rules import outcomes
from gongkai.foi.rules.fees import FeeMethod
from gongkai.foi.rules.receipt import Channel


class EventKind(StrEnum):
    SUBMITTED = "submitted"  # online form sent; awaits confirmation (条例第三十一条第三项)
    REGISTERED = "registered"  # staff registered an application received by any channel
    RECEIPT_CONFIRMED = "receipt_confirmed"
    CORRECTION_REQUESTED = "correction_requested"
    CORRECTION_RECEIVED = "correction_received"
    CORRECTION_EXPIRED = "correction_expired"
    CONSULTATION_STARTED = "consultation_started"
    CONSULTATION_ENDED = "consultation_ended"
    EXTENSION_APPROVED = "extension_approved"
    FEE_NOTICE_SENT = "fee_notice_sent"
    FEE_PAID = "fee_paid"
    FEE_EXPIRED = "fee_expired"
    REPLY_ISSUED = "reply_issued"
    DELIVERED = "delivered"
    WITHDRAWN = "withdrawn"
    LEDGER_IMPORTED = "ledger_imported"
    NOTE = "note"

    @property
    def label(self) -> str:
        return EVENT_LABELS[self]


EVENT_LABELS: dict[EventKind, str] = {
    EventKind.SUBMITTED: "在线提交申请",
    EventKind.REGISTERED: "登记收到申请",
    EventKind.RECEIPT_CONFIRMED: "确认收到申请",
    EventKind.CORRECTION_REQUESTED: "发出补正告知",
    EventKind.CORRECTION_RECEIVED: "收到补正材料",
    EventKind.CORRECTION_EXPIRED: "逾期未补正",
    EventKind.CONSULTATION_STARTED: "发出征求意见函",
    EventKind.CONSULTATION_ENDED: "征求意见结束",
    EventKind.EXTENSION_APPROVED: "批准延期答复",
    EventKind.FEE_NOTICE_SENT: "发出收费通知",
    EventKind.FEE_PAID: "收到缴费",
    EventKind.FEE_EXPIRED: "逾期未缴费",
    EventKind.REPLY_ISSUED: "作出答复",
    EventKind.DELIVERED: "答复已送达",
    EventKind.WITHDRAWN: "申请人撤回申请",
    EventKind.LEDGER_IMPORTED: "从台账导入",
    EventKind.NOTE: "备注",
}


class ConsultationParty(StrEnum):
    THIRD_PARTY = "third_party"  # 条例第三十二条
    OTHER_ORGAN = "other_organ"  # 条例第三十四条

    @property
    def label(self) -> str:
        return "第三方" if self is ConsultationParty.THIRD_PARTY else "其他行政机关"


@dataclass(frozen=True)
class Event:
    kind: EventKind
    on: dt.date
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Consultation:
    ref: str
    party: ConsultationParty
    name: str
    start: dt.date
    end: dt.date | None = None


@dataclass(frozen=True)
class State:
    """What the events say about an application. Dates are business dates (Asia/Shanghai)."""

    channel: Channel | None = None
    submitted_on: dt.date | None = None
    received_on: dt.date | None = None  # statutory 收到日期; None while awaiting confirmation
    correction_requested_on: dt.date | None = None
    correction_period: int | None = None  # working days given in the 补正 notice
    correction_received_on: dt.date | None = None
    consultations: tuple[Consultation, ...] = ()
    extended: bool = False
    extension_on: dt.date | None = None
    fee_method: FeeMethod | None = None
    fee_units: int | None = None  # pieces or pages
    fee_amount: Decimal | None = None
    fee_notice_on: dt.date | None = None
    fee_paid_on: dt.date | None = None
    concluded_on: dt.date | None = None  # 答复日期 (or the date of the concluding event)
    outcome: str | None = None  # outcomes key
    delivered_on: dt.date | None = None
    imported: bool = False

    @property
    def is_open(self) -> bool:
        return self.concluded_on is None

    @property
    def awaiting_receipt(self) -> bool:
        return self.received_on is None

    @property
    def awaiting_correction(self) -> bool:
        return (
            self.correction_requested_on is not None
            and self.correction_received_on is None
            and self.concluded_on is None
        )

    @property
    def open_consultations(self) -> tuple[Consultation, ...]:
        return tuple(c for c in self.consultations if c.end is None)

    @property
    def awaiting_fee(self) -> bool:
        return self.fee_notice_on is not None and self.fee_paid_on is None and self.concluded_on is None

    @property
    def fee_collected(self) -> Decimal:
        """The 信息处理费 actually received: the amount asked, once paid; otherwise nothing.
        # fees.md §8: a fee not paid in time (视为放弃申请, 表三（六）2) is not counted as
        #   collected in section 六 of the annual report.
        """
        if self.fee_paid_on is None or self.fee_amount is None:
            return Decimal(0)
        return self.fee_amount


class RuleViolation(ValueError):
    """An event that the law or the application's history does not allow. Message in Chinese."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def apply(state: State, event: Event) -> State:
    """Fold one event into the state. Assumes ``check`` has accepted it."""
    k, on, d = event.kind, event.on, event.data
    if k is EventKind.SUBMITTED:
        return replace(state, channel=Channel(d.get("channel", Channel.ONLINE)), submitted_on=on)
    if k is EventKind.REGISTERED:
        return replace(
            state,
            channel=Channel(d["channel"]),
            submitted_on=_date(d.get("submitted_on")) or state.submitted_on,
            received_on=on if not d.get("awaiting_confirmation") else None,
        )
    if k is EventKind.RECEIPT_CONFIRMED:
        return replace(state, received_on=on)
    if k is EventKind.CORRECTION_REQUESTED:
        period = d.get("period_workdays")
        return replace(
            state, correction_requested_on=on, correction_received_on=None, correction_period=int(period) if period else None
        )
    if k is EventKind.CORRECTION_RECEIVED:
        return replace(state, correction_received_on=on)
    if k is EventKind.CORRECTION_EXPIRED:
        return replace(state, concluded_on=on, outcome=outcomes.NO_CORRECTION.key)
    if k is EventKind.CONSULTATION_STARTED:
        c = Consultation(str(d["ref"]), ConsultationParty(d["party"]), str(d.get("name", "")), on)
        return replace(state, consultations=(*state.consultations, c))
    if k is EventKind.CONSULTATION_ENDED:
        cs = tuple(replace(c, end=on) if c.ref == str(d["ref"]) else c for c in state.consultations)
        return replace(state, consultations=cs)
    if k is EventKind.EXTENSION_APPROVED:
        return replace(state, extended=True, extension_on=on)
    if k is EventKind.FEE_NOTICE_SENT:
        return replace(
            state,
            fee_method=FeeMethod(d["method"]),
            fee_units=int(d["units"]) if d.get("units") is not None else None,
            fee_amount=Decimal(str(d["amount"])),
            fee_notice_on=on,
        )
    if k is EventKind.FEE_PAID:
        return replace(state, fee_paid_on=on)
    if k is EventKind.FEE_EXPIRED:
        return replace(state, concluded_on=on, outcome=outcomes.NO_FEE.key)
    if k is EventKind.REPLY_ISSUED:
        return replace(state, concluded_on=on, outcome=str(d["outcome"]))
    if k is EventKind.DELIVERED:
        return replace(state, delivered_on=on)
    if k is EventKind.WITHDRAWN:
        return replace(state, concluded_on=on, outcome=outcomes.WITHDRAWN.key)
    if k is EventKind.LEDGER_IMPORTED:
        return snapshot_from_ledger(d)
    return state  # NOTE


def fold(events: Iterable[Event]) -> State:
    state = State()
    for event in events:
        state = apply(state, event)
    return state


def snapshot_from_ledger(d: Mapping[str, Any]) -> State:
    """A state from one ledger row (the data of a ``ledger_imported`` event)."""
    consultations: tuple[Consultation, ...] = ()
    if d.get("consultation_start"):
        consultations = (
            Consultation(
                "ledger",
                ConsultationParty.THIRD_PARTY,
                "",
                _date(d["consultation_start"]),  # type: ignore[arg-type]
                _date(d.get("consultation_end")),
            ),
        )
    fee_method = FeeMethod(d["fee_method"]) if d.get("fee_method") else None
    return State(
        channel=Channel(d["channel"]) if d.get("channel") else None,
        received_on=_date(d["received_on"]),
        correction_requested_on=_date(d.get("correction_requested_on")),
        correction_received_on=_date(d.get("correction_received_on")),
        consultations=consultations,
        extended=bool(d.get("extended")),
        fee_method=fee_method,
        fee_amount=Decimal(str(d["fee_amount"])) if d.get("fee_amount") not in (None, "") else None,
        fee_paid_on=_date(d.get("fee_paid_on")),
        concluded_on=_date(d.get("concluded_on")),
        outcome=d.get("outcome") or None,
        imported=True,
    )


# -- validation -------------------------------------------------------------------------


def _require_open(state: State) -> None:
    if not state.is_open:
        raise RuleViolation(f"该申请已于{state.concluded_on:%Y年%m月%d日}办结，不能再办理此项")


def _not_before(on: dt.date, floor: dt.date | None, what: str) -> None:
    if floor is not None and on < floor:
        raise RuleViolation(f"日期不能早于{what}（{floor:%Y-%m-%d}）", "on")


def check(state: State, event: Event, *, today: dt.date) -> None:
    """Raise ``RuleViolation`` unless ``event`` may follow ``state``."""
    k, on, d = event.kind, event.on, event.data
    if on > today:
        raise RuleViolation("日期不能晚于今天", "on")
    if k in (EventKind.SUBMITTED, EventKind.REGISTERED, EventKind.LEDGER_IMPORTED):
        return
    if k is EventKind.NOTE:
        return
    if k is EventKind.DELIVERED:
        if state.is_open:
            raise RuleViolation("尚未作出答复，不能登记送达")
        _not_before(on, state.concluded_on, "答复日期")
        return
    if k is EventKind.RECEIPT_CONFIRMED:
        # A withdrawn application is concluded: confirming it afterwards would give it a
        # receipt date after its conclusion (and count it as 本年新收 in the annual report).
        _require_open(state)
        if state.received_on is not None:
            raise RuleViolation("该申请已确认收到，不能重复确认")
        _not_before(on, state.submitted_on, "提交日期")
        return
    _require_open(state)
    if state.received_on is None and k is not EventKind.WITHDRAWN:
        raise RuleViolation("请先确认收到申请（条例第三十一条：以双方确认之日为收到申请之日）")
    _not_before(on, state.received_on, "收到申请日期")
    if k is EventKind.CORRECTION_REQUESTED:
        # 条例第三十条: 补正 is asked once, in full (一次性告知).
        if state.correction_requested_on is not None:
            raise RuleViolation("补正只能一次性告知（条例第三十条），该申请已发出过补正告知")
        if not str(d.get("items", "")).strip():
            raise RuleViolation("请写明需要补正的事项", "items")
    elif k is EventKind.CORRECTION_RECEIVED:
        if not state.awaiting_correction:
            raise RuleViolation("该申请没有待补正的告知")
        _not_before(on, state.correction_requested_on, "补正告知日期")
    elif k is EventKind.CORRECTION_EXPIRED:
        if not state.awaiting_correction:
            raise RuleViolation("该申请没有待补正的告知")
        _not_before(on, state.correction_requested_on, "补正告知日期")
    elif k is EventKind.CONSULTATION_STARTED:
        ref = str(d.get("ref", ""))
        if not ref or any(c.ref == ref for c in state.consultations):
            raise RuleViolation("征求意见编号重复", "ref")
        if not str(d.get("name", "")).strip():
            raise RuleViolation("请填写被征求意见的第三方或机关名称", "name")
        if d.get("party") not in ConsultationParty.__members__.values():
            raise RuleViolation("请选择征求意见对象：第三方（条例第三十二条）或其他行政机关（条例第三十四条）", "party")
    elif k is EventKind.CONSULTATION_ENDED:
        match = [c for c in state.consultations if c.ref == str(d.get("ref")) and c.end is None]
        if not match:
            raise RuleViolation("没有找到这项进行中的征求意见", "ref")
        _not_before(on, match[0].start, "发出征求意见函日期")
    elif k is EventKind.EXTENSION_APPROVED:
        if state.extended:
            raise RuleViolation("延期只能批准一次，延长期限最长不超过20个工作日（条例第三十三条）")
    elif k is EventKind.FEE_NOTICE_SENT:
        if state.fee_notice_on is not None:
            raise RuleViolation("已发出过收费通知；同一申请只能按一种方式计收（109号第三条）")
        if d.get("method") not in FeeMethod.__members__.values():
            raise RuleViolation("请选择计收方式（按件或按量）", "method")
    elif k is EventKind.FEE_PAID:
        if not state.awaiting_fee:
            raise RuleViolation("该申请没有待缴的收费通知")
        _not_before(on, state.fee_notice_on, "收费通知日期")
    elif k is EventKind.FEE_EXPIRED:
        if not state.awaiting_fee:
            raise RuleViolation("该申请没有待缴的收费通知")
        _not_before(on, state.fee_notice_on, "收费通知日期")
    elif k is EventKind.REPLY_ISSUED:
        key = str(d.get("outcome", ""))
        if key not in outcomes.BY_KEY:
            raise RuleViolation("请选择办理结果", "outcome")
        if key in (outcomes.NO_CORRECTION.key, outcomes.NO_FEE.key):
            raise RuleViolation("逾期不补正、逾期未缴费请通过对应的办理步骤登记", "outcome")
        if key == outcomes.BY_KEY["unable.still_unclear"].key and state.correction_received_on is None:
            raise RuleViolation("“补正后申请内容仍不明确”只适用于已收到补正材料的申请（条例第三十条）", "outcome")
        if state.awaiting_fee:
            raise RuleViolation("收费通知尚未缴费或到期，暂不能答复")
    elif k is EventKind.WITHDRAWN:
        pass
