"""Named operations on the annual report's own records. Each checks the role, runs in a
transaction and writes the audit log."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.agencies import auth as agency_auth
from gongkai.agencies.models import Agency, Role
from gongkai.annual_report import formats
from gongkai.annual_report.models import DOCUMENT_KIND_CHOICES, ManualFigure, RegisteredDocument, ReportText
from gongkai.core import audit
from gongkai.core.errors import OperationError
from gongkai.foi import services as foi_services

# The disclosure office compiles the report (条例第四十九条); its handlers keep the registers.
REPORT_ROLES = frozenset({Role.CLERK, Role.SECTION_HEAD, Role.OFFICE_ADMIN})
DOCUMENT_KINDS = dict(DOCUMENT_KIND_CHOICES)
NARRATIVE_SECTIONS = tuple(s.key for s in formats.SECTIONS if s.is_narrative)


def require_report_role(actor: Any, agency: Agency, doing: str = "编制政府信息公开工作年度报告") -> None:
    agency_auth.require_role(actor, agency, REPORT_ROLES, doing)


def _label(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "系统"
    return actor.get_full_name() or actor.get_username()


# -- the document register ------------------------------------------------------------------


def register_document(
    actor: Any,
    agency: Agency,
    *,
    kind: str,
    title: str,
    written_on: dt.date,
    doc_number: str = "",
    published_on: dt.date | None = None,
    repealed_on: dt.date | None = None,
) -> RegisteredDocument:
    require_report_role(actor, agency, "登记规章和规范性文件")
    if kind not in DOCUMENT_KINDS:
        raise OperationError("请选择文件类别", field="kind")
    if not title.strip():
        raise OperationError("请填写文件标题", field="title")
    if written_on > foi_services.today():
        raise OperationError("成文日期不能晚于今天", field="written_on")
    if published_on is not None and published_on < written_on:
        raise OperationError("公开日期不能早于成文日期", field="published_on")
    if repealed_on is not None and repealed_on < written_on:
        raise OperationError("废止日期不能早于成文日期", field="repealed_on")
    with transaction.atomic():
        doc = RegisteredDocument.objects.create(
            agency=agency,
            kind=kind,
            title=title.strip(),
            doc_number=doc_number.strip(),
            written_on=written_on,
            published_on=published_on,
            repealed_on=repealed_on,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(
            actor,
            "annual_report.document_registered",
            obj=doc,
            agency_id=agency.pk,
            summary=f"登记{DOCUMENT_KINDS[kind]}：{doc}（成文日期 {written_on:%Y-%m-%d}）",
            data={"kind": kind, "written_on": written_on.isoformat()},
        )
    return doc


def repeal_document(actor: Any, doc: RegisteredDocument, *, on: dt.date) -> RegisteredDocument:
    require_report_role(actor, doc.agency, "登记规章和规范性文件")
    with transaction.atomic():
        locked = RegisteredDocument.objects.select_for_update().get(pk=doc.pk)
        if locked.repealed_on is not None:
            raise OperationError(f"该文件已于{locked.repealed_on:%Y年%m月%d日}废止")
        if on < locked.written_on:
            raise OperationError("废止日期不能早于成文日期", field="on")
        locked.repealed_on = on
        locked.save(update_fields=["repealed_on"])
        audit.record(actor, "annual_report.document_repealed", obj=locked, agency_id=locked.agency_id, summary=f"废止：{locked}（{on:%Y-%m-%d}）")
    return locked


# -- typed figures ----------------------------------------------------------------------------


def report_format(agency: Agency, year: int) -> formats.ReportFormat:
    text = ReportText.objects.filter(agency=agency, year=year).first()
    return formats.get_format(formats.format_for_year(year, text.format_version if text else None))


def parse_value(kind: formats.ValueKind, raw: Any) -> str:
    """A typed value in its stored form, or OperationError in Chinese."""
    text = str(raw).strip().replace(",", "").replace("，", "")
    if kind.is_decimal:
        try:
            d = Decimal(text)
        except InvalidOperation:
            raise OperationError(f"“{raw}”不是数字", field="value") from None
        if not d.is_finite() or d < 0:
            raise OperationError("金额不能为负数", field="value")
        return format(d.normalize(), "f") if d != 0 else "0"
    try:
        n = int(text)
    except ValueError:
        raise OperationError(f"“{raw}”不是整数", field="value") from None
    if kind is formats.ValueKind.COUNT and n < 0:
        raise OperationError("件数不能为负数", field="value")
    return str(n)


def enter_figure(actor: Any, agency: Agency, year: int, *, path: str, value: Any, note: str) -> ManualFigure:
    """Type a figure of the report with its source. Identities between figures are not
    checked here: the checker runs on the whole report and blocks publication."""
    require_report_role(actor, agency, "录入年度报告数据")
    fmt = report_format(agency, year)
    try:
        fig = formats.figure(fmt, path)
    except formats.FormatError as exc:
        raise OperationError(str(exc), field="path") from None
    stored = parse_value(fig.kind, value)
    if not note.strip():
        raise OperationError("请写明数据来源（如：根据行政处罚台账统计）", field="note")
    with transaction.atomic():
        current = ManualFigure.objects.select_for_update().filter(agency=agency, year=year, path=path).first()
        before = current.value if current else None
        fields = {
            "value": stored,
            "note": note.strip(),
            "entered_by": actor if getattr(actor, "is_authenticated", False) else None,
            "entered_by_label": _label(actor),
            "entered_at": timezone.now(),
        }
        if current is None:
            current = ManualFigure.objects.create(agency=agency, year=year, path=path, **fields)
        else:
            for k, v in fields.items():
                setattr(current, k, v)
            current.save()
        audit.record(
            actor,
            "annual_report.figure_entered",
            obj=current,
            agency_id=agency.pk,
            summary=f"{year}年度 {formats.describe_figure(fig)}：{before if before is not None else '（未录入）'} → {stored}",
            data={"year": year, "path": path, "before": before, "after": stored, "note": note.strip()},
        )
    return current


def clear_figure(actor: Any, agency: Agency, year: int, *, path: str, note: str) -> None:
    """Withdraw a typed figure (the computed value, or 0 for a manual-only cell, returns)."""
    require_report_role(actor, agency, "录入年度报告数据")
    if not note.strip():
        raise OperationError("请写明撤销原因", field="note")
    with transaction.atomic():
        current = ManualFigure.objects.select_for_update().filter(agency=agency, year=year, path=path).first()
        if current is None:
            raise OperationError("该数据项没有录入值", field="path")
        audit.record(
            actor,
            "annual_report.figure_cleared",
            obj=current,
            agency_id=agency.pk,
            summary=f"{year}年度 撤销录入 {path}={current.value}：{note.strip()}",
            data={"year": year, "path": path, "before": current.value, "note": note.strip()},
        )
        current.delete()


# -- narrative and format ---------------------------------------------------------------------


def _text_row(agency: Agency, year: int) -> ReportText:
    row, _ = ReportText.objects.select_for_update().get_or_create(agency=agency, year=year)
    return row


def write_section(actor: Any, agency: Agency, year: int, *, section: str, text: str) -> ReportText:
    """Save the text of section 一, 五 or 六 (an empty text returns 一 and 六 to the draft)."""
    require_report_role(actor, agency)
    if section not in NARRATIVE_SECTIONS:
        raise OperationError("只能编辑第一、五、六部分的文字", field="section")
    with transaction.atomic():
        row = _text_row(agency, year)
        before = getattr(row, section)
        setattr(row, section, text.strip())
        row.updated_by_label = _label(actor)
        row.save()
        heading = formats.SECTIONS[[s.key for s in formats.SECTIONS].index(section)].heading
        audit.record(
            actor,
            "annual_report.section_written",
            obj=row,
            agency_id=agency.pk,
            summary=f"{year}年度 修改{heading}（{len(before)}字 → {len(text.strip())}字）",
            data={"year": year, "section": section, "before": before},
        )
    return row


def set_format_version(actor: Any, agency: Agency, year: int, *, version: str) -> ReportText:
    """Override the format of the era rule (annual-report-format.md §0); "" restores it."""
    require_report_role(actor, agency)
    if version:
        try:
            formats.format_for_year(year, version)
        except formats.FormatError as exc:
            raise OperationError(str(exc), field="version") from None
    with transaction.atomic():
        row = _text_row(agency, year)
        before = row.format_version
        row.format_version = version
        row.updated_by_label = _label(actor)
        row.save()
        audit.record(
            actor,
            "annual_report.format_set",
            obj=row,
            agency_id=agency.pk,
            summary=f"{year}年度 格式版本：{before or '按年度'} → {version or '按年度'}",
            data={"year": year, "before": before, "after": version},
        )
    return row
