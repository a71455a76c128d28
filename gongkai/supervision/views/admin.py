"""Back-office views of 互联网+监管, inside the Wagtail admin. Thin: parse, call, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies.auth import current_agency
from gongkai.core.errors import OperationError
from gongkai.supervision import auth, services
from gongkai.supervision import forms as f
from gongkai.supervision import operations as ops
from gongkai.supervision.models import Conflict, Inspection, InspectionPlan, Inspector, SupervisedEntity
from gongkai.supervision.rules import Result


def _fail(form: Any, exc: OperationError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def index(request: HttpRequest) -> HttpResponse:
    agency = current_agency(request)
    entities = auth.entities_for(request.user).filter(agency=agency).order_by("grade", "name") if agency else SupervisedEntity.objects.none()
    plans = auth.plans_for(request.user).filter(agency=agency) if agency else InspectionPlan.objects.none()
    inspectors = auth.inspectors_for(request.user).filter(agency=agency) if agency else Inspector.objects.none()
    unpublished = [i for i in auth.inspections_for(request.user).filter(agency=agency, published_on__isnull=True).exclude(result="").select_related("entity")] if agency else []
    return render(request, "supervision/admin/index.html", {
        "agency": agency, "entities": entities, "plans": plans, "inspectors": inspectors, "grades": services.grades(),
        "late": [i for i in unpublished if services.publication_overdue(i)],
        "can_manage": agency is not None and auth.can_manage(request.user, agency),
    })


def _manager_agency(request: HttpRequest) -> Any:
    agency = current_agency(request, staff_only=True)
    if agency is None or not auth.can_manage(request.user, agency):
        messages.error(request, "您没有管理双随机抽查的权限（需要科室负责人或公开办管理员岗位）")
        return None
    return agency


def _simple_page(request: HttpRequest, form: Any, title: str, save: Any) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            target = save(form.cleaned_data)
        except OperationError as exc:
            _fail(form, exc)
        else:
            messages.success(request, f"已保存：{title}")
            return target
    return render(request, "supervision/admin/form.html", {"form": form, "title": title}, status=400 if form.errors else 200)


def entity_new(request: HttpRequest) -> HttpResponse:
    agency = _manager_agency(request)
    if agency is None:
        return redirect("supervision_index")
    form = f.EntityForm(request.POST or None)

    def save(d: dict[str, Any]) -> HttpResponse:
        entity = ops.add_entity(request.user, agency, ops.EntityData(d["name"], d["grade"], d["kind"], d["registration_no"], d["address"]))
        return redirect("supervision_entity_detail", pk=entity.pk)

    return _simple_page(request, form, "新增监管对象", save)


def inspector_new(request: HttpRequest) -> HttpResponse:
    agency = _manager_agency(request)
    if agency is None:
        return redirect("supervision_index")
    form = f.InspectorForm(request.POST or None)

    def save(d: dict[str, Any]) -> HttpResponse:
        ops.add_inspector(request.user, agency, name=d["name"], cert_no=d["cert_no"])
        return redirect("supervision_index")

    return _simple_page(request, form, "新增检查人员", save)


def plan_new(request: HttpRequest) -> HttpResponse:
    agency = _manager_agency(request)
    if agency is None:
        return redirect("supervision_index")
    form = f.PlanForm(request.POST or None)

    def save(d: dict[str, Any]) -> HttpResponse:
        plan = ops.create_plan(request.user, agency, ops.PlanData(d["title"], d["starts_on"], d["ends_on"], d["matter"], d["per_entity"]))
        return redirect("supervision_plan_detail", pk=plan.pk)

    return _simple_page(request, form, "新建抽查计划", save)


def _inspector_choices(entity: SupervisedEntity) -> list[tuple[int, str]]:
    return list(Inspector.objects.filter(agency=entity.agency_id, is_active=True).values_list("pk", "name"))


def entity_detail(request: HttpRequest, pk: int, bound: tuple[str, Any] | None = None) -> HttpResponse:
    entity = auth.access(request.user, SupervisedEntity, pk)
    forms_ = {}
    if auth.can_manage(request.user, entity.agency):
        forms_ = {"grade": f.GradeForm(auto_id="id_grade_%s"), "conflict": f.ConflictForm(inspectors=_inspector_choices(entity), auto_id="id_conflict_%s")}
        if bound:
            forms_[bound[0]] = bound[1]
    return render(request, "supervision/admin/entity.html", {
        "entity": entity, "grade_label": services.grade_label(entity.grade), "forms": forms_,
        "conflicts": Conflict.objects.filter(entity=entity).select_related("inspector"),
        "inspections": Inspection.objects.filter(entity=entity).select_related("plan").order_by("-plan__starts_on"),
    }, status=400 if bound else 200)


@require_POST
def entity_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    entity = auth.access(request.user, SupervisedEntity, pk)
    if action == "grade":
        form: Any = f.GradeForm(request.POST, auto_id="id_grade_%s")
    elif action == "conflict":
        form = f.ConflictForm(request.POST, inspectors=_inspector_choices(entity), auto_id="id_conflict_%s")
    else:
        messages.error(request, "未知的操作")
        return redirect("supervision_entity_detail", pk=entity.pk)
    if form.is_valid():
        d = form.cleaned_data
        try:
            if action == "grade":
                ops.set_grade(request.user, entity, grade=d["grade"], reason=d["reason"])
            else:
                inspector = Inspector.objects.get(agency=entity.agency_id, pk=d["inspector"])
                ops.record_conflict(request.user, inspector, entity, reason=d["reason"])
        except OperationError as exc:
            _fail(form, exc)
        else:
            messages.success(request, "已保存")
            return redirect("supervision_entity_detail", pk=entity.pk)
    return entity_detail(request, pk, bound=(action, form))


def plan_detail(request: HttpRequest, pk: int, bound: tuple[int, str, Any] | None = None) -> HttpResponse:
    plan = auth.access(request.user, InspectionPlan, pk)
    recorded = plan.recorded_draw
    can_record, can_manage = auth.can_record(request.user, plan.agency), auth.can_manage(request.user, plan.agency)
    rows = []
    for i in plan.inspections.select_related("entity").order_by("entity__name"):
        result_form = publish_form = None
        if not i.result and can_record:
            result_form = bound[2] if bound and bound[0] == i.pk and bound[1] == "result" else f.ResultForm(initial={"on": services.today()}, auto_id=f"id_r{i.pk}_%s")
        elif i.result and not i.published_on and can_manage:
            publish_form = bound[2] if bound and bound[0] == i.pk and bound[1] == "publish" else f.PublishForm(initial={"on": services.today()}, auto_id=f"id_p{i.pk}_%s")
        rows.append({"i": i, "result_label": Result.LABELS.get(i.result, ""), "due": services.publish_due(i), "late": services.publication_overdue(i),
                     "result_form": result_form, "publish_form": publish_form, "grade": services.grade_label(i.grade_at_draw)})
    return render(request, "supervision/admin/plan.html", {
        "plan": plan, "recorded": recorded, "replays": ops.replay(recorded) if recorded else None, "rows": rows,
        "can_draw": can_manage and recorded is None,
    }, status=400 if bound else 200)


@require_POST
def plan_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    plan = auth.access(request.user, InspectionPlan, pk)
    if action != "draw":
        messages.error(request, "未知的操作")
        return redirect("supervision_plan_detail", pk=plan.pk)
    try:
        recorded = ops.draw_plan(request.user, plan)
    except OperationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已抽取{len(recorded.result['assignments'])}个检查对象，随机种子 {recorded.seed} 已记录")
    return redirect("supervision_plan_detail", pk=plan.pk)


@require_POST
def inspection_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    inspection = auth.access(request.user, Inspection, pk)
    if action not in ("result", "publish"):
        messages.error(request, "未知的操作")
        return redirect("supervision_plan_detail", pk=inspection.plan_id)
    form: Any = (f.ResultForm if action == "result" else f.PublishForm)(request.POST, auto_id=f"id_{'r' if action == 'result' else 'p'}{inspection.pk}_%s")
    if form.is_valid():
        d = form.cleaned_data
        try:
            if action == "result":
                ops.record_result(request.user, inspection, on=d["on"], result=d["result"], findings=d["findings"])
            else:
                ops.publish_result(request.user, inspection, on=d["on"])
        except OperationError as exc:
            _fail(form, exc)
        else:
            messages.success(request, "已登记检查结果" if action == "result" else "检查结果已公示")
            return redirect("supervision_plan_detail", pk=inspection.plan_id)
    messages.error(request, "未能保存，请按提示修改")
    return plan_detail(request, inspection.plan_id, bound=(inspection.pk, action, form))
