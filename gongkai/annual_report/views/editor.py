"""The report editor in the back office: tables with provenance and checks, typed figures,
the narrative, the document register, previews and 定稿. Thin: parse, call, render."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.agencies.auth import agencies_visible_to, current_agency, roles_by_agency
from gongkai.annual_report import formats as F
from gongkai.annual_report import forms as f
from gongkai.annual_report import operations as report_ops
from gongkai.annual_report import publication, review
from gongkai.annual_report.build import build_report
from gongkai.annual_report.models import (
    DOCUMENT_KIND_CHOICES,
    ManualFigure,
    RegisteredDocument,
    ReportVersion,
)
from gongkai.annual_report.register import RegisterTable, document_register
from gongkai.annual_report.render import FORMATS, MEDIA_TYPES, common
from gongkai.annual_report.render import render as render_report
from gongkai.annual_report.render.html import STYLE, body_html
from gongkai.annual_report.render.illustrated import STYLE as ILLUSTRATED_STYLE
from gongkai.annual_report.render.illustrated import illustrated_body
from gongkai.annual_report.views import access
from gongkai.annual_report.views.tables import SEVERITY_LABELS, STATUS_LABELS, check_rows, table_views
from gongkai.core.errors import OperationError
from gongkai.foi import services as foi_services

# The checks shown next to each narrative section.
SECTION_CHECKS = {"overview": ("B6", "D3"), "problems": ("E1", "E2", "E3", "E4"), "other": ("B8", "D4")}
SECTION_HELP = {
    "overview": "由系统根据表格数字生成草稿，请补充政府信息管理、平台建设、监督保障等情况。清空后保存即恢复为草稿。",
    "problems": "由工作人员撰写：写明具体问题（领域、表现、数字）和对应的改进措施（做什么、谁负责、何时完成）。",
    "other": "由系统生成信息处理费说明，可补充其他需要报告的事项。清空后保存即恢复为草稿。",
}


def download_name(report: dict[str, Any], kind: str, suffix: str = "") -> str:
    return f"{common.title(report)}{suffix}.{kind}"


def file_response(data: bytes, kind: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=MEDIA_TYPES[kind])
    disposition = "inline" if kind in ("html", "json") else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# -- the list of years -----------------------------------------------------------------------


def index(request: HttpRequest) -> HttpResponse:
    agency = current_agency(request)
    if agency is None:
        return render(request, "annual_report/admin/index.html", {"agency": None, "rows": []})
    today = foi_services.today()
    rows = []
    for year in access.years():
        st = publication.year_status(agency, year)
        rows.append({"year": year, "status": st, "label": st.label(today), "late": st.on_time() is False or st.overdue(today)})
    approver_of = [aid for aid, roles in roles_by_agency(request.user).items() if roles & publication.APPROVE_ROLES]
    waiting = (
        ReportVersion.objects.filter(agency_id__in=approver_of, decision__isnull=True)
        .exclude(finalised_by=request.user)  # nobody approves their own finalisation
        .select_related("agency")
        .order_by("agency__name", "year")
        if approver_of
        else []
    )
    visible = agencies_visible_to(request.user).order_by("name")
    return render(
        request,
        "annual_report/admin/index.html",
        {
            "agency": agency,
            "rows": rows,
            "waiting": waiting,
            "agencies": visible if visible.count() > 1 else [],
            "can_edit": access.can_edit(request.user, agency),
            "today": today,
        },
    )


# -- the editor ------------------------------------------------------------------------------


@dataclass
class TypedRow:
    path: str
    name: str
    value: Any
    entry: ManualFigure | None
    form: forms.Form
    provenance: str = ""
    pending: bool = False


@dataclass
class SectionView:
    key: str
    heading: str
    text: str
    provenance: str
    help: str
    results: list[Any]
    form: forms.Form
    drafted: bool


def _figure_choices(fmt: F.ReportFormat) -> list[tuple[str, str]]:
    return [(fig.path, F.describe_figure(fig)) for fig in F.figures(fmt)]


def editor(request: HttpRequest, agency_id: int, year: int, bound: tuple[str, str, forms.Form] | None = None) -> HttpResponse:
    """``bound``: (kind, key, form) of a refused submission, shown with its errors."""
    agency = access.agency_for(request, agency_id)
    access.check_year(year)
    report = build_report(agency, year)
    fmt = common.report_format(report)
    today = foi_services.today()
    entries = {m.path: m for m in ManualFigure.objects.filter(agency=agency, year=year)}
    choices = _figure_choices(fmt)
    names = dict(choices)

    def bound_form(kind: str, key: str) -> forms.Form | None:
        return bound[2] if bound and bound[0] == kind and bound[1] == key else None

    manual = publication.manual_paths(fmt)
    typed_rows = []
    for path in manual:
        entry = entries.get(path)
        form = bound_form("figure", path) or f.FigureForm(
            path_choices=choices,
            initial={"path": path, "value": entry.value if entry else "", "note": entry.note if entry else ""},
            auto_id=f"id_fig_{path.replace('.', '_')}_%s",
        )
        prov = report["provenance"].get(path, "")
        typed_rows.append(
            TypedRow(path, names.get(path, path), F.get_value(report, path), entry, form, prov, prov == publication.PENDING_PROVENANCE)
        )
    adjustments = [
        TypedRow(p, names.get(p, f"{p}（不属于{fmt.version}年格式，未采用）"), m.value, m, f.ClearFigureForm(initial={"path": p}))
        for p, m in sorted(entries.items()) if p not in manual
    ]
    adjust_form = bound_form("figure", "adjust") or f.FigureForm(
        path_choices=[(p, n) for p, n in choices if p not in manual], auto_id="id_adjust_%s"
    )
    sections = []
    checks_by_id: dict[str, list[Any]] = {}
    for r in report["checks"]:
        checks_by_id.setdefault(r["id"], []).append(r)
    for s in fmt.sections:
        if not s.is_narrative:
            continue
        text = report["sections"].get(s.key, "")
        prov = report["provenance"].get(f"sections.{s.key}", "")
        form = bound_form("section", s.key) or f.SectionForm(initial={"text": text}, auto_id=f"id_{s.key}_%s")
        results = [r for cid in SECTION_CHECKS[s.key] for r in checks_by_id.get(cid, [])]
        sections.append(SectionView(s.key, s.heading, text, prov, SECTION_HELP[s.key], results, form, prov.startswith("根据本报告数字")))
    status = publication.year_status(agency, year)
    blockers = publication.blocking(report["checks"])
    finalise_form = bound_form("finalise", "") or f.FinaliseForm()
    can_edit, can_finalise = access.can_edit(request.user, agency), access.can_finalise(request.user, agency)
    # A refused submission whose form this user is not shown: say why at the top.
    inline = can_finalise and status.pending is None if bound and bound[0] == "finalise" else can_edit
    refusal = [e for errs in bound[2].errors.values() for e in errs] if bound and not inline else []
    version_rows = [(v, publication.decision_of(v)) for v in publication.versions(agency, year)]
    return render(
        request,
        "annual_report/admin/editor.html",
        {
            "agency": agency,
            "year": year,
            "report": report,
            "fmt": fmt,
            "title": common.title(report),
            "heading": f"{year}年{F.DOCUMENT_TITLE}",
            "tables": table_views(report, set(entries)),
            "checks": check_rows(report["checks"], fmt),
            "counts": publication.count_by_severity(report["checks"]),
            "blockers": blockers,
            "typed_rows": typed_rows,
            "adjustments": adjustments,
            "adjust_form": adjust_form,
            "sections": sections,
            "status": status,
            "status_label": status.label(today),
            "versions": version_rows,
            "finalise_form": finalise_form,
            "year_over": today.year > year,
            "can_edit": can_edit,
            "can_finalise": can_finalise,
            "portal": review.portal_for(agency) is not None,
            "refusal": refusal,
            "status_labels": STATUS_LABELS,
            "severity_labels": SEVERITY_LABELS,
            "formats": [k for k in FORMATS if k != "html"],
            "style": STYLE,
            "timeliness": report["timeliness"],
            **_register_in_use(),
        },
        status=400 if bound else 200,
    )


def _back(agency_id: int, year: int, anchor: str = "") -> HttpResponse:
    return redirect(reverse("annual_report_editor", args=[agency_id, year]) + (f"#{anchor}" if anchor else ""))


@require_POST
def figure(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = access.agency_for(request, agency_id)
    access.check_year(year)
    fmt = report_ops.report_format(agency, year)
    form = f.FigureForm(request.POST, path_choices=_figure_choices(fmt))
    key = request.POST.get("path", "") if request.POST.get("path", "") in publication.manual_paths(fmt) else "adjust"
    if form.is_valid():
        d = form.cleaned_data
        try:
            report_ops.enter_figure(request.user, agency, year, path=d["path"], value=d["value"], note=d["note"])
        except OperationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已录入：{dict(_figure_choices(fmt))[d['path']]} = {d['value']}")
            return _back(agency_id, year, "figures")
    messages.error(request, "数据未能录入，请按提示修改")
    return editor(request, agency_id, year, bound=("figure", key, form))


@require_POST
def clear_figure(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = access.agency_for(request, agency_id)
    access.check_year(year)
    form = f.ClearFigureForm(request.POST)
    if not form.is_valid():
        messages.error(request, "撤销未成功：" + "；".join(e for errs in form.errors.values() for e in errs))
        return _back(agency_id, year, "figures")
    try:
        report_ops.clear_figure(request.user, agency, year, path=form.cleaned_data["path"], note=form.cleaned_data["note"])
    except OperationError as exc:
        messages.error(request, f"撤销未成功：{exc.message}")
    else:
        messages.success(request, "已撤销录入的数据，恢复为按记录计算的数值")
    return _back(agency_id, year, "figures")


@require_POST
def section(request: HttpRequest, agency_id: int, year: int, key: str) -> HttpResponse:
    agency = access.agency_for(request, agency_id)
    access.check_year(year)
    if key not in report_ops.NARRATIVE_SECTIONS:
        raise Http404("没有这一部分")
    form = f.SectionForm(request.POST, auto_id=f"id_{key}_%s")
    if form.is_valid():
        try:
            report_ops.write_section(request.user, agency, year, section=key, text=form.cleaned_data["text"])
        except OperationError as exc:
            form.add_error("text" if exc.field in (None, "section") else None, exc.message)
        else:
            messages.success(request, "已保存" + F.SECTIONS[[s.key for s in F.SECTIONS].index(key)].heading)
            return _back(agency_id, year, f"text-{key}")
    messages.error(request, "文字未能保存，请按提示修改")
    return editor(request, agency_id, year, bound=("section", key, form))


@require_POST
def finalise(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = access.agency_for(request, agency_id)
    access.check_year(year)
    form = f.FinaliseForm(request.POST)
    if form.is_valid():
        try:
            version = publication.finalise_report(request.user, agency, year, revision_note=form.cleaned_data["revision_note"])
        except OperationError as exc:
            form.add_error("revision_note" if exc.field == "revision_note" else None, exc.message)
        else:
            messages.success(request, f"已定稿（第{version.number}稿），请主要领导或分管领导审批发布")
            return redirect("annual_report_version", pk=version.pk)
    messages.error(request, "未能定稿，请按提示处理")
    return editor(request, agency_id, year, bound=("finalise", "", form))


# -- previews --------------------------------------------------------------------------------


def preview(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = access.agency_for(request, agency_id)
    access.check_year(year)
    report = build_report(agency, year)
    return render(
        request,
        "annual_report/admin/preview.html",
        {"agency": agency, "year": year, "title": common.title(report), "body": body_html(report), "style": STYLE,
         "formats": [k for k in FORMATS if k != "html"], "kind": "report"},
    )


def illustrated_preview(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = access.agency_for(request, agency_id)
    access.check_year(year)
    report = build_report(agency, year)
    try:
        previous = build_report(agency, year - 1)
    except F.FormatError:
        previous = None
    return render(
        request,
        "annual_report/admin/preview.html",
        {"agency": agency, "year": year, "title": common.title(report), "body": illustrated_body(report, previous),
         "style": ILLUSTRATED_STYLE, "formats": [], "kind": "illustrated"},
    )


def download(request: HttpRequest, agency_id: int, year: int, kind: str) -> HttpResponse:
    agency = access.agency_for(request, agency_id)
    access.check_year(year)
    if kind not in FORMATS:
        raise Http404("不支持的格式")
    report = build_report(agency, year)
    return file_response(render_report(report, kind), kind, download_name(report, kind, "（草稿）"))


# -- the document register --------------------------------------------------------------------


def _register_in_use() -> dict[str, Any]:
    """Which register 表二 counts (settings.GONGKAI_DOCUMENT_REGISTER): this one, or the
    主动公开 catalogue."""
    active = document_register()
    return {"register_name": active.name, "register_is_this": isinstance(active, RegisterTable),
            "register_is_combined": not isinstance(active, RegisterTable)}


def documents_home(request: HttpRequest) -> HttpResponse:
    """The register of the agency the user works in (or the first they may read)."""
    agency = current_agency(request, staff_only=True) or current_agency(request)
    if agency is None:
        raise Http404("没有可查看的机关")
    return redirect("annual_report_documents", agency_id=agency.pk)


def documents(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = access.agency_for(request, agency_id)
    form = f.DocumentForm(auto_id="id_doc_%s")
    if request.method == "POST":
        form = f.DocumentForm(request.POST, auto_id="id_doc_%s")
        if form.is_valid():
            d = form.cleaned_data
            try:
                doc = report_ops.register_document(
                    request.user, agency, kind=d["kind"], title=d["title"], written_on=d["written_on"],
                    doc_number=d["doc_number"], published_on=d["published_on"], repealed_on=d["repealed_on"],
                )
            except OperationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, f"已登记：{doc}")
                return redirect("annual_report_documents", agency_id=agency.pk)
        messages.error(request, "文件未能登记，请按提示修改")
    kind = request.GET.get("kind", "")
    docs = RegisteredDocument.objects.filter(agency=agency)
    if kind in dict(DOCUMENT_KIND_CHOICES):
        docs = docs.filter(kind=kind)
    return render(
        request,
        "annual_report/admin/documents.html",
        {
            "agency": agency,
            "form": form,
            "docs": docs.order_by("-written_on", "-id")[:500],
            "kinds": DOCUMENT_KIND_CHOICES,
            "kind": kind,
            "can_edit": access.can_edit(request.user, agency),
            "repeal_form": f.RepealForm(initial={"on": foi_services.today()}),
            **_register_in_use(),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def repeal(request: HttpRequest, agency_id: int, doc_id: int) -> HttpResponse:
    agency = access.agency_for(request, agency_id)
    doc = RegisteredDocument.objects.filter(agency=agency, pk=doc_id).first()
    if doc is None:
        raise Http404("没有这份文件")
    form = f.RepealForm(request.POST)
    if not form.is_valid():
        messages.error(request, "废止未成功：" + "；".join(e for errs in form.errors.values() for e in errs))
    else:
        try:
            report_ops.repeal_document(request.user, doc, on=form.cleaned_data["on"])
        except OperationError as exc:
            messages.error(request, f"废止未成功：{exc.message}")
        else:
            messages.success(request, f"已登记废止：{doc}")
    return redirect("annual_report_documents", agency_id=agency.pk)
