"""The back-office page 年报体检: upload one or more reports, read the findings in Chinese.

Uploads pass ``core.uploads.check_upload`` (size, extension allow-list, real type) and are
only parsed, never stored or executed. A file that cannot be read gives a Chinese message.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.core.errors import OperationError
from gongkai.core.uploads import check_upload
from gongkai.report_audit import output
from gongkai.report_audit.audit import Options, audit_document
from gongkai.report_audit.document import ReadError
from gongkai.report_audit.readers import read

# extension -> accepted content types (None: text without a binary signature)
ALLOWED: dict[str, set[str | None]] = {
    ".html": {None},
    ".htm": {None},
    ".txt": {None},
    ".pdf": {"application/pdf"},
    ".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"},
    ".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"},
}
MAX_FILES = 20


def audit_page(request: HttpRequest) -> HttpResponse:
    reports: list[dict[str, Any]] = []
    errors: list[str] = []
    if request.method == "POST":
        files = request.FILES.getlist("reports")
        if not files:
            errors.append("请选择要检查的年报文件")
        if len(files) > MAX_FILES:
            errors.append(f"一次最多上传{MAX_FILES}个文件")
            files = files[:MAX_FILES]
        for upload in files:
            name = upload.name or "未命名文件"
            try:
                checked = check_upload(upload, name, allowed=ALLOWED)
                data = upload.read()
                result = audit_document(read(checked.name, data), Options())
            except (OperationError, ReadError) as exc:
                errors.append(f"“{name}”：{exc}")
                continue
            except Exception:  # any parser failure is reported, never a 500
                errors.append(f"“{name}”：文件内容无法解析，请确认文件完整、未加密")
                continue
            reports.append({"result": result, "groups": output.grouped(result), "counts": result.counts, "score": result.score})
    return render(request, "report_audit/audit.html", {"reports": reports, "errors": errors, "max_files": MAX_FILES, "accept": ",".join(ALLOWED)})


