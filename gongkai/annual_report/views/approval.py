"""A finalised version: read it, approve its publication or send it back.

For an agency with a 主动公开 portal the version is decided in the portal's review: this
page then shows where it stands (every step, who decided, comments, the secrecy
attestation, due dates) and offers the current step's decision to the person who may take
it, through the same operation as Wagtail's review dashboard. Direct approval is not offered
(``publish_report`` refuses it too); the office may withdraw a version under review."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.annual_report import formats as F
from gongkai.annual_report import forms as f
from gongkai.annual_report import publication, review
from gongkai.annual_report.models import DecisionKind, ReportDecision
from gongkai.annual_report.render import FORMATS
from gongkai.annual_report.render import render as render_report
from gongkai.annual_report.render.html import STYLE, body_html
from gongkai.annual_report.views import access
from gongkai.annual_report.views.editor import download_name, file_response
from gongkai.annual_report.views.tables import SEVERITY_LABELS, STATUS_LABELS, check_rows
from gongkai.core.errors import OperationError
from gongkai.foi import services as foi_services
from gongkai.publishing import forms as review_forms
from gongkai.publishing import operations as portal_ops

REVIEW_ACTIONS = ("approve", "reject")


def _review_form(task: object, action: str, data: object = None) -> object:
    if action == "reject":
        return review_forms.RejectForm(data, prefix="reject")
    if getattr(task, "requires_attestation", False):
        return review_forms.AttestationForm(data, prefix="approve")
    return review_forms.ApproveForm(data, prefix="approve")


def version(request: HttpRequest, pk: int, bound: tuple[str, object] | None = None) -> HttpResponse:
    v = access.version_for(request, pk)
    decision = publication.decision_of(v)
    shown = decision.report if decision is not None and decision.kind == DecisionKind.PUBLISHED else v.report
    user = request.user
    own = v.finalised_by_id is not None and v.finalised_by_id == user.pk
    portal = review.portal_for(v.agency_id) is not None
    status = review.status_of(v)
    under_review = decision is None and status is not None and status.running
    can_decide = decision is None and status is not None and status.can_review(user)
    task = status.current_task if can_decide and status is not None else None
    forms_shown = {a: (bound[1] if bound and bound[0] == a else _review_form(task, a)) for a in REVIEW_ACTIONS} if can_decide else {}
    return render(
        request,
        "annual_report/admin/version.html",
        {
            "v": v,
            "agency": v.agency,
            "decision": decision,
            "report": shown,
            "body": body_html(shown),
            "style": STYLE,
            "checks": check_rows(shown["checks"], F.get_format(str(shown["format_version"]))),
            "counts": publication.count_by_severity(shown["checks"]),
            "can_publish": decision is None and not portal and access.can_approve(user, v.agency) and not own,
            "own": own and access.can_approve(user, v.agency) and not portal,
            "own_in_review": own,
            "can_return": decision is None and (access.can_finalise(user, v.agency) if under_review else access.can_return(user, v.agency)),
            "portal": portal,
            "review": status,
            "under_review": under_review,
            "review_task": task,
            "approve_form": forms_shown.get("approve"),
            "reject_form": forms_shown.get("reject"),
            "page_live_url": status.page.url if status is not None and status.page.live and decision is not None else "",
            "publish_form": bound[1] if bound and bound[0] == "publish" else f.PublishForm(initial={"on": foi_services.today()}),
            "return_form": bound[1] if bound and bound[0] == "return" else f.ReturnForm(),
            "status_labels": STATUS_LABELS,
            "severity_labels": SEVERITY_LABELS,
            "formats": [k for k in FORMATS if k != "html"],
            "refusal": [e for errs in bound[1].errors.values() for e in errs] if bound else [],  # type: ignore[attr-defined]
        },
        status=400 if bound else 200,
    )


@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    v = access.version_for(request, pk)
    form = f.PublishForm(request.POST)
    if form.is_valid():
        try:
            decision = publication.publish_report(request.user, v, on=form.cleaned_data["on"])
        except OperationError as exc:
            form.add_error("on" if exc.field == "on" else None, exc.message)
        else:
            messages.success(request, f"已批准发布，发布日期{decision.on:%Y年%m月%d日}；公众可在年报栏目查看")
            return redirect("annual_report_version", pk=v.pk)
    messages.error(request, "未能发布，请按提示处理")
    return version(request, pk, bound=("publish", form))


@require_POST
def review_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Decide the current step of the version's review (as Wagtail's review dashboard does)."""
    v = access.version_for(request, pk)
    if action not in REVIEW_ACTIONS:
        raise Http404("未知的审核操作")
    status = review.status_of(v)
    if status is None or not status.running or publication.decision_of(v) is not None:
        messages.error(request, "这一稿不在审核中")
        return redirect("annual_report_version", pk=v.pk)
    form = _review_form(status.current_task, action, request.POST)
    if form.is_valid():  # type: ignore[attr-defined]
        step = status.current_task.name
        try:
            portal_ops.review(request.user, status.page, action, **form.cleaned_data)  # type: ignore[attr-defined]
        except OperationError as exc:
            form.add_error(None, exc.message)  # type: ignore[attr-defined]
        else:
            decision = ReportDecision.objects.filter(version=v).first()  # not v.decision: cached as missing above
            if decision is not None and decision.kind == DecisionKind.PUBLISHED:
                messages.success(request, f"{step}：审核通过。审核流程完成，报告已发布，发布日期{decision.on:%Y年%m月%d日}")
            elif decision is not None:
                messages.error(request, f"{step}：第{v.number}稿已退回。{decision.reason}")
            else:
                messages.success(request, f"{step}：审核通过，已转下一步")
            return redirect("annual_report_version", pk=v.pk)
    messages.error(request, "未能提交审核意见，请按提示处理")
    return version(request, pk, bound=(action, form))


@require_POST
def send_back(request: HttpRequest, pk: int) -> HttpResponse:
    v = access.version_for(request, pk)
    form = f.ReturnForm(request.POST)
    if form.is_valid():
        try:
            publication.return_report(request.user, v, reason=form.cleaned_data["reason"])
        except OperationError as exc:
            form.add_error("reason" if exc.field == "reason" else None, exc.message)
        else:
            messages.success(request, f"第{v.number}稿已退回，公开办修改后可重新定稿")
            return redirect("annual_report_editor", agency_id=v.agency_id, year=v.year)
    messages.error(request, "未能退回，请按提示处理")
    return version(request, pk, bound=("return", form))


def version_download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    v = access.version_for(request, pk)
    if kind not in FORMATS:
        raise Http404("不支持的格式")
    decision = publication.decision_of(v)
    report = decision.report if decision is not None and decision.kind == DecisionKind.PUBLISHED else v.report
    if kind == "html":
        data = (decision.html if decision is not None and decision.kind == DecisionKind.PUBLISHED else v.html).encode("utf-8")
    else:
        data = render_report(report, kind)
    return file_response(data, kind, download_name(report, kind, f"（第{v.number}稿）"))
