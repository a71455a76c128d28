"""Named operations on 依申请公开 applications.

Each operation checks the actor's role, locks the application, validates the new event
against the folded history (``rules.events.check``), appends it, refreshes the projection
and writes the audit log — all in one transaction. Nothing else writes these tables.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Sum

from gongkai.agencies.models import Agency, Department
from gongkai.core import audit
from gongkai.core.errors import OperationError
from gongkai.core.rules.identifiers import InvalidIdentifier, normalise_credit_code, normalise_resident_id
from gongkai.core.sequences import next_value
from gongkai.foi import auth, services
from gongkai.foi.models import (
    PROJECTION_FIELDS,
    Applicant,
    Application,
    ApplicationEvent,
    IdType,
    Source,
    project,
)
from gongkai.foi.rules import clock, fees
from gongkai.foi.rules.applicants import ApplicantKind
from gongkai.foi.rules.events import Event, EventKind, RuleViolation, State, apply, check, fold
from gongkai.foi.rules.outcomes import BY_KEY
from gongkai.foi.rules.receipt import Channel, ReceiptError, statutory_receipt_date
from gongkai.foi.rules.status import FEE_PAYMENT_WORKDAYS
from gongkai.workdays.services import current_calendar

# -- applicants -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicantData:
    kind: str
    name: str
    id_type: str = IdType.NONE
    id_number: str = ""
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""


def _normalise_id(data: ApplicantData) -> tuple[str, str]:
    number = (data.id_number or "").strip()
    id_type = data.id_type or IdType.NONE
    if not number:
        return IdType.NONE, ""
    try:
        if id_type == IdType.RESIDENT_ID:
            return id_type, normalise_resident_id(number)
        if id_type == IdType.CREDIT_CODE:
            return id_type, normalise_credit_code(number)
    except InvalidIdentifier as exc:
        raise OperationError(str(exc), field="id_number") from None
    return IdType.OTHER if id_type == IdType.NONE else id_type, number.upper()


def find_or_create_applicant(agency: Agency, data: ApplicantData) -> Applicant:
    """The same applicant is recognised by ID number within an agency (needed for fees)."""
    try:
        kind = ApplicantKind(data.kind)
    except ValueError:
        raise OperationError("请选择申请人类型", field="kind") from None
    name = (data.name or "").strip()
    if not name:
        raise OperationError("请填写申请人姓名或名称", field="name")
    id_type, number = _normalise_id(data)
    if kind.is_person and id_type == IdType.CREDIT_CODE:
        raise OperationError("自然人请填写身份证号码，不是统一社会信用代码", field="id_type")
    if not kind.is_person and id_type == IdType.RESIDENT_ID:
        raise OperationError("法人或其他组织请填写统一社会信用代码", field="id_type")
    fields = {
        "kind": kind.value,
        "name": name,
        "contact_person": data.contact_person.strip(),
        "phone": data.phone.strip(),
        "email": data.email.strip(),
        "address": data.address.strip(),
        "postcode": data.postcode.strip(),
    }
    if number:
        applicant, created = Applicant.objects.get_or_create(
            agency=agency, id_type=id_type, id_number=number, defaults=fields
        )
        if not created:  # keep contact details current
            for key, value in fields.items():
                if value and key not in ("kind",):
                    setattr(applicant, key, value)
            applicant.save()
        return applicant
    return Applicant.objects.create(agency=agency, id_type=IdType.NONE, id_number="", **fields)


# -- the event machinery ---------------------------------------------------------------------


PUBLIC = AnonymousUser()  # the citizen acting through the public pages


def _actor_label(actor: Any) -> str:
    if actor is None:
        return "系统"
    if not getattr(actor, "is_authenticated", False):
        return "申请人"
    return actor.get_full_name() or actor.get_username()


def _load(app: Application) -> tuple[Application, State, int]:
    locked = Application.objects.select_for_update().select_related("agency").get(pk=app.pk)
    events = [e.as_rule_event() for e in locked.events.order_by("seq")]
    return locked, fold(events), len(events)


def _project(app: Application, state: State, seq: int) -> None:
    project(app, state, seq)
    app.save(update_fields=list(PROJECTION_FIELDS))


def _append(actor: Any, app: Application, state: State, seq: int, event: Event, summary: str) -> State:
    try:
        check(state, event, today=services.today())
    except RuleViolation as exc:
        raise OperationError(exc.message, field=exc.field) from None
    ApplicationEvent.objects.create(
        application=app,
        seq=seq + 1,
        kind=event.kind.value,
        on=event.on,
        data=dict(event.data),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=_actor_label(actor),
    )
    new_state = apply(state, event)
    _project(app, new_state, seq + 1)
    audit.record(
        actor,
        f"foi.{event.kind.value}",
        obj=app,
        agency_id=app.agency_id,
        summary=f"{app.number} {event.kind.label}{('：' + summary) if summary else ''}",
        data={"on": event.on.isoformat(), **{k: v for k, v in event.data.items() if k != "text"}},
    )
    return new_state


def _act(actor: Any, app: Application, build, summary: str = "", *, extend: bool = False) -> Application:  # type: ignore[no-untyped-def]
    """Check the role, lock, build the event from the current state, append it."""
    (auth.require_extend if extend else auth.require_handle)(actor, app.agency)
    with transaction.atomic():
        locked, state, seq = _load(app)
        event = build(locked, state)
        _append(actor, locked, state, seq, event, summary)
    return locked


def _date(value: Any, field: str, label: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise OperationError(f"{label}不是有效日期（应为YYYY-MM-DD）", field=field) from None


# -- query codes -----------------------------------------------------------------------------

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def _digest(code: str) -> str:
    key = (settings.SECRET_KEY + ":foi-query-code").encode()
    return hmac.new(key, code.strip().upper().replace("-", "").encode(), hashlib.sha256).hexdigest()


def new_query_code() -> tuple[str, str]:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in (0, 4, 8)), _digest(raw)


def find_by_query_code(code: str) -> Application | None:
    """The application a query code belongs to. Only the code's holder can find it."""
    if not code or len(code.replace("-", "").strip()) != 12:
        return None
    return Application.objects.select_related("agency").filter(query_code_digest=_digest(code)).first()


