"""Build the ``LetterContext`` of each letter from an application's records.

Dates are computed here (services layer: it knows the calendar) so that the letter module
stays pure. Which letters exist for an application follows from its events.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from gongkai.foi import services
from gongkai.foi.letters import LETTERS, LetterContext
from gongkai.foi.models import Application
from gongkai.foi.rules import clock
from gongkai.foi.rules.events import ConsultationParty, EventKind
from gongkai.foi.rules.fees import BandCharge, FeeMethod
from gongkai.foi.rules.status import FEE_PAYMENT_WORKDAYS
from gongkai.workdays.services import current_calendar

CONSULTATION_WORKDAYS = 15  # 条例第三十二条、第三十四条: 15个工作日内提出意见
CONCLUDING = {EventKind.REPLY_ISSUED, EventKind.CORRECTION_EXPIRED, EventKind.FEE_EXPIRED, EventKind.WITHDRAWN}


def reply_number(agency: Any, letter_no: str) -> str:
    """张民宗依复〔2026〕3号 when the agency has a 发文机关代字, else 依复〔2026〕3号."""
    return f"{agency.doc_prefix}依复{letter_no}" if letter_no else ""


def base_context(app: Application, letter_date: dt.date) -> LetterContext:
    agency = app.agency
    return LetterContext(
        agency_name=agency.name,
        application_number=app.number,
        applicant_name=app.applicant.name,
        received_on=app.received_on or letter_date,
        requested_content=app.content,
        letter_number="",
        letter_date=letter_date,
        office_name=agency.office_name,
        office_phone=agency.phone,
        office_address=agency.address,
    )


def available(app: Application) -> list[tuple[str, str, str]]:
    """[(kind, ref, menu title)] of the letters this application's events allow."""
    out: list[tuple[str, str, str]] = []
    for e in app.events.order_by("seq"):
        kind = EventKind(e.kind)
        if kind in CONCLUDING:
            out.append(("reply", "", LETTERS["reply"][0]))
        elif kind is EventKind.CORRECTION_REQUESTED:
            out.append(("correction", "", LETTERS["correction"][0]))
        elif kind is EventKind.EXTENSION_APPROVED:
            out.append(("extension", "", LETTERS["extension"][0]))
        elif kind is EventKind.FEE_NOTICE_SENT:
            out.append(("fee", "", LETTERS["fee"][0]))
        elif kind is EventKind.CONSULTATION_STARTED:
            out.append(("consultation", str(e.data["ref"]), f"{LETTERS['consultation'][0]}（{e.data.get('name', '')}）"))
    return out


def build(app: Application, kind: str, ref: str = "") -> LetterContext | None:
    """The context of one letter, or None when the application has no such letter."""
    events = list(app.events.order_by("seq"))
    state = app.folded_state()
    cal = current_calendar()

    def last(k: EventKind, **match: str) -> Any:
        found = [e for e in events if e.kind == k.value and all(str(e.data.get(a)) == v for a, v in match.items())]
        return found[-1] if found else None

    if kind == "reply":
        e = next((e for e in reversed(events) if EventKind(e.kind) in CONCLUDING), None)
        if e is None:
            return None
        ctx = replace(base_context(app, e.on), outcome_key=state.outcome or "")
        k = EventKind(e.kind)
        if k is EventKind.REPLY_ISSUED:
            d = e.data
            return replace(
                ctx,
                letter_number=reply_number(app.agency, d.get("letter_no", "")),
                reason=d.get("summary", ""),
                access=d.get("access", ""),
                disclosed_part=d.get("disclosed_part", ""),
                withheld_part=d.get("withheld_part", ""),
                referral=d.get("referral", ""),
                proactively_disclosed=bool(d.get("proactively_disclosed")),
            )
        if k is EventKind.CORRECTION_EXPIRED:
            notice = last(EventKind.CORRECTION_REQUESTED)
            return replace(ctx, earlier_letter_date=notice.on if notice else None, due_date=dt.date.fromisoformat(e.data["due"]) if e.data.get("due") else None)
        if k is EventKind.FEE_EXPIRED:
            notice = last(EventKind.FEE_NOTICE_SENT)
            return replace(ctx, earlier_letter_date=notice.on if notice else None, due_date=dt.date.fromisoformat(e.data["due"]) if e.data.get("due") else None)
        return replace(ctx, reason=e.data.get("reason") or "您已申请撤回该项政府信息公开申请。")
    if kind == "correction":
        e = last(EventKind.CORRECTION_REQUESTED)
        if e is None:
            return None
        period = int(e.data.get("period_workdays") or services.correction_period())
        items = tuple(line.strip() for line in str(e.data.get("items", "")).splitlines() if line.strip())
        return replace(base_context(app, e.on), items=items, period_workdays=period, due_date=clock.correction_due(e.on, cal, period))
    if kind == "extension":
        e = last(EventKind.EXTENSION_APPROVED)
        inp = clock.clock_input(state, services.clock_config())
        if e is None or inp is None:
            return None
        extended = clock.compute(inp, cal, explain=False).deadline
        original = clock.compute(replace(inp, workdays=clock.BASE_WORKDAYS), cal, explain=False).deadline
        return replace(base_context(app, e.on), reason=e.data.get("reason", ""), original_deadline=original, new_deadline=extended)
    if kind == "fee":
        e = last(EventKind.FEE_NOTICE_SENT)
        if e is None:
            return None
        bands = tuple(BandCharge(b["first"], b["last"], b["rate"], b["count"], b["subtotal"]) for b in e.data.get("bands", []))
        return replace(
            base_context(app, e.on),
            fee_method=FeeMethod(e.data["method"]),
            fee_bands=bands,
            payment_method=f"请到{app.agency.name}{app.agency.office_name}缴纳，或按本机关提供的非税收入缴款书缴入国库",
            due_date=cal.add_workdays(e.on, FEE_PAYMENT_WORKDAYS),
        )
    if kind == "consultation":
        e = last(EventKind.CONSULTATION_STARTED, ref=ref)
        if e is None:
            return None
        return replace(
            base_context(app, e.on),
            consultation_party=ConsultationParty(e.data["party"]),
            consultee_name=e.data.get("name", ""),
            items=(app.content,),
            due_date=cal.add_workdays(e.on, CONSULTATION_WORKDAYS),
        )
    return None
