"""Named operations on 政务服务事项 and 办件. Nothing else writes these tables.

Each operation checks the actor's role (``service_catalog.auth``), runs in a transaction,
validates against the pure rules, appends the event (cases), refreshes the projection and
writes the audit log. Refusals are ``OperationError(message, field)`` in Chinese.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction

from gongkai.agencies.models import Agency, Department
from gongkai.core import audit
from gongkai.core.errors import OperationError
from gongkai.core.rules.identifiers import InvalidIdentifier, normalise_credit_code, normalise_resident_id
from gongkai.core.sequences import next_value
from gongkai.service_catalog import auth, services
from gongkai.service_catalog.models import (
    ApplicantType,
    Case,
    CaseEvent,
    Publication,
    ServiceItem,
    item_types,
    state_to_json,
)
from gongkai.service_catalog.rules import publicity
from gongkai.service_catalog.rules.cases import CaseEventKind, Event, RuleViolation, State, apply, check, fold
from gongkai.service_catalog.rules.items import ItemError, ItemFacts, check_item, normalise_code

# -- items -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemData:
    code: str
    name: str
    type_code: str
    legal_basis: str
    promised_workdays: int
    legal_workdays: int
    instant: bool = False
    conditions: str = ""
    procedure: str = "受理 → 审批 → 办结"
    materials: str = ""
    fee: str = "不收费"
    department_id: int | None = None
    place: str = ""
    phone: str = ""


def _item_fields(agency: Agency, data: ItemData) -> dict[str, Any]:
    try:
        check_item(
            ItemFacts(data.code, data.name, data.type_code, data.legal_basis, data.promised_workdays, data.legal_workdays, data.instant),
            item_types(),
        )
    except ItemError as exc:
        raise OperationError(exc.message, field=exc.field) from None
    department = None
    if data.department_id is not None:
        department = Department.objects.filter(agency=agency, pk=data.department_id).first()
        if department is None:
            raise OperationError("请选择本机关的科室", field="department")
    fields = asdict(data)
    fields.pop("department_id")
    fields.update(
        code=normalise_code(data.code),
        name=data.name.strip(),
        legal_basis=data.legal_basis.strip(),
        fee=data.fee.strip() or "不收费",
        department=department,
    )
    return fields


def create_item(actor: Any, agency: Agency, data: ItemData) -> ServiceItem:
    auth.require_edit(actor, agency)
    fields = _item_fields(agency, data)
    with transaction.atomic():
        if ServiceItem.objects.filter(agency=agency, code=fields["code"]).exists():
            raise OperationError("本机关已有相同编码的事项", field="code")
        item = ServiceItem.objects.create(agency=agency, **fields)
        audit.record(actor, "service.item_created", obj=item, agency_id=agency.pk, summary=f"新增事项 {item.code} {item.name}")
    return item


def update_item(actor: Any, item: ServiceItem, data: ItemData) -> ServiceItem:
    auth.require_edit(actor, item.agency)
    fields = _item_fields(item.agency, data)
    with transaction.atomic():
        locked = ServiceItem.objects.select_for_update().get(pk=item.pk)
        if ServiceItem.objects.filter(agency=locked.agency_id, code=fields["code"]).exclude(pk=locked.pk).exists():
            raise OperationError("本机关已有相同编码的事项", field="code")
        changed = {}
        for key, value in fields.items():
            old = getattr(locked, key)
            if old != value:
                changed[key] = [str(old) if old is not None else "", str(value) if value is not None else ""]
                setattr(locked, key, value)
        if not changed:
            return locked
        locked.save()
        audit.record(actor, "service.item_changed", obj=locked, agency_id=locked.agency_id,
                     summary=f"修改事项 {locked.code}：{'、'.join(ServiceItem._meta.get_field(k).verbose_name for k in changed)}",
                     data={"changed": changed})
    return locked


def _set_publication(actor: Any, item: ServiceItem, target: str, action: str, label: str) -> ServiceItem:
    auth.require_publish(actor, item.agency)
    with transaction.atomic():
        locked = ServiceItem.objects.select_for_update().get(pk=item.pk)
        if locked.publication == target:
            raise OperationError(f"该事项已经是“{Publication(target).label}”状态")
        locked.publication = target
        if target == Publication.PUBLISHED:
            locked.published_on = services.today()
        locked.save(update_fields=["publication", "published_on", "updated_at"])
        audit.record(actor, action, obj=locked, agency_id=locked.agency_id, summary=f"{label} {locked.code} {locked.name}")
    return locked


def publish_item(actor: Any, item: ServiceItem) -> ServiceItem:
    """Publish the item's 办事指南 (条例第二十条第五项: 依据、条件、程序)."""
    return _set_publication(actor, item, Publication.PUBLISHED, "service.item_published", "发布办事指南")