def _new_number(agency: Agency, year: int) -> str:
    return f"{year}-{next_value(f'foi-application:{agency.pk}:{year}'):04d}"


# -- registering ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestData:
    content: str
    form_requirement: str = ""
    delivery: str = ""
    pieces: int = 1


def _validate_request(req: RequestData) -> None:
    if len(req.content.strip()) < 4:
        raise OperationError("请写明所需政府信息的名称、文号或者便于查询的其他特征性描述（条例第二十九条）", field="content")
    if not 1 <= req.pieces <= 500:
        raise OperationError("计费件数应在1到500之间", field="pieces")


def submit_online(agency: Agency, applicant: ApplicantData, request: RequestData) -> tuple[Application, str]:
    """A citizen's online application. Its receipt date is fixed when staff confirm it
    (条例第三十一条第三项: 以双方确认之日为收到申请之日). Returns the query code once."""
    if not agency.is_active:
        raise OperationError("该机关暂不受理在线申请")
    _validate_request(request)
    today = services.today()
    code, digest = new_query_code()
    with transaction.atomic():
        person = find_or_create_applicant(agency, applicant)
        app = Application.objects.create(
            agency=agency,
            number=_new_number(agency, today.year),
            applicant=person,
            applicant_kind=person.kind,
            channel=Channel.ONLINE,
            source=Source.ONLINE,
            content=request.content.strip(),
            form_requirement=request.form_requirement,
            delivery=request.delivery,
            query_code_digest=digest,
        )
        _append(PUBLIC, app, State(), 0, Event(EventKind.SUBMITTED, today, {"channel": Channel.ONLINE.value}), "")
    return app, code


def register(
    actor: Any,
    agency: Agency,
    applicant: ApplicantData,
    request: RequestData,
    *,
    channel: str,
    submitted_on: dt.date | None = None,
    signed_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
    department: Department | None = None,
) -> tuple[Application, str]:
    """Staff register an application received at the counter, by post, fax, e-mail ..."""
    auth.require_handle(actor, agency)
    _validate_request(request)
    try:
        ch = Channel(channel)
    except ValueError:
        raise OperationError("请选择申请方式", field="channel") from None
    try:
        received = statutory_receipt_date(ch, submitted_on=submitted_on, signed_on=signed_on, confirmed_on=confirmed_on)
    except ReceiptError as exc:
        raise OperationError(str(exc), field=exc.field) from None
    on = received or submitted_on or signed_on
    if on is None:
        raise OperationError("请填写提交日期或确认收到日期", field="submitted_on")
    if department is not None and department.agency_id != agency.pk:
        raise OperationError("承办科室不属于本机关", field="department")
    code, digest = new_query_code()
    with transaction.atomic():
        person = find_or_create_applicant(agency, applicant)
        app = Application.objects.create(
            agency=agency,
            number=_new_number(agency, on.year),
            applicant=person,
            applicant_kind=person.kind,
            channel=ch.value,
            source=Source.REGISTERED,
            content=request.content.strip(),
            form_requirement=request.form_requirement,
            delivery=request.delivery,
            pieces=request.pieces,
            department=department,
            query_code_digest=digest,
            created_by=actor,
        )
        data = {
            "channel": ch.value,
            "submitted_on": submitted_on.isoformat() if submitted_on else None,
            "signed_on": signed_on.isoformat() if signed_on else None,
            "awaiting_confirmation": received is None,
        }
        _append(actor, app, State(), 0, Event(EventKind.REGISTERED, on, data), ch.label)
    return app, code


