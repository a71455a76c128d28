"""Back-office views of the 权责清单, inside the Wagtail admin. Thin: parse, call, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies.auth import current_agency
from gongkai.core.errors import OperationError
from gongkai.powers import auth, services
from gongkai.powers import forms as f
from gongkai.powers import operations as ops
from gongkai.powers.rules import count_by_category


def _as_of(request: HttpRequest) -> tuple[Any, f.AsOfForm]:
    form = f.AsOfForm(request.GET or None)
    day = services.today()
    if request.GET.get("date") and form.is_valid() and form.cleaned_data["date"]:
        day = form.cleaned_data["date"]
    return day, form


def power_list(request: HttpRequest) -> HttpResponse:
    day, form = _as_of(request)
    agency = current_agency(request)
    rows = services.list_as_of(auth.items_for(request.user).filter(agency=agency), day) if agency else []
    return render(request, "powers/admin/list.html", {
        "rows": rows, "day": day, "form": form, "agency": agency, "counts": count_by_category([r.as_rule() for r in rows], services.categories()),
        "can_edit": agency is not None and auth.can_edit(request.user, agency),
    })


def _data(d: dict[str, Any]) -> ops.PowerData:
    return ops.PowerData(d["name"], d["category"], d["legal_basis"], d["department"], d["review_transfer"], d["duties"], d["accountability"])


def power_new(request: HttpRequest) -> HttpResponse:
    agency = current_agency(request, staff_only=True)
    if agency is None or not auth.can_edit(request.user, agency):
        messages.error(request, "您没有调整权责清单的权限（需要科室负责人或公开办管理员岗位）")
        return redirect("powers_list")
    form = f.NewPowerForm(request.POST or None, initial={"effective_on": services.today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            item = ops.add_item(request.user, agency, code=d["code"], data=_data(d), effective_on=d["effective_on"], reason=d["reason"], document=d["document"])
        except OperationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已新增权责事项 {item.code}")
            return redirect("powers_detail", pk=item.pk)
    return render(request, "powers/admin/new.html", {"form": form, "agency": agency}, status=400 if form.errors else 200)


def power_detail(request: HttpRequest, pk: int, bound: tuple[str, Any] | None = None) -> HttpResponse:
    item = auth.access_item(request.user, pk)
    history = services.history(item)
    last = history[-1] if history else None
    active = last is not None and last.kind != "removed"
    forms_ = {}
    if auth.can_edit(request.user, item.agency) and last is not None:
        initial = {"name": last.name, "category": last.category, "legal_basis": last.legal_basis, "department": last.department,
                   "review_transfer": last.review_transfer, "duties": ops.duties_text(last.duties), "accountability": last.accountability,
                   "effective_on": services.today()}
        key = "adjust" if active else "restore"
        forms_[key] = f.PowerForm(initial=initial, auto_id=f"id_{key}_%s")
        if active:
            forms_["remove"] = f.AdjustmentForm(initial={"effective_on": services.today()}, auto_id="id_remove_%s")
        if bound:
            forms_[bound[0]] = bound[1]
    return render(request, "powers/admin/detail.html", {"item": item, "history": list(reversed(history)), "last": last, "active": active,
                                                         "forms": forms_}, status=400 if bound else 200)


@require_POST
def power_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    item = auth.access_item(request.user, pk)
    if action not in ("adjust", "remove", "restore"):
        messages.error(request, "未知的操作")
        return redirect("powers_detail", pk=item.pk)
    form = (f.AdjustmentForm if action == "remove" else f.PowerForm)(request.POST, auto_id=f"id_{action}_%s")
    if form.is_valid():
        d = form.cleaned_data
        try:
            if action == "remove":
                ops.remove_item(request.user, item, effective_on=d["effective_on"], reason=d["reason"], document=d["document"])
            else:
                operation = ops.adjust_item if action == "adjust" else ops.restore_item
                operation(request.user, item, data=_data(d), effective_on=d["effective_on"], reason=d["reason"], document=d["document"])
        except OperationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "权责清单已调整")
            return redirect("powers_detail", pk=item.pk)
    messages.error(request, "调整未能保存，请按提示修改")
    return power_detail(request, pk, bound=(action, form))