def withdraw_item(actor: Any, item: ServiceItem) -> ServiceItem:
    """Stop the item: its guide leaves the portal and it takes no new applications."""
    return _set_publication(actor, item, Publication.WITHDRAWN, "service.item_withdrawn", "停用事项")


# -- cases: the event machinery ---------------------------------------------------------------


def _actor_label(actor: Any) -> str:
    if actor is None:
        return "系统"
    return actor.get_full_name() or actor.get_username()


def _load(case: Case) -> tuple[Case, State, int]:
    locked = Case.objects.select_for_update().select_related("agency", "item").get(pk=case.pk)
    events = [e.as_rule_event() for e in locked.events.order_by("seq")]
    return locked, fold(events), len(events)


def _project(case: Case, state: State, seq: int) -> None:
    case.submitted_on = state.submitted_on
    case.accepted_on = state.accepted_on
    case.decision = state.decision.value if state.decision else ""
    case.decided_on = state.decided_on
    case.concluded_on = state.concluded_on
    case.result_no = state.result_no
    case.state = state_to_json(state)
    case.events_folded = seq
    case.save(update_fields=["submitted_on", "accepted_on", "decision", "decided_on", "concluded_on", "result_no", "state", "events_folded"])


def _append(actor: Any, case: Case, state: State, seq: int, event: Event) -> State:
    try:
        check(state, event, today=services.today())
    except RuleViolation as exc:
        raise OperationError(exc.message, field=exc.field) from None
    CaseEvent.objects.create(
        case=case, seq=seq + 1, kind=event.kind.value, on=event.on, data=dict(event.data),
        actor=actor if getattr(actor, "is_authenticated", False) else None, actor_label=_actor_label(actor),
    )
    new_state = apply(state, event)
    _project(case, new_state, seq + 1)
    audit.record(
        actor, f"service.{event.kind.value}", obj=case, agency_id=case.agency_id,
        summary=f"{case.number} {event.kind.label}", data={"on": event.on.isoformat(), **dict(event.data)},
    )
    return new_state


def _date(value: Any, field: str = "on", label: str = "日期") -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise OperationError(f"{label}不是有效日期（应为YYYY-MM-DD）", field=field) from None


def _act(actor: Any, case: Case, events: Callable[[Case, State], list[Event]]) -> Case:
    """Check the role, lock the case, append the events built from its current state."""
    auth.require_handle(actor, case.agency)
    with transaction.atomic():
        locked, state, seq = _load(case)
        for event in events(locked, state):
            state = _append(actor, locked, state, seq, event)
            seq += 1
    return locked


# -- cases: registering -----------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicantData:
    applicant_type: str
    name: str
    id_number: str = ""
    phone: str = ""
    subject: str = ""


def _applicant(data: ApplicantData) -> dict[str, str]:
    if data.applicant_type not in ApplicantType.values:
        raise OperationError("请选择申请人类型", field="applicant_type")
    name = (data.name or "").strip()
    if len(name) < 2:
        raise OperationError("请填写申请人姓名或名称", field="applicant_name")
    number = (data.id_number or "").strip()
    if number:
        try:
            number = normalise_resident_id(number) if data.applicant_type == ApplicantType.PERSON else normalise_credit_code(number)
        except InvalidIdentifier as exc:
            raise OperationError(str(exc), field="applicant_id_number") from None
    return {
        "applicant_type": data.applicant_type, "applicant_name": name, "applicant_id_number": number,
        "phone": (data.phone or "").strip(), "subject": (data.subject or "").strip(),
    }


def _new_number(agency: Agency, year: int) -> str:
    prefix = "".join(c for c in agency.slug.upper() if c.isalnum())[:8] or f"A{agency.pk}"
    return f"{prefix}{year}{next_value(f'service-case:{agency.pk}:{year}'):05d}"


def register_case(actor: Any, item: ServiceItem, applicant: ApplicantData, *, submitted_on: Any) -> Case:
    """Register an application for ``item`` received on ``submitted_on`` (申请登记).
    The case keeps the item's type and time limits as they are today."""
    auth.require_handle(actor, item.agency)
    on = _date(submitted_on, "submitted_on", "申请日期")
    fields = _applicant(applicant)
    with transaction.atomic():
        item = ServiceItem.objects.select_for_update().select_related("agency").get(pk=item.pk)
        if item.publication != Publication.PUBLISHED:
            raise OperationError("该事项未发布或已停用，不能登记办件", field="item")
        case = Case.objects.create(
            agency=item.agency, item=item, item_type=item.type_code, number=_new_number(item.agency, on.year),
            created_by=actor if getattr(actor, "is_authenticated", False) else None, **fields,
        )
        event = Event(CaseEventKind.REGISTERED, on, {
            "item_type": item.type_code, "item_code": item.code, "instant": item.instant,
            "promised_workdays": item.promised_workdays, "legal_workdays": item.legal_workdays,
        })
        try:
            _append(actor, case, State(), 0, event)
        except OperationError as exc:
            raise OperationError(exc.message, field="submitted_on" if exc.field == "on" else exc.field) from None
    return case