def confirm_receipt(actor: Any, app: Application, *, on: dt.date) -> Application:
    """条例第三十一条: the day both sides confirm is the statutory date of receipt."""
    return _act(actor, app, lambda a, s: Event(EventKind.RECEIPT_CONFIRMED, on), f"收到日期 {on:%Y-%m-%d}")


# -- 补正 (条例第三十条) -----------------------------------------------------------------------


def request_correction(actor: Any, app: Application, *, on: dt.date, items: str, period_workdays: int | None = None) -> Application:
    period = period_workdays or services.correction_period()
    if not 1 <= period <= 60:
        raise OperationError("补正期限应在1到60个工作日之间", field="period_workdays")

    def build(a: Application, s: State) -> Event:
        late = s.received_on is not None and clock.correction_notice_late(s.received_on, on, current_calendar())
        return Event(EventKind.CORRECTION_REQUESTED, on, {"items": items.strip(), "period_workdays": period, "late_notice": late})

    return _act(actor, app, build, items.strip()[:60])


def receive_correction(actor: Any, app: Application, *, on: dt.date, note: str = "") -> Application:
    return _act(actor, app, lambda a, s: Event(EventKind.CORRECTION_RECEIVED, on, {"note": note.strip()}), "答复期限自当日重新计算")


def receive_correction_online(app: Application, *, text: str) -> Application:
    """The applicant answers a 补正 notice through the query page. The platform
    acknowledges at once, so the day of submission is the day of receipt."""
    if len(text.strip()) < 4:
        raise OperationError("请填写补正内容", field="text")
    with transaction.atomic():
        locked, state, seq = _load(app)
        _append(PUBLIC, locked, state, seq, Event(EventKind.CORRECTION_RECEIVED, services.today(), {"note": text.strip(), "via": "online"}), "申请人在线提交补正")
    return locked


def expire_correction(actor: Any, app: Application, *, on: dt.date) -> Application:
    """条例第三十条: 无正当理由逾期不补正的，视为放弃申请。"""

    def build(a: Application, s: State) -> Event:
        if s.correction_requested_on is None:
            raise OperationError("该申请没有待补正的告知")
        period = s.correction_period or services.correction_period()
        due = clock.correction_due(s.correction_requested_on, current_calendar(), period)
        if on <= due:
            raise OperationError(f"补正期限至{due:%Y年%m月%d日}，期限届满后才能按逾期未补正处理", field="on")
        return Event(EventKind.CORRECTION_EXPIRED, on, {"due": due.isoformat()})

    return _act(actor, app, build, "视为放弃申请")


# -- 征求意见 (条例第三十二条、第三十四条) --------------------------------------------------------


def start_consultation(actor: Any, app: Application, *, on: dt.date, party: str, name: str) -> Application:
    def build(a: Application, s: State) -> Event:
        ref = str(len(s.consultations) + 1)
        return Event(EventKind.CONSULTATION_STARTED, on, {"ref": ref, "party": party, "name": name.strip()})

    return _act(actor, app, build, name.strip())


def end_consultation(actor: Any, app: Application, *, ref: str, on: dt.date, result: str = "") -> Application:
    return _act(actor, app, lambda a, s: Event(EventKind.CONSULTATION_ENDED, on, {"ref": str(ref), "result": result.strip()}), result.strip())


# -- 延期 (条例第三十三条第二款) ------------------------------------------------------------------


def approve_extension(actor: Any, app: Application, *, on: dt.date, reason: str) -> Application:
    if not reason.strip():
        raise OperationError("请填写延期理由", field="reason")

    def build(a: Application, s: State) -> Event:
        inp = clock.clock_input(s, services.clock_config())
        if inp is not None:
            dl = clock.compute(inp, current_calendar(), explain=False).deadline
            if dl is not None and on > dl:
                raise OperationError(f"原答复期限已于{dl:%Y年%m月%d日}届满，不能再批准延期", field="on")
        return Event(EventKind.EXTENSION_APPROVED, on, {"reason": reason.strip(), "approver": _actor_label(actor)})

    return _act(actor, app, build, reason.strip(), extend=True)


