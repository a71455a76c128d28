"""Back-office views of 依申请公开, inside the Wagtail admin. Thin: parse, call, render.

Tenant scoping comes from ``foi.auth`` (applications_for / access_application); every
change goes through ``foi.operations``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from gongkai.agencies.auth import (
    agencies_visible_to,
    current_agency,
    roles_by_agency,
    staff_agencies,
    visible_agency_ids,
)
from gongkai.core.errors import OperationError
from gongkai.foi import auth, letter_context, services
from gongkai.foi import forms as f
from gongkai.foi import operations as ops
from gongkai.foi.letters import LETTERS, LetterError, filename
from gongkai.foi.models import Application, AttachmentKind
from gongkai.foi.rules import clock, fees
from gongkai.foi.rules.events import EventKind, State
from gongkai.foi.rules.outcomes import BY_KEY
from gongkai.foi.rules.receipt import Channel
from gongkai.foi.rules.status import Phase, Status
from gongkai.workdays.services import current_calendar, missing_next_year

PER_PAGE = 20

TABS: list[tuple[str, str]] = [
    ("open", "办理中"),
    ("due_soon", "即将到期"),
    ("overdue", "已逾期"),
    ("awaiting_receipt", "待确认收到"),
    ("waiting", "待补正 / 待缴费 / 征求意见"),
    ("concluded", "已办结"),
    ("all", "全部"),
]


def _in_tab(tab: str, st: Status) -> bool:
    if tab == "open":
        return True
    if tab == "due_soon":
        return st.due_soon
    if tab == "overdue":
        return st.overdue
    if tab == "awaiting_receipt":
        return st.phase is Phase.AWAITING_RECEIPT
    if tab == "waiting":
        return st.phase in (Phase.AWAITING_CORRECTION, Phase.AWAITING_FEE, Phase.PAUSED)
    return False


@dataclass
class SeekPage:
    """A page of a long list without counting the list (see ``workbench``)."""

    number: int
    object_list: list[Any]
    has_next: bool

    @classmethod
    def of(cls, qs: Any, requested: str | None) -> SeekPage:
        number = int(requested) if requested and requested.isdigit() and 0 < int(requested) < 100_000 else 1
        start = (number - 1) * PER_PAGE
        rows = list(qs[start : start + PER_PAGE + 1])
        return cls(number, rows[:PER_PAGE], len(rows) > PER_PAGE)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    paginator = None  # the template shows "第 N 页" without a total


@dataclass
class Row:
    app: Application
    status: Status
    applicant: str
    can_handle: bool


def _applicant_label(user: Any, app: Application) -> str:
    if auth.can_see_personal_data(user, app.agency):
        return app.applicant.name
    return app.applicant.masked_name


def _status_sort_key(st: Status) -> tuple[int, dt.date]:
    d = st.deadline.deadline if st.deadline and st.deadline.deadline else dt.date.max
    return (0 if st.overdue else 1, d)


def workbench(request: HttpRequest) -> HttpResponse:
    user = request.user
    visible_ids = visible_agency_ids(user)
    base = Application.objects.filter(agency_id__in=visible_ids)
    agency_id = request.GET.get("agency", "")
    if agency_id.isdigit() and int(agency_id) in visible_ids:
        base = Application.objects.filter(agency_id=int(agency_id))
    year = request.GET.get("year", "")
    if year.isdigit():
        base = base.filter(Q(received_on__year=int(year)) | Q(received_on__isnull=True, created_at__year=int(year)))
    query = request.GET.get("q", "").strip()
    if query:
        handled = [a.pk for a in staff_agencies(user) if auth.can_see_personal_data(user, a)]
        base = base.filter(
            Q(number__icontains=query) | Q(content__icontains=query) | Q(applicant__name__icontains=query, agency_id__in=handled)
        )
    tab = request.GET.get("tab", "open")
    if tab not in dict(TABS):
        tab = "open"

    # Status is derived, so the open applications are classified in Python (they are few);
    # concluded ones are paginated by the database.
    today = services.today()
    open_status = services.open_statuses(base)
    counts = {key: sum(1 for st in open_status.values() if _in_tab(key, st)) for key, _ in TABS[:5]}

    if tab in ("concluded", "all"):
        qs = base.filter(concluded_on__isnull=False) if tab == "concluded" else base
        order = ["-concluded_on", "-id"] if tab == "concluded" else ["-created_at", "-id"]
        # No COUNT(*) over a history of 100,000 applications on every page view: read one row
        # more than a page to know whether there is a next page.
        page = SeekPage.of(qs.order_by(*order).select_related("agency", "applicant"), request.GET.get("p"))
        apps = page.object_list
    else:
        ids = sorted((pk for pk, st in open_status.items() if _in_tab(tab, st)), key=lambda pk: _status_sort_key(open_status[pk]))
        paginator = Paginator(ids, PER_PAGE)
        page = paginator.get_page(request.GET.get("p"))
        by_id = Application.objects.select_related("agency", "applicant").in_bulk(list(page.object_list))
        apps = [by_id[pk] for pk in page.object_list]
    page_status = {**services.statuses((a.pk, a.events_folded, a.state) for a in apps if a.pk not in open_status), **open_status}
    rows = [Row(app, page_status[app.pk], _applicant_label(user, app), auth.can_handle(user, app.agency)) for app in apps]
    keep = {k: v for k, v in request.GET.items() if k in ("agency", "year", "q") and v}
    return render(
        request,
        "foi/admin/workbench.html",
        {
            "rows": rows,
            "page": page,
            "tabs": [(key, label, counts.get(key)) for key, label in TABS],
            "tab": tab,
            "keep": keep,
            "agencies": agencies_visible_to(user).order_by("name") if len(visible_ids) > 1 else [],
            "agency_id": agency_id,
            "q": query,
            "year": year,
            "years": range(today.year, 2018, -1),
            "can_register": any(roles & auth.HANDLER_ROLES for roles in roles_by_agency(user).values()),
            "missing_year": missing_next_year(today),
            "today": today,
        },
    )


# -- registering ---------------------------------------------------------------------------


def register(request: HttpRequest) -> HttpResponse:
    agency = current_agency(request, staff_only=True)
    if agency is None or not auth.can_handle(request.user, agency):
        messages.error(request, "您没有登记申请的权限（需要科员、科室负责人或公开办管理员岗位）")
        return redirect("foi_workbench")
    form = f.RegisterForm(request.POST or None, request.FILES or None, initial={"submitted_on": services.today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            # one transaction: a refused attachment leaves no application behind
            with transaction.atomic():
                app, code = ops.register(
                    request.user,
                    agency,
                    ops.ApplicantData(
                        kind=d["kind"], name=d["name"], id_type=d["id_type"], id_number=d["id_number"],
                        contact_person=d["contact_person"], phone=d["phone"], email=d["email"],
                        address=d["address"], postcode=d["postcode"],
                    ),
                    ops.RequestData(d["content"], d["form_requirement"], d["delivery"], d["pieces"]),
                    channel=d["channel"],
                    submitted_on=d["submitted_on"],
                    signed_on=d["signed_on"],
                    confirmed_on=d["confirmed_on"],
                )
                if d.get("attachment"):
                    ops.attach(request.user, app, d["attachment"], kind=AttachmentKind.APPLICATION)
        except OperationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已登记申请 {app.number}。申请人查询码：{code}（请告知申请人，本码只显示这一次）")
            return redirect("foi_detail", pk=app.pk)
    return render(request, "foi/admin/register.html", {"form": form, "agency": agency}, status=400 if form.errors else 200)


# -- one application -------------------------------------------------------------------------


@dataclass
class Action:
    key: str
    title: str
    form: forms.Form
    button: str = "确定"
    danger: bool = False


ACTIONS: dict[str, tuple[str, type[forms.Form], Callable[..., Any], bool]] = {
    # key: (title, form, operation(user, app, **cleaned), needs extension role)
    "confirm": ("确认收到申请", f.ConfirmReceiptForm, lambda u, a, d: ops.confirm_receipt(u, a, on=d["on"]), False),
    "correction": ("发出补正告知", f.CorrectionRequestForm, lambda u, a, d: ops.request_correction(u, a, on=d["on"], items=d["items"], period_workdays=d["period_workdays"]), False),
    "corrected": ("登记收到补正", f.CorrectionReceivedForm, lambda u, a, d: ops.receive_correction(u, a, on=d["on"], note=d["note"]), False),
    "correction_expired": ("逾期未补正，视为放弃申请", f.ActionForm, lambda u, a, d: ops.expire_correction(u, a, on=d["on"]), False),
    "consult": ("发出征求意见函", f.ConsultationStartForm, lambda u, a, d: ops.start_consultation(u, a, on=d["on"], party=d["party"], name=d["name"]), False),
    "consult_end": ("征求意见结束", f.ConsultationEndForm, lambda u, a, d: ops.end_consultation(u, a, ref=d["ref"], on=d["on"], result=d["result"]), False),
    "extend": ("批准延期答复", f.ExtensionForm, lambda u, a, d: ops.approve_extension(u, a, on=d["on"], reason=d["reason"]), True),
    "fee": ("发出收费通知", f.FeeNoticeForm, lambda u, a, d: ops.send_fee_notice(u, a, on=d["on"], method=d["method"], units=d["units"]), False),
    "fee_paid": ("登记缴费", f.FeePaidForm, lambda u, a, d: ops.record_fee_payment(u, a, on=d["on"], receipt_no=d["receipt_no"]), False),
    "fee_expired": ("逾期未缴费，视为放弃申请", f.ActionForm, lambda u, a, d: ops.expire_fee(u, a, on=d["on"]), False),
    "reply": ("作出答复", f.ReplyForm, lambda u, a, d: ops.issue_reply(
        u, a, on=d["on"], outcome=d["outcome"], summary=d["summary"], access=d["access"],
        proactively_disclosed=d["proactively_disclosed"], disclosed_part=d["disclosed_part"],
        withheld_part=d["withheld_part"], referral=d["referral"]), False),
    "deliver": ("登记送达", f.DeliveryForm, lambda u, a, d: ops.record_delivery(u, a, on=d["on"], method=d["method"]), False),
    "withdraw": ("申请人撤回", f.WithdrawForm, lambda u, a, d: ops.withdraw(u, a, on=d["on"], reason=d["reason"]), False),
    "note": ("添加备注", f.NoteForm, lambda u, a, d: ops.add_note(u, a, text=d["text"]), False),
}


def _available(state: State, status: Status) -> list[str]:
    """Which actions make sense now (the operations still check everything)."""
    if not state.is_open:
        return (["deliver"] if state.delivered_on is None else []) + ["note"]
    if state.received_on is None:
        return ["confirm", "withdraw", "note"]
    keys: list[str] = []
    if state.awaiting_correction:
        keys += ["corrected", "correction_expired"]
    elif state.correction_requested_on is None:
        keys.append("correction")
    keys.append("consult")
    if state.open_consultations:
        keys.append("consult_end")
    if not state.extended:
        keys.append("extend")
    if state.awaiting_fee:
        keys += ["fee_paid", "fee_expired"]
    elif state.fee_notice_on is None:
        keys.append("fee")
    if not state.awaiting_fee:
        keys.append("reply")
    keys += ["withdraw", "note"]
    return keys


def _auto_id(key: str, ref: str = "") -> str:
    """Element ids unique on the page: every action form has a 日期 field."""
    return f"id_{key}{'_' + slugify(ref) if ref else ''}_%s"


def _forms_for(request: HttpRequest, app: Application, state: State, status: Status, bound: tuple[str, forms.Form] | None = None) -> list[Action]:
    today = services.today()
    out = []
    can_handle, can_extend = auth.can_handle(request.user, app.agency), auth.can_extend(request.user, app.agency)
    for key in _available(state, status):
        title, form_class, _, needs_extend = ACTIONS[key]
        if (needs_extend and not can_extend) or (not needs_extend and not can_handle):
            continue
        if key == "consult_end":
            for c in state.open_consultations:
                form = bound[1] if bound and bound[0] == key and bound[1].data.get("ref") == c.ref else form_class(initial={"ref": c.ref}, today=today, auto_id=_auto_id(key, c.ref))
                out.append(Action(key, f"征求意见结束：{c.name}", form))
            continue
        if bound and bound[0] == key:
            form = bound[1]
        else:
            form = form_class(today=today, auto_id=_auto_id(key)) if issubclass(form_class, f.ActionForm) else form_class(auto_id=_auto_id(key))
        out.append(Action(key, title, form, danger=key in ("correction_expired", "fee_expired", "withdraw")))
    if bound and not any(a.form is bound[1] for a in out):
        # A refused action that is not offered now (a second 补正, no permission ...): still
        # show its form, so the reason appears next to what the user submitted.
        out.insert(0, Action(bound[0], ACTIONS[bound[0]][0], bound[1]))
    return out


def _timeline(app: Application) -> list[dict[str, Any]]:
    rows = []
    for e in app.events.order_by("seq"):
        kind = EventKind(e.kind)
        detail = []
        d = e.data
        if kind is EventKind.REPLY_ISSUED:
            detail.append(f"办理结果：{BY_KEY[d['outcome']].short}")
            if d.get("letter_no"):
                detail.append(f"文号：{d['letter_no']}")
            if d.get("summary"):
                detail.append(d["summary"])
        elif kind is EventKind.CORRECTION_REQUESTED:
            detail.append(f"补正事项：{d.get('items', '')}；期限{d.get('period_workdays')}个工作日")
            if d.get("late_notice"):
                detail.append("注意：晚于收到申请后7个工作日（条例第三十条）")
        elif kind is EventKind.CONSULTATION_STARTED:
            detail.append(f"征求对象：{d.get('name', '')}")
        elif kind is EventKind.CONSULTATION_ENDED:
            detail.append(f"意见：{d.get('result') or '—'}")
        elif kind is EventKind.EXTENSION_APPROVED:
            detail.append(f"理由：{d.get('reason', '')}；批准人：{d.get('approver', '')}")
        elif kind is EventKind.FEE_NOTICE_SENT:
            detail.append(f"{fees.FeeMethod(d['method']).label}，金额{d['amount']}元")
        elif kind is EventKind.FEE_PAID and d.get("receipt_no"):
            detail.append(f"票据号：{d['receipt_no']}")
        elif kind in (EventKind.NOTE,):
            detail.append(d.get("text", ""))
        elif kind is EventKind.CORRECTION_RECEIVED and d.get("note"):
            detail.append(("申请人在线提交：" if d.get("via") == "online" else "") + d["note"])
        elif kind is EventKind.DELIVERED:
            detail.append(f"方式：{d.get('method', '')}")
        elif kind is EventKind.WITHDRAWN and d.get("reason"):
            detail.append(d["reason"])
        elif kind is EventKind.REGISTERED:
            detail.append(f"方式：{Channel(d['channel']).label}" + ("（待确认收到）" if d.get("awaiting_confirmation") else ""))
        rows.append({"event": e, "label": kind.label, "detail": detail})
    return rows


def detail(request: HttpRequest, pk: int, bound: tuple[str, forms.Form] | None = None) -> HttpResponse:
    app = auth.access_application(request.user, pk)
    state = app.folded_state()
    status = services.status_of(app, explain=True)
    personal = auth.can_see_personal_data(request.user, app.agency)
    return render(
        request,
        "foi/admin/detail.html",
        {
            "app": app,
            "state": state,
            "status": status,
            "personal": personal,
            "applicant": app.applicant,
            "actions": _forms_for(request, app, state, status, bound),
            "timeline": _timeline(app),
            "letters": letter_context.available(app) if auth.can_handle(request.user, app.agency) else [],
            "attachments": app.attachments.all(),
            "outcome": BY_KEY.get(app.outcome) if app.outcome else None,
            "today": services.today(),
        },
        status=400 if bound else 200,
    )


@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    app = auth.access_application(request.user, pk)
    if action == "attach":
        upload = request.FILES.get("attachment")
        if upload is None:
            messages.error(request, "请选择要上传的文件")
        else:
            try:
                ops.attach(request.user, app, upload, kind=request.POST.get("kind", AttachmentKind.OTHER))
                messages.success(request, "文件已上传")
            except OperationError as exc:
                messages.error(request, exc.message)
        return redirect("foi_detail", pk=app.pk)
    if action not in ACTIONS:
        messages.error(request, "未知的办理操作")
        return redirect("foi_detail", pk=app.pk)
    title, form_class, operation, _ = ACTIONS[action]
    auto_id = _auto_id(action, request.POST.get("ref", "") if action == "consult_end" else "")
    form = form_class(request.POST, today=services.today(), auto_id=auto_id) if issubclass(form_class, f.ActionForm) else form_class(request.POST, auto_id=auto_id)
    if form.is_valid():
        try:
            operation(request.user, app, form.cleaned_data)
        except OperationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已办理：{title}")
            return redirect("foi_detail", pk=app.pk)
    messages.error(request, f"“{title}”未能办理，请按提示修改")
    return detail(request, pk, bound=(action, form))


def letter(request: HttpRequest, pk: int, kind: str, ref: str = "") -> HttpResponse:
    """Download a letter of this application as DOCX (staff who handle it only)."""
    app = auth.access_application(request.user, pk)
    if not auth.can_handle(request.user, app.agency) or kind not in LETTERS:
        raise Http404("没有这份文书")
    ctx = letter_context.build(app, kind, ref)
    if ctx is None:
        raise Http404("该申请没有这份文书")
    try:
        data = LETTERS[kind][1](ctx)
    except LetterError as exc:
        messages.error(request, f"无法生成{LETTERS[kind][0]}：{exc}")
        return redirect("foi_detail", pk=app.pk)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename(kind, ctx))}"
    return response


def attachment(request: HttpRequest, pk: int, att_id: int) -> HttpResponse:
    """Download an attachment: only staff who handle the case (it may hold ID copies)."""
    app = auth.access_application(request.user, pk)
    if not auth.can_see_personal_data(request.user, app.agency):
        raise Http404("没有这个附件")
    att = app.attachments.filter(pk=att_id).first()
    if att is None:
        raise Http404("没有这个附件")
    response = FileResponse(att.file.open("rb"), as_attachment=True, filename=att.original_name, content_type=att.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# -- calculators ----------------------------------------------------------------------------


def deadline_calculator(request: HttpRequest) -> HttpResponse:
    form = f.DeadlineCalculatorForm(request.GET or None)
    result = None
    if request.GET and form.is_valid():
        d = form.cleaned_data
        day0, why = d["received"], "收到申请"
        if d.get("corrected"):
            day0, why = d["corrected"], "收到补正后的申请，期限重新计算（条例第三十条）"
        pauses = ()
        if d.get("pause_start"):
            pauses = (clock.Pause(d["pause_start"], d["pause_end"], "征求意见（条例第三十三条第三款）"),)
        workdays = clock.BASE_WORKDAYS + (clock.EXTENSION_WORKDAYS if d.get("extended") else 0)
        result = clock.compute(clock.ClockInput(day0, why, workdays, pauses), current_calendar())
    return render(request, "foi/admin/deadline_calculator.html", {"form": form, "result": result})


def fee_calculator(request: HttpRequest) -> HttpResponse:
    form = f.FeeCalculatorForm(request.GET or None)
    result = None
    if request.GET and form.is_valid():
        d = form.cleaned_data
        if d["method"] == fees.FeeMethod.PER_PIECE:
            charges = fees.pieces_charges(d.get("first_ordinal") or 1, d["units"])
            unit = "件"
        else:
            charges = fees.pages_charges(d["units"])
            unit = "页"
        result = {"charges": charges, "unit": unit, "total": sum(c.subtotal for c in charges), "method": fees.FeeMethod(d["method"])}
    return render(request, "foi/admin/fee_calculator.html", {"form": form, "result": result})


def workbench_url(**params: str) -> str:
    from urllib.parse import urlencode

    return reverse("foi_workbench") + ("?" + urlencode(params) if params else "")
