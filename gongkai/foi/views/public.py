"""Public pages of 依申请公开: apply online, then follow the application with a query code.

Nobody sees anyone else's application: the only key to an application is its query
code (60 bits of randomness, stored as an HMAC), and failed lookups are throttled.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.cache import never_cache

from gongkai.agencies.models import Agency
from gongkai.core.errors import OperationError
from gongkai.foi import forms as f
from gongkai.foi import operations as ops
from gongkai.foi import services
from gongkai.foi.models import Application, AttachmentKind
from gongkai.foi.rules.events import EventKind
from gongkai.foi.rules.outcomes import BY_KEY
from gongkai.foi.rules.status import Phase

SESSION_APP = "foi_public_app"
SESSION_NEW = "foi_public_new"
QUERY_LIMIT = 20  # failed query-code attempts per IP per hour


def index(request: HttpRequest) -> HttpResponse:
    agencies = Agency.objects.filter(is_active=True).order_by("name")
    return render(request, "foi/public/index.html", {"agencies": agencies})


def apply(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_object_or_404(Agency, slug=slug, is_active=True)
    form = f.PublicApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            # one transaction: a refused attachment leaves no application behind
            with transaction.atomic():
                app, code = ops.submit_online(
                    agency,
                    ops.ApplicantData(
                        kind=d["kind"], name=d["name"], id_type=d["id_type"], id_number=d["id_number"],
                        contact_person=d["contact_person"], phone=d["phone"], email=d["email"],
                        address=d["address"], postcode=d["postcode"],
                    ),
                    ops.RequestData(d["content"], d["form_requirement"], d["delivery"]),
                )
                if d.get("attachment"):
                    ops.attach_public(app, d["attachment"], kind=AttachmentKind.APPLICATION, actor=request.user)
        except OperationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            request.session[SESSION_NEW] = {"number": app.number, "code": code, "agency": agency.name}
            request.session[SESSION_APP] = app.pk
            return redirect("foi_public_done")
    return render(request, "foi/public/apply.html", {"agency": agency, "form": form}, status=400 if form.errors else 200)


@never_cache
def done(request: HttpRequest) -> HttpResponse:
    info = request.session.pop(SESSION_NEW, None)
    if not info:
        return redirect("foi_public_query")
    return render(request, "foi/public/done.html", {"info": info})


def _client_key(request: HttpRequest) -> str:
    return f"foi-query-fail:{request.META.get('REMOTE_ADDR', '')}"


@never_cache
def query(request: HttpRequest) -> HttpResponse:
    form = f.QueryForm(request.POST or None)
    if request.method == "POST":
        key = _client_key(request)
        if cache.get(key, 0) >= QUERY_LIMIT:
            form.add_error("code", "查询失败次数过多，请一小时后再试")
        elif form.is_valid():
            app = ops.find_by_query_code(form.cleaned_data["code"])
            if app is None:
                cache.set(key, cache.get(key, 0) + 1, 3600)
                form.add_error("code", "没有找到与该查询码对应的申请，请核对后重新输入")
            else:
                request.session.cycle_key()
                request.session[SESSION_APP] = app.pk
                return redirect("foi_public_status")
    return render(request, "foi/public/query.html", {"form": form}, status=400 if form.errors else 200)


_PUBLIC_EVENTS = {
    EventKind.SUBMITTED: "在线提交申请",
    EventKind.REGISTERED: "申请已登记",
    EventKind.RECEIPT_CONFIRMED: "机关确认收到申请（答复期限自次日起算）",
    EventKind.CORRECTION_REQUESTED: "机关要求补正申请",
    EventKind.CORRECTION_RECEIVED: "收到补正材料（答复期限重新计算）",
    EventKind.CORRECTION_EXPIRED: "逾期未补正，视为放弃申请",
    EventKind.CONSULTATION_STARTED: "征求第三方或其他机关意见（所需时间不计入答复期限）",
    EventKind.CONSULTATION_ENDED: "征求意见结束",
    EventKind.EXTENSION_APPROVED: "经批准延长答复期限",
    EventKind.FEE_NOTICE_SENT: "发出收费通知",
    EventKind.FEE_PAID: "已缴纳信息处理费",
    EventKind.FEE_EXPIRED: "逾期未缴费，视为放弃申请",
    EventKind.REPLY_ISSUED: "作出答复",
    EventKind.DELIVERED: "答复已送达",
    EventKind.WITHDRAWN: "申请已撤回",
    EventKind.LEDGER_IMPORTED: "申请已登记",
}


def _public_timeline(app: Application) -> list[dict[str, Any]]:
    rows = []
    for e in app.events.order_by("seq"):
        kind = EventKind(e.kind)
        if kind not in _PUBLIC_EVENTS:
            continue  # internal notes stay internal
        detail = ""
        if kind is EventKind.CORRECTION_REQUESTED:
            detail = f"需要补正的事项：{e.data.get('items', '')}"
        elif kind is EventKind.REPLY_ISSUED:
            detail = f"办理结果：{BY_KEY[e.data['outcome']].short}" + (f"（{e.data['letter_no']}）" if e.data.get("letter_no") else "")
        elif kind is EventKind.FEE_NOTICE_SENT:
            detail = f"金额：{e.data.get('amount')}元"
        rows.append({"on": e.on, "label": _PUBLIC_EVENTS[kind], "detail": detail})
    return rows


@never_cache
def status(request: HttpRequest) -> HttpResponse:
    pk = request.session.get(SESSION_APP)
    app = Application.objects.select_related("agency").filter(pk=pk).first() if pk else None
    if app is None:
        return redirect("foi_public_query")
    st = services.status_of(app)
    form = None
    if st.phase is Phase.AWAITING_CORRECTION:
        form = f.PublicCorrectionForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                with transaction.atomic():  # a refused file: the 补正 is not recorded, so it can be resent
                    ops.receive_correction_online(app, text=form.cleaned_data["text"])
                    if form.cleaned_data.get("attachment"):
                        ops.attach_public(app, form.cleaned_data["attachment"], kind=AttachmentKind.CORRECTION, actor=request.user)
            except OperationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, "补正材料已提交，答复期限自今日重新计算")
                return redirect("foi_public_status")
    return render(
        request,
        "foi/public/status.html",
        {"app": app, "status": st, "timeline": _public_timeline(app), "form": form,
         "outcome": BY_KEY.get(app.outcome) if app.outcome else None, "agency": app.agency},
    )


def leave(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_APP, None)
    return redirect("foi_public_query")


urlpatterns = [
    path("", index, name="foi_public_index"),
    path("query/", query, name="foi_public_query"),
    path("query/status/", status, name="foi_public_status"),
    path("query/leave/", leave, name="foi_public_leave"),
    path("done/", done, name="foi_public_done"),
    path("<slug:slug>/", apply, name="foi_public_apply"),
]