# -- cases: the steps ---------------------------------------------------------------------------


def accept(actor: Any, case: Case, *, on: Any) -> Case:
    """受理 (行政许可法第三十二条第一款第五项)."""
    day = _date(on)
    return _act(actor, case, lambda c, s: [Event(CaseEventKind.ACCEPTED, day)])


def refuse_acceptance(actor: Any, case: Case, *, on: Any, reason: str) -> Case:
    """不予受理, with reasons (行政许可法第三十二条). Concludes the case."""
    day = _date(on)
    return _act(actor, case, lambda c, s: [Event(CaseEventKind.NOT_ACCEPTED, day, {"reason": (reason or "").strip()})])


def suspend(actor: Any, case: Case, *, on: Any, reason: str) -> Case:
    """A 特别程序 starts; its time is not counted (行政许可法第四十五条)."""
    day = _date(on)
    return _act(actor, case, lambda c, s: [Event(CaseEventKind.SUSPENDED, day, {"reason": (reason or "").strip()})])


def resume(actor: Any, case: Case, *, on: Any) -> Case:
    day = _date(on)
    return _act(actor, case, lambda c, s: [Event(CaseEventKind.RESUMED, day)])


def approve(actor: Any, case: Case, *, on: Any, opinion: str = "") -> Case:
    """审批：准予."""
    day = _date(on)
    return _act(actor, case, lambda c, s: [Event(CaseEventKind.APPROVED, day, {"opinion": (opinion or "").strip()})])


def deny(actor: Any, case: Case, *, on: Any, reason: str) -> Case:
    """审批：不予许可, with reasons and the remedies (行政许可法第三十八条第二款)."""
    day = _date(on)
    return _act(actor, case, lambda c, s: [Event(CaseEventKind.DENIED, day, {"reason": (reason or "").strip()})])


def conclude(actor: Any, case: Case, *, on: Any, result_no: str = "", note: str = "") -> Case:
    """办结: the decision is delivered (for a licence: the 许可证件 or 批准文件 is issued)."""
    day = _date(on)
    return _act(actor, case, lambda c, s: [Event(CaseEventKind.CONCLUDED, day, {"result_no": (result_no or "").strip(), "note": (note or "").strip()})])


def handle_at_once(actor: Any, case: Case, *, on: Any, result_no: str = "", opinion: str = "") -> Case:
    """即办件: 受理、审批（准予）、办结 on one day, as three events of the same date."""
    day = _date(on)

    def build(c: Case, s: State) -> list[Event]:
        if not s.instant:
            raise OperationError("该事项不是即办件，请按受理、审批、办结逐步办理", field=None)
        if s.accepted_on is not None:
            raise OperationError("该办件已受理，请继续审批、办结", field=None)
        return [
            Event(CaseEventKind.ACCEPTED, day),
            Event(CaseEventKind.APPROVED, day, {"opinion": (opinion or "").strip() or "当场办理"}),
            Event(CaseEventKind.CONCLUDED, day, {"result_no": (result_no or "").strip(), "note": "即办件当场办结"}),
        ]

    return _act(actor, case, build)


def add_note(actor: Any, case: Case, *, text: str) -> Case:
    today = services.today()
    return _act(actor, case, lambda c, s: [Event(CaseEventKind.NOTE, today, {"text": (text or "").strip()})])


# -- reading a case by its number and name (the public lookup) ----------------------------------


def normalise_number(number: str) -> str:
    return "".join((number or "").split()).upper()


def find_case(number: str, name: str) -> Case | None:
    """The case with this 办件编号 whose applicant has exactly this name; else None."""
    number = normalise_number(number)
    if not number or len(number) > 32:
        return None
    case = Case.objects.select_related("agency", "item").filter(number=number).first()
    if case is None or not publicity.lookup_name_matches(name or "", case.applicant_name):
        return None
    return case


def rebuild_projection(case: Case) -> bool:
    """Re-fold the events; True when the stored projection had drifted (it never should)."""
    with transaction.atomic():
        locked, state, seq = _load(case)
        drifted = locked.state != state_to_json(state) or locked.events_folded != seq
        if drifted:
            _project(locked, state, seq)
    return drifted
