"""Back-office views of 政务服务事项 and 办件, inside the Wagtail admin. Thin: parse, call, render.

Tenant scoping comes from ``service_catalog.auth``; every change goes through
``service_catalog.operations``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies.auth import current_agency, visible_agency_ids
from gongkai.agencies.models import Department
from gongkai.core.errors import OperationError
from gongkai.core.rules.identifiers import mask_id_number, mask_phone
from gongkai.service_catalog import auth, services
from gongkai.service_catalog import forms as f
from gongkai.service_catalog import operations as ops
from gongkai.service_catalog.models import Case, Publication, ServiceItem
from gongkai.service_catalog.rules.cases import CaseEventKind, Decision, Phase, State, decision_label
from gongkai.service_catalog.rules.items import LICENSING
from gongkai.service_catalog.rules.publicity import holder_name

PER_PAGE = 25

# -- items ------------------------------------------------------------------------------------------


def item_list(request: HttpRequest) -> HttpResponse:
    items = auth.items_for(request.user).select_related("agency", "department").order_by("agency__name", "code")
    agency = current_agency(request, staff_only=True)
    return render(request, "service_catalog/admin/item_list.html", {
        "items": items, "many_agencies": len(visible_agency_ids(request.user)) > 1,
        "can_edit": agency is not None and auth.can_edit(request.user, agency), "agency": agency,
    })


def _departments(agency: Any) -> list[tuple[int, str]]:
    return list(Department.objects.filter(agency=agency).values_list("pk", "name"))


def _item_data(d: dict[str, Any]) -> ops.ItemData:
    return ops.ItemData(
        code=d["code"], name=d["name"], type_code=d["type_code"], legal_basis=d["legal_basis"],
        promised_workdays=d["promised_workdays"], legal_workdays=d["legal_workdays"], instant=d["instant"],
        conditions=d["conditions"], procedure=d["procedure"] or "受理 → 审批 → 办结", materials=d["materials"], fee=d["fee"],
        department_id=d["department"], place=d["place"], phone=d["phone"],
    )


def _item_form_page(request: HttpRequest, agency: Any, item: ServiceItem | None) -> HttpResponse:
    initial = {}
    if item is not None:
        initial = {k: getattr(item, k) for k in ("code", "name", "type_code", "legal_basis", "conditions", "procedure", "materials",
                                                 "promised_workdays", "legal_workdays", "instant", "fee", "place", "phone")}
        initial["department"] = item.department_id
    form = f.ItemForm(request.POST or None, initial=initial, departments=_departments(agency))
    if request.method == "POST" and form.is_valid():
        try:
            saved = ops.update_item(request.user, item, _item_data(form.cleaned_data)) if item else ops.create_item(request.user, agency, _item_data(form.cleaned_data))
        except OperationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已保存事项 {saved.code}")
            return redirect("service_item_detail", pk=saved.pk)
    title = f"修改事项 {item.code}" if item else "新增政务服务事项"
    return render(request, "service_catalog/admin/item_form.html", {"form": form, "title": title, "agency": agency, "item": item},
                  status=400 if form.errors else 200)


def item_new(request: HttpRequest) -> HttpResponse:
    agency = current_agency(request, staff_only=True)
    if agency is None or not auth.can_edit(request.user, agency):
        messages.error(request, "您没有维护政务服务事项的权限（需要科员、科室负责人或公开办管理员岗位）")
        return redirect("service_item_list")
    return _item_form_page(request, agency, None)


def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = auth.access_item(request.user, pk)
    if not auth.can_edit(request.user, item.agency):
        messages.error(request, "您可以查看该事项，但没有修改权限")
        return redirect("service_item_detail", pk=item.pk)
    return _item_form_page(request, item.agency, item)


def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = auth.access_item(request.user, pk)
    cases = auth.cases_for(request.user).filter(item=item)
    return render(request, "service_catalog/admin/item_detail.html", {
        "item": item, "open_cases": cases.filter(concluded_on__isnull=True).count(), "all_cases": cases.count(),
        "can_edit": auth.can_edit(request.user, item.agency), "can_publish": auth.can_publish(request.user, item.agency),
        "can_handle": auth.can_handle(request.user, item.agency), "published": item.publication == Publication.PUBLISHED,
    })


@require_POST
def item_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    item = auth.access_item(request.user, pk)
    operation = {"publish": ops.publish_item, "withdraw": ops.withdraw_item}.get(action)
    if operation is None:
        messages.error(request, "未知的操作")
        return redirect("service_item_detail", pk=item.pk)
    try:
        operation(request.user, item)
    except OperationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "办事指南已发布" if action == "publish" else "事项已停用")
    return redirect("service_item_detail", pk=item.pk)


# -- cases ------------------------------------------------------------------------------------------

TABS = [("open", "办理中"), ("overdue", "已超承诺时限"), ("concluded", "已办结"), ("all", "全部")]


@dataclass
class CaseRow:
    case: Case
    status: Any
    applicant: str


def _applicant_label(user: Any, case: Case) -> str:
    if auth.can_see_personal_data(user, case.agency_id) or not case.is_person:
        return case.applicant_name
    return holder_name(case.applicant_name, True)


def case_list(request: HttpRequest) -> HttpResponse:
    base = auth.cases_for(request.user).select_related("agency", "item")
    query = request.GET.get("q", "").strip()
    if query:
        base = base.filter(number__icontains=query) | base.filter(item__name__icontains=query)
    tab = request.GET.get("tab", "open")
    if tab not in dict(TABS):
        tab = "open"
    if tab in ("open", "overdue"):
        rows = [CaseRow(c, services.status_of(c), _applicant_label(request.user, c)) for c in base.filter(concluded_on__isnull=True).order_by("submitted_on", "pk")]
        if tab == "overdue":
            rows = [r for r in rows if r.status.overdue]
        page = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
        page_rows = list(page.object_list)
    else:
        qs = base.filter(concluded_on__isnull=False).order_by("-concluded_on", "-pk") if tab == "concluded" else base.order_by("-created_at", "-pk")
        page = Paginator(qs, PER_PAGE).get_page(request.GET.get("p"))
        page_rows = [CaseRow(c, services.status_of(c), _applicant_label(request.user, c)) for c in page.object_list]
    agency = current_agency(request, staff_only=True)
    return render(request, "service_catalog/admin/case_list.html", {
        "rows": page_rows, "page": page, "tabs": TABS, "tab": tab, "q": query,
        "can_register": agency is not None and auth.can_handle(request.user, agency),
        "many_agencies": len(visible_agency_ids(request.user)) > 1,
    })


def case_new(request: HttpRequest) -> HttpResponse:
    agency = current_agency(request, staff_only=True)
    if agency is None or not auth.can_handle(request.user, agency):
        messages.error(request, "您没有登记办件的权限（需要科员、科室负责人或公开办管理员岗位）")
        return redirect("service_case_list")
    items = list(ServiceItem.objects.filter(agency=agency, publication=Publication.PUBLISHED).order_by("code").values_list("pk", "name"))
    initial = {"submitted_on": services.today()}
    if str(request.GET.get("item", "")).isdigit():
        initial["item"] = int(request.GET["item"])
    form = f.CaseRegisterForm(request.POST or None, initial=initial, items=items)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        item = ServiceItem.objects.get(agency=agency, pk=d["item"])
        try:
            case = ops.register_case(request.user, item, ops.ApplicantData(d["applicant_type"], d["applicant_name"], d["applicant_id_number"], d["phone"], d["subject"]),
                                     submitted_on=d["submitted_on"])
        except OperationError as exc:
            field = {"on": "submitted_on"}.get(exc.field or "", exc.field)
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已登记办件 {case.number}（请告知申请人：凭办件编号和申请人姓名可在网上查询办理结果）")
            return redirect("service_case_detail", pk=case.pk)
    return render(request, "service_catalog/admin/case_new.html", {"form": form, "agency": agency}, status=400 if form.errors else 200)


ACTIONS: dict[str, tuple[str, type[forms.Form], Callable[..., Any]]] = {
    "accept": ("受理", f.ActionForm, lambda u, c, d: ops.accept(u, c, on=d["on"])),
    "refuse": ("不予受理", f.ReasonForm, lambda u, c, d: ops.refuse_acceptance(u, c, on=d["on"], reason=d["reason"])),
    "instant": ("即办：当场受理、审批、办结", f.InstantForm, lambda u, c, d: ops.handle_at_once(u, c, on=d["on"], result_no=d["result_no"])),
    "suspend": ("特别程序开始", f.SuspendForm, lambda u, c, d: ops.suspend(u, c, on=d["on"], reason=d["reason"])),
    "resume": ("特别程序结束", f.ActionForm, lambda u, c, d: ops.resume(u, c, on=d["on"])),
    "approve": ("审批：准予", f.ApproveForm, lambda u, c, d: ops.approve(u, c, on=d["on"], opinion=d["opinion"])),
    "deny": ("审批：不予许可", f.ReasonForm, lambda u, c, d: ops.deny(u, c, on=d["on"], reason=d["reason"])),
    "conclude": ("办结", f.ConcludeForm, lambda u, c, d: ops.conclude(u, c, on=d["on"], result_no=d["result_no"], note=d["note"])),
    "note": ("添加备注", f.NoteForm, lambda u, c, d: ops.add_note(u, c, text=d["text"])),
}
DANGER = {"refuse", "deny"}


def _available(s: State) -> list[str]:
    if not s.is_open:
        return ["note"]
    if s.accepted_on is None:
        return (["instant"] if s.instant else []) + ["accept", "refuse", "note"]
    if s.suspended:
        return ["resume", "note"]
    if s.decision is None:
        return ["approve", "deny", "suspend", "note"]
    return ["conclude", "note"]


@dataclass
class Action:
    key: str
    title: str
    form: forms.Form
    danger: bool


def _make_form(key: str, data: Any = None) -> forms.Form:
    form_class = ACTIONS[key][1]
    auto_id = f"id_{key}_%s"
    if issubclass(form_class, f.ActionForm):
        return form_class(data, today=services.today(), auto_id=auto_id)
    return form_class(data, auto_id=auto_id)


def _timeline(case: Case) -> list[dict[str, Any]]:
    rows = []
    for e in case.events.order_by("seq"):
        d = e.data
        detail = [v for v in (d.get("reason"), d.get("opinion"), d.get("text"), d.get("note")) if v]
        if d.get("result_no"):
            detail.append(f"证件编号或批准文号：{d['result_no']}")
        rows.append({"event": e, "label": CaseEventKind(e.kind).label, "detail": detail})
    return rows


def case_detail(request: HttpRequest, pk: int, bound: tuple[str, forms.Form] | None = None) -> HttpResponse:
    case = auth.access_case(request.user, pk)
    state = case.folded_state()
    actions: list[Action] = []
    if auth.can_handle(request.user, case.agency):
        for key in _available(state):
            form = bound[1] if bound and bound[0] == key else _make_form(key)
            actions.append(Action(key, ACTIONS[key][0], form, key in DANGER))
        if bound and not any(a.form is bound[1] for a in actions):
            actions.insert(0, Action(bound[0], ACTIONS[bound[0]][0], bound[1], False))
    personal = auth.can_see_personal_data(request.user, case.agency)
    decision = Decision(case.decision) if case.decision else None
    return render(request, "service_catalog/admin/case_detail.html", {
        "case": case, "state": state, "status": services.status_of(case), "actions": actions, "timeline": _timeline(case),
        "personal": personal, "applicant": _applicant_label(request.user, case),
        "id_number": case.applicant_id_number if personal else mask_id_number(case.applicant_id_number),
        "phone": case.phone if personal else mask_phone(case.phone),
        "decision": decision_label(decision, case.item_type == LICENSING) if decision else "",
        "phase_concluded": Phase.CONCLUDED,
    }, status=400 if bound else 200)


@require_POST
def case_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    case = auth.access_case(request.user, pk)
    if action not in ACTIONS:
        messages.error(request, "未知的办理环节")
        return redirect("service_case_detail", pk=case.pk)
    title, _, operation = ACTIONS[action]
    form = _make_form(action, request.POST)
    if form.is_valid():
        try:
            operation(request.user, case, form.cleaned_data)
        except OperationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已办理：{title}")
            return redirect("service_case_detail", pk=case.pk)
    messages.error(request, f"“{title}”未能办理，请按提示修改")
    return case_detail(request, pk, bound=(action, form))
