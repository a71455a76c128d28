"""A finalised version: read it, approve its publication or send it back."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.annual_report import formats as F
from gongkai.annual_report import forms as f
from gongkai.annual_report import publication
from gongkai.annual_report.models import DecisionKind
from gongkai.annual_report.render import FORMATS
from gongkai.annual_report.render import render as render_report
from gongkai.annual_report.render.html import STYLE, body_html
from gongkai.annual_report.views import access
from gongkai.annual_report.views.editor import download_name, file_response
from gongkai.annual_report.views.tables import SEVERITY_LABELS, STATUS_LABELS, check_rows
from gongkai.core.errors import OperationError
from gongkai.foi import services as foi_services


def version(request: HttpRequest, pk: int, bound: tuple[str, object] | None = None) -> HttpResponse:
    v = access.version_for(request, pk)
    decision = publication.decision_of(v)
    shown = decision.report if decision is not None and decision.kind == DecisionKind.PUBLISHED else v.report
    user = request.user
    own = v.finalised_by_id is not None and v.finalised_by_id == user.pk
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
            "can_publish": decision is None and access.can_approve(user, v.agency) and not own,
            "own": own and access.can_approve(user, v.agency),
            "can_return": decision is None and access.can_return(user, v.agency),
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
