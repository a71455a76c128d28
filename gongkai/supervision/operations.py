"""Named operations of 互联网+监管. Nothing else writes these tables.

Each operation checks the actor's role (``supervision.auth``), runs in a transaction, writes
its record (the draw and the inspection log are append-only) and the audit log. Refusals
are ``OperationError(message, field)`` in Chinese.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.core import audit
from gongkai.core.errors import OperationError
from gongkai.supervision import auth, services
from gongkai.supervision.models import (
    Conflict,
    Inspection,
    InspectionEvent,
    InspectionPlan,
    Inspector,
    PlanDraw,
    SupervisedEntity,
)
from gongkai.supervision.rules import DrawError, DrawInput, Result, draw, shares_of


def _label(actor: Any) -> str:
    return (actor.get_full_name() or actor.get_username()) if getattr(actor, "is_authenticated", False) else "系统"


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _date(value: Any, field: str = "on", label: str = "日期") -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise OperationError(f"{label}不是有效日期（应为YYYY-MM-DD）", field=field) from None


def _not_future(day: dt.date, field: str = "on") -> None:
    if day > services.today():
        raise OperationError("日期不能晚于今天", field=field)


def _grade(code: str) -> str:
    if code not in {g.code for g in services.grades()}:
        raise OperationError("请从列表中选择信用等级", field="grade")
    return code


# -- entities, inspectors, 回避 ------------------------------------------------------------------


@dataclass(frozen=True)
class EntityData:
    name: str
    grade: str
    kind: str = "宗教活动场所"
    registration_no: str = ""
    address: str = ""


def add_entity(actor: Any, agency: Agency, data: EntityData) -> SupervisedEntity:
    auth.require_manage(actor, agency)
    name = data.name.strip()
    if len(name) < 2:
        raise OperationError("请填写监管对象名称", field="name")
    with transaction.atomic():
        if SupervisedEntity.objects.filter(agency=agency, name=name).exists():
            raise OperationError("已有同名的监管对象", field="name")
        entity = SupervisedEntity.objects.create(
            agency=agency, name=name, grade=_grade(data.grade), graded_on=services.today(),
            kind=data.kind.strip() or "宗教活动场所", registration_no=data.registration_no.strip(), address=data.address.strip(),
        )
        audit.record(actor, "supervision.entity_added", obj=entity, agency_id=agency.pk, summary=f"新增监管对象 {name}（{data.grade}级）")
    return entity


def set_grade(actor: Any, entity: SupervisedEntity, *, grade: str, reason: str) -> SupervisedEntity:
    """Re-grade an entity (e.g. after a year without findings). The reason is kept in the audit log."""
    auth.require_manage(actor, entity.agency)
    grade = _grade(grade)
    if len((reason or "").strip()) < 4:
        raise OperationError("请写明调整信用等级的依据", field="reason")
    with transaction.atomic():
        locked = SupervisedEntity.objects.select_for_update().get(pk=entity.pk)
        if locked.grade == grade:
            raise OperationError("信用等级没有变化", field="grade")
        before = locked.grade
        locked.grade, locked.graded_on = grade, services.today()
        locked.save(update_fields=["grade", "graded_on"])
        audit.record(actor, "supervision.entity_graded", obj=locked, agency_id=locked.agency_id,
                     summary=f"{locked.name} 信用等级 {before} → {grade}：{reason.strip()}", data={"before": before, "after": grade, "reason": reason.strip()})
    return locked


def add_inspector(actor: Any, agency: Agency, *, name: str, cert_no: str) -> Inspector:
    auth.require_manage(actor, agency)
    name, cert_no = (name or "").strip(), (cert_no or "").strip().upper()
    if len(name) < 2:
        raise OperationError("请填写检查人员姓名", field="name")
    if len(cert_no) < 4:
        raise OperationError("请填写执法证号", field="cert_no")
    with transaction.atomic():
        if Inspector.objects.filter(agency=agency, cert_no=cert_no).exists():
            raise OperationError("该执法证号已登记", field="cert_no")
        inspector = Inspector.objects.create(agency=agency, name=name, cert_no=cert_no)
        audit.record(actor, "supervision.inspector_added", obj=inspector, agency_id=agency.pk, summary=f"新增检查人员 {name}（{cert_no}）")
    return inspector


def set_inspector_active(actor: Any, inspector: Inspector, *, active: bool) -> Inspector:
    auth.require_manage(actor, inspector.agency)
    with transaction.atomic():
        locked = Inspector.objects.select_for_update().get(pk=inspector.pk)
        locked.is_active = active
        locked.save(update_fields=["is_active"])
        audit.record(actor, "supervision.inspector_active" if active else "supervision.inspector_inactive", obj=locked,
                     agency_id=locked.agency_id, summary=f"{locked.name} {'恢复在岗' if active else '不再参加抽取'}")
    return locked


def record_conflict(actor: Any, inspector: Inspector, entity: SupervisedEntity, *, reason: str) -> Conflict:
    """回避 (行政处罚法第四十三条): the inspector is never drawn for the entity."""
    auth.require_manage(actor, inspector.agency)
    if entity.agency_id != inspector.agency_id:
        raise OperationError("请选择本机关的监管对象", field="entity")
    if len((reason or "").strip()) < 2:
        raise OperationError("请写明回避事由", field="reason")
    with transaction.atomic():
        if Conflict.objects.filter(inspector=inspector, entity=entity).exists():
            raise OperationError("已登记该回避", field="entity")
        conflict = Conflict.objects.create(agency_id=inspector.agency_id, inspector=inspector, entity=entity, reason=reason.strip())
        audit.record(actor, "supervision.conflict_recorded", obj=conflict, agency_id=inspector.agency_id,
                     summary=f"{inspector.name} 回避 {entity.name}：{reason.strip()}")
    return conflict


# -- plans and the draw ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanData:
    title: str
    starts_on: Any
    ends_on: Any
    matter: str = "宗教活动场所规范管理情况"
    per_entity: int = 2


def create_plan(actor: Any, agency: Agency, data: PlanData) -> InspectionPlan:
    auth.require_manage(actor, agency)
    title = (data.title or "").strip()
    if len(title) < 4:
        raise OperationError("请填写计划名称", field="title")
    starts, ends = _date(data.starts_on, "starts_on", "检查开始日期"), _date(data.ends_on, "ends_on", "检查结束日期")
    if ends < starts:
        raise OperationError("检查结束日期不能早于开始日期", field="ends_on")
    if not 1 <= int(data.per_entity) <= 5:
        raise OperationError("每个对象的检查人员数应在1到5之间（行政处罚法第四十二条：执法人员不得少于两人）", field="per_entity")
    with transaction.atomic():
        plan = InspectionPlan.objects.create(agency=agency, title=title, matter=data.matter.strip() or "宗教活动场所规范管理情况",
                                             starts_on=starts, ends_on=ends, per_entity=int(data.per_entity), created_by=_user(actor))
        audit.record(actor, "supervision.plan_created", obj=plan, agency_id=agency.pk, summary=f"新建抽查计划 {title}")
    return plan


def _inputs(plan: InspectionPlan) -> dict[str, Any]:
    """Everything the draw depends on, as it is now: the record that makes it reproducible."""
    entities = dict(SupervisedEntity.objects.filter(agency=plan.agency_id, is_active=True).values_list("pk", "grade"))
    inspectors = {pk: (name, cert) for pk, name, cert in Inspector.objects.filter(agency=plan.agency_id, is_active=True).values_list("pk", "name", "cert_no")}
    conflicts = sorted(Conflict.objects.filter(agency=plan.agency_id).values_list("inspector_id", "entity_id"))
    return {
        "entities": {str(k): v for k, v in sorted(entities.items())},
        "inspectors": {str(k): {"name": n, "cert_no": c} for k, (n, c) in sorted(inspectors.items())},
        "conflicts": [list(p) for p in conflicts],
        "shares": shares_of(services.grades()),
        "per_entity": plan.per_entity,
    }


def draw_input(inputs: dict[str, Any]) -> DrawInput:
    return DrawInput(
        entities={int(k): v for k, v in inputs["entities"].items()},
        inspectors=frozenset(int(k) for k in inputs["inspectors"]),
        conflicts=frozenset((int(i), int(e)) for i, e in inputs["conflicts"]),
        shares=dict(inputs["shares"]),
        per_entity=int(inputs["per_entity"]),
    )


def draw_plan(actor: Any, plan: InspectionPlan, *, seed: int | None = None, on: Any = None) -> PlanDraw:
    """双随机: draw the entities and their inspectors, record seed, inputs and result.
    ``on`` dates the draw (default today; never in the future)."""
    auth.require_manage(actor, plan.agency)
    if seed is None:
        seed = secrets.randbelow(2**63)
    elif not 0 <= int(seed) < 2**63:
        raise OperationError("随机种子应为0到2^63−1之间的整数", field="seed")
    today = services.today() if on is None else _date(on)
    _not_future(today)
    with transaction.atomic():
        locked = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
        if PlanDraw.objects.filter(plan=locked).exists():
            raise OperationError("该计划已经抽取，抽取结果不能重抽或修改", field=None)
        inputs = _inputs(locked)
        if not inputs["entities"]:
            raise OperationError("没有在管的监管对象，无法抽取", field=None)
        try:
            result = draw(draw_input(inputs), int(seed))
        except DrawError as exc:
            raise OperationError(exc.message, field=exc.field) from None
        if not result.assignments:
            raise OperationError("按各等级的抽查比例，本次没有抽中任何对象", field=None)
        recorded = PlanDraw.objects.create(
            plan=locked, seed=int(seed), inputs=inputs, drawn_on=today, actor=_user(actor), actor_label=_label(actor),
            result={"assignments": [[a.entity, list(a.inspectors)] for a in result.assignments], "quotas": dict(result.quotas)},
        )
        names = {e.pk: e for e in SupervisedEntity.objects.filter(pk__in=[a.entity for a in result.assignments])}
        for a in result.assignments:
            people = [{"id": i, **inputs["inspectors"][str(i)]} for i in a.inspectors]
            inspection = Inspection.objects.create(
                agency_id=locked.agency_id, plan=locked, entity=names[a.entity], grade_at_draw=inputs["entities"][str(a.entity)], inspectors=people,
            )
            InspectionEvent.objects.create(inspection=inspection, kind="drawn", on=today, data={"seed": int(seed)}, actor=_user(actor), actor_label=_label(actor))
        audit.record(actor, "supervision.plan_drawn", obj=locked, agency_id=locked.agency_id,
                     summary=f"{locked.title} 抽取{len(result.assignments)}个对象（随机种子{seed}）", data={"seed": int(seed), "quotas": dict(result.quotas)})
    return recorded


def replay(recorded: PlanDraw) -> bool:
    """Re-run the draw from its record; True when it gives the recorded result."""
    again = draw(draw_input(recorded.inputs), recorded.seed)
    return [[a.entity, list(a.inspectors)] for a in again.assignments] == recorded.result["assignments"]


# -- inspections -------------------------------------------------------------------------------------


def record_result(actor: Any, inspection: Inspection, *, on: Any, result: str, findings: str = "") -> Inspection:
    auth.require_record(actor, inspection.agency)
    day = _date(on)
    _not_future(day)
    if result not in Result.LABELS:
        raise OperationError("请选择检查结果", field="result")
    findings = (findings or "").strip()
    if result in Result.NEEDS_FINDINGS and len(findings) < 4:
        raise OperationError("发现问题的，请写明问题和处理措施", field="findings")
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().select_related("plan").get(pk=inspection.pk)
        if locked.result:
            raise OperationError("该检查已登记结果", field=None)
        if day < locked.plan.starts_on:
            raise OperationError("检查日期不能早于计划开始日期", field="on")
        locked.inspected_on, locked.result, locked.findings = day, result, findings
        locked.save(update_fields=["inspected_on", "result", "findings"])
        InspectionEvent.objects.create(inspection=locked, kind="result", on=day, data={"result": result, "findings": findings}, actor=_user(actor), actor_label=_label(actor))
        audit.record(actor, "supervision.result_recorded", obj=locked, agency_id=locked.agency_id,
                     summary=f"{locked.entity.name} 检查结果：{Result.LABELS[result]}")
    return locked


def publish_result(actor: Any, inspection: Inspection, *, on: Any) -> Inspection:
    """一公开: the result goes to the public 公示 list."""
    auth.require_manage(actor, inspection.agency)
    day = _date(on)
    _not_future(day)
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if not locked.result:
            raise OperationError("请先登记检查结果再公示", field=None)
        if locked.published_on is not None:
            raise OperationError("该检查结果已公示", field=None)
        if day < locked.inspected_on:  # type: ignore[operator]
            raise OperationError("公示日期不能早于检查日期", field="on")
        locked.published_on = day
        locked.save(update_fields=["published_on"])
        InspectionEvent.objects.create(inspection=locked, kind="published", on=day, actor=_user(actor), actor_label=_label(actor))
        audit.record(actor, "supervision.result_published", obj=locked, agency_id=locked.agency_id, summary=f"公示 {locked.entity.name} 检查结果")
    return locked
