"""Back-office page for the 依申请公开台账: import (all or nothing) and export."""

from __future__ import annotations

from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.agencies.auth import current_agency
from gongkai.core import audit
from gongkai.core.errors import OperationError
from gongkai.core.uploads import check_upload
from gongkai.foi import auth, services
from gongkai.foi.ledger import export_ledger, import_ledger

LEDGER_TYPES: dict[str, set[str | None]] = {
    ".csv": {None},
    ".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"},
}


class ImportForm(forms.Form):
    file = forms.FileField(label="台账文件（.xlsx 或 .csv）", error_messages={"required": "请选择台账文件"})
    dry_run = forms.BooleanField(label="只检查，不导入", required=False, initial=True)


def ledger_page(request: HttpRequest) -> HttpResponse:
    agency = current_agency(request, staff_only=True)
    if agency is None or not auth.can_handle(request.user, agency):
        messages.error(request, "您没有导入导出台账的权限（需要科员、科室负责人或公开办管理员岗位）")
        return redirect("foi_workbench")
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_upload(upload, upload.name, allowed=LEDGER_TYPES)
            result = import_ledger(request.user, agency, upload, filename=upload.name, dry_run=form.cleaned_data["dry_run"])
        except OperationError as exc:
            form.add_error("file", exc.message)
        else:
            if result.ok and not result.dry_run:
                messages.success(request, f"已导入：新增{result.created}件，更新{result.updated}件，未变化{result.unchanged}件")
                return redirect("foi_ledger")
    today = services.today()
    return render(
        request,
        "foi/admin/ledger.html",
        {"agency": agency, "form": form, "result": result, "years": range(today.year, 2018, -1),
         "can_export": auth.can_see_personal_data(request.user, agency)},
        status=400 if (form.errors or (result is not None and not result.ok)) else 200,
    )


def ledger_export(request: HttpRequest) -> HttpResponse:
    """The file holds names and ID numbers: only staff who handle cases may export, audited."""
    agency = current_agency(request, staff_only=True)
    if agency is None or not auth.can_see_personal_data(request.user, agency):
        raise Http404("没有可导出的台账")
    fmt = request.GET.get("format", "xlsx")
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() else None
    try:
        data = export_ledger(agency, fmt, year)
    except OperationError as exc:
        messages.error(request, exc.message)
        return redirect("foi_ledger")
    audit.record(request.user, "foi.ledger_exported", agency_id=agency.pk,
                 summary=f"导出依申请公开台账（{year or '全部'}年，{fmt}）", data={"format": fmt, "year": year})
    name = f"依申请公开台账-{agency.name}-{year or '全部'}.{fmt}"
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