# -- 信息处理费 (国办函〔2020〕109号) -----------------------------------------------------------


def month_ordinal(app: Application) -> int:
    """The first monthly piece ordinal of this application for its applicant (109号第四条):
    pieces of the same applicant's earlier applications to this agency in the same natural
    month, plus one."""
    received = app.received_on
    if received is None:
        raise OperationError("申请尚未确认收到，无法计算本月件数")
    earlier = (
        Application.objects.filter(
            agency_id=app.agency_id,
            applicant_id=app.applicant_id,
            received_on__year=received.year,
            received_on__month=received.month,
        )
        .exclude(pk=app.pk)
        .filter(received_on__lt=received)
        | Application.objects.filter(
            agency_id=app.agency_id, applicant_id=app.applicant_id, received_on=received, pk__lt=app.pk
        )
    )
    return int(earlier.aggregate(n=Sum("pieces"))["n"] or 0) + 1


def quote_fee(app: Application, method: str, units: int | None = None) -> tuple[Decimal, dict[str, Any]]:
    """Compute the fee for an application by one method (109号第三条: 不得同时按照两种标准计算)."""
    try:
        m = fees.FeeMethod(method)
    except ValueError:
        raise OperationError("请选择计收方式（按件或按量）", field="method") from None
    if m is fees.FeeMethod.PER_PIECE:
        first = month_ordinal(app)
        charges = fees.pieces_charges(first, app.pieces)
        detail = {"first_ordinal": first, "units": app.pieces}
    else:
        if units is None or units < 1:
            raise OperationError("按量计收须填写页数", field="units")
        charges = fees.pages_charges(units)
        detail = {"units": units}
    amount = Decimal(sum(c.subtotal for c in charges))
    detail["bands"] = [{"first": c.first, "last": c.last, "rate": c.rate, "count": c.count, "subtotal": c.subtotal} for c in charges]
    return amount, detail


def send_fee_notice(actor: Any, app: Application, *, on: dt.date, method: str, units: int | None = None) -> Application:
    def build(a: Application, s: State) -> Event:
        # fees.md §5 (109号 as restated by 四川): the 收费通知 is sent within the processing period.
        inp = clock.clock_input(s, services.clock_config())
        if inp is not None and s.is_open:
            dl = clock.compute(inp, current_calendar(), explain=False).deadline
            if dl is not None and on > dl:
                raise OperationError(f"答复期限已于{dl:%Y年%m月%d日}届满，收费通知应当在办理期限内发出", field="on")
        amount, detail = quote_fee(a, method, units)
        if amount <= 0:
            what = f"本月第{detail['first_ordinal']}件起" if method == fees.FeeMethod.PER_PIECE else f"{units}页"
            raise OperationError(f"按{fees.FeeMethod(method).label}，{what}未超过免费标准，不应收费", field="method")
        return Event(EventKind.FEE_NOTICE_SENT, on, {"method": method, "amount": str(amount), **detail})

    return _act(actor, app, build, f"{fees.FeeMethod(method).label}" if method in fees.FeeMethod.__members__.values() else "")


def record_fee_payment(actor: Any, app: Application, *, on: dt.date, receipt_no: str = "") -> Application:
    return _act(actor, app, lambda a, s: Event(EventKind.FEE_PAID, on, {"receipt_no": receipt_no.strip()}), receipt_no)


def expire_fee(actor: Any, app: Application, *, on: dt.date) -> Application:
    """109号: 逾期未缴纳的视为放弃申请。"""

    def build(a: Application, s: State) -> Event:
        if s.fee_notice_on is None:
            raise OperationError("该申请没有待缴的收费通知")
        due = current_calendar().add_workdays(s.fee_notice_on, FEE_PAYMENT_WORKDAYS)
        if on <= due:
            raise OperationError(f"缴费期限至{due:%Y年%m月%d日}，期限届满后才能按逾期未缴费处理", field="on")
        return Event(EventKind.FEE_EXPIRED, on, {"due": due.isoformat()})

    return _act(actor, app, build, "视为放弃申请")


# -- 答复, 送达, 撤回 -----------------------------------------------------------------------------


def issue_reply(
    actor: Any,
    app: Application,
    *,
    on: dt.date,
    outcome: str,
    summary: str = "",
    access: str = "",
    proactively_disclosed: bool = False,
    disclosed_part: str = "",
    withheld_part: str = "",
    referral: str = "",
) -> Application:
    """Conclude with one of the 21 outcomes. The reply letter must be writable from what
    is recorded (e.g. 不予公开 needs its reasons, 条例第三十六条第三项), so it is composed
    here once and any gap is reported on the form before anything is written."""
    if outcome not in BY_KEY:
        raise OperationError("请选择办理结果", field="outcome")
    details = {
        "summary": summary.strip(),
        "access": access.strip(),
        "proactively_disclosed": bool(proactively_disclosed),
        "disclosed_part": disclosed_part.strip(),
        "withheld_part": withheld_part.strip(),
        "referral": referral.strip(),
    }

    def build(a: Application, s: State) -> Event:
        from gongkai.foi.letter_context import base_context
        from gongkai.foi.letters import LetterError, compose_reply

        trial = replace(
            base_context(a, on), outcome_key=outcome, reason=details["summary"], access=details["access"],
            proactively_disclosed=details["proactively_disclosed"], disclosed_part=details["disclosed_part"],
            withheld_part=details["withheld_part"], referral=details["referral"],
        )
        try:
            compose_reply(trial)
        except LetterError as exc:
            raise OperationError(str(exc), field={"reason": "summary"}.get(exc.field, exc.field)) from None
        letter_no = f"〔{on.year}〕{next_value(f'foi-reply:{a.agency_id}:{on.year}')}号"
        return Event(EventKind.REPLY_ISSUED, on, {"outcome": outcome, "letter_no": letter_no, **details})

    return _act(actor, app, build, BY_KEY[outcome].short)


def record_delivery(actor: Any, app: Application, *, on: dt.date, method: str) -> Application:
    return _act(actor, app, lambda a, s: Event(EventKind.DELIVERED, on, {"method": method.strip()}), method)


def withdraw(actor: Any, app: Application, *, on: dt.date, reason: str = "") -> Application:
    return _act(actor, app, lambda a, s: Event(EventKind.WITHDRAWN, on, {"reason": reason.strip()}), "其他处理")


def add_note(actor: Any, app: Application, *, text: str) -> Application:
    if not text.strip():
        raise OperationError("备注内容不能为空", field="text")
    return _act(actor, app, lambda a, s: Event(EventKind.NOTE, services.today(), {"text": text.strip()}), text.strip()[:60])


def assign(actor: Any, app: Application, *, department: Department | None, handler: Any = None) -> Application:
    auth.require_handle(actor, app.agency)
    if department is not None and department.agency_id != app.agency_id:
        raise OperationError("承办科室不属于本机关", field="department")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=app.pk)
        locked.department, locked.handler = department, handler
        locked.save(update_fields=["department", "handler"])
        audit.record(actor, "foi.assigned", obj=locked, agency_id=locked.agency_id, summary=f"{locked.number} 交 {department or '-'} 承办")
    return locked


def rebuild_projection(app: Application) -> bool:
    """Re-fold the events and rewrite the projection; True if it had drifted."""
    with transaction.atomic():
        locked, state, seq = _load(app)
        fresh = Application()
        project(fresh, state, seq)
        drifted = any(getattr(locked, f) != getattr(fresh, f) for f in PROJECTION_FIELDS)
        if drifted:
            _project(locked, state, seq)
            services.forget_statuses()  # the memo is keyed by the number of events, unchanged here
    return drifted


# -- attachments ------------------------------------------------------------------------------


def _store_attachment(actor: Any, app: Application, upload: Any, kind: str) -> Any:
    from gongkai.core.uploads import check_upload
    from gongkai.foi.models import Attachment

    checked = check_upload(upload, getattr(upload, "name", "附件"))
    att = Attachment(
        application=app,
        kind=kind,
        original_name=checked.name,
        size=checked.size,
        sha256=checked.sha256,
        content_type=checked.content_type,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    att.file.save(f"{checked.sha256[:16]}{PurePath(checked.name).suffix.lower()}", upload, save=False)
    att.save()
    audit.record(actor, "foi.attachment_added", obj=app, agency_id=app.agency_id, summary=f"{app.number} 上传 {checked.name}")
    return att


def attach(actor: Any, app: Application, upload: Any, *, kind: str = "other") -> Any:
    """Staff add a file to an application (checked: size, type, content)."""
    auth.require_handle(actor, app.agency)
    with transaction.atomic():
        return _store_attachment(actor, app, upload, kind)


def attach_public(app: Application, upload: Any, *, kind: str, actor: Any = None) -> Any:
    """The applicant adds a file (with the online form or a 补正); ``actor`` is the
    anonymous request user, so the audit log shows 公众 rather than 系统."""
    with transaction.atomic():
        return _store_attachment(actor, app, upload, kind)
