"""Named operations on 复议/诉讼 cases. Each checks the role, runs in a transaction and is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction

from gongkai.agencies import auth as agency_auth
from gongkai.agencies.models import Agency, Role
from gongkai.appeals import ledger_format
from gongkai.appeals.models import Case, Source
from gongkai.appeals.rules import CaseKind, Result, result_for
from gongkai.core import audit
from gongkai.core.errors import OperationError
from gongkai.foi import services as foi_services
from gongkai.foi.models import Application

# The staff who handle 依申请公开 cases also keep their 复议/诉讼 record.
CASE_ROLES = frozenset({Role.CLERK, Role.SECTION_HEAD, Role.OFFICE_ADMIN})


def require_case_role(actor: Any, agency: Agency) -> None:
    agency_auth.require_role(actor, agency, CASE_ROLES, "登记行政复议、行政诉讼案件")


def decision_overrides() -> dict[str, dict[str, str]]:
    """A deployment's changes to the decision → result mapping (annual-report-format.md §5)."""
    return dict(getattr(settings, "GONGKAI_APPEAL_DECISIONS", {}) or {})


def _kind(value: str) -> CaseKind:
    try:
        return CaseKind(value)
    except ValueError:
        raise OperationError("请选择案件类型（行政复议 / 行政诉讼-直接起诉 / 行政诉讼-复议后起诉）", field="kind") from None


def _not_future(on: dt.date, field: str) -> None:
    if on > foi_services.today():
        raise OperationError("日期不能晚于今天", field=field)


def _application(agency: Agency, application: Application | None) -> Application | None:
    if application is not None and application.agency_id != agency.pk:
        raise OperationError("关联申请不属于本机关", field="application")
    return application


def register_case(
    actor: Any,
    agency: Agency,
    *,
    number: str,
    kind: str,
    received_on: dt.date,
    application: Application | None = None,
    note: str = "",
) -> Case:
    """Record a 行政复议 application or a 行政诉讼 the agency has learned of."""
    require_case_role(actor, agency)
    number = (number or "").strip()
    if not number:
        raise OperationError("请填写案号", field="number")
    k = _kind(kind)
    _not_future(received_on, "received_on")
    _application(agency, application)
    with transaction.atomic():
        if Case.objects.filter(agency=agency, number=number).exists():
            raise OperationError(f"案号“{number}”已登记", field="number")
        case = Case.objects.create(
            agency=agency,
            number=number,
            kind=k.value,
            application=application,
            received_on=received_on,
            note=note.strip(),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(
            actor,
            "appeals.case_registered",
            obj=case,
            agency_id=agency.pk,
            summary=f"{k.label} {number} 收到日期 {received_on:%Y-%m-%d}",
            data={"kind": k.value, "received_on": received_on.isoformat(), "application": application.number if application else ""},
        )
    return case


def conclude_case(actor: Any, case: Case, *, on: dt.date, decision: str = "", result: str = "") -> Case:
    """Record the conclusion. Give the decision (维持、撤销、判决驳回诉讼请求 …), whose 表四
    result follows from the configured mapping, or the result directly (维持/纠正/其他)."""
    require_case_role(actor, case.agency)
    kind = CaseKind(case.kind)
    if decision.strip():
        try:
            r = result_for(kind, decision, decision_overrides())
        except ValueError as exc:
            raise OperationError(str(exc), field="decision") from None
    else:
        try:
            r = Result(result)
        except ValueError:
            raise OperationError("请选择结案方式或结果", field="decision") from None
    _not_future(on, "on")
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.concluded_on is not None:
            raise OperationError(f"案件“{locked.number}”已于{locked.concluded_on:%Y年%m月%d日}结案")
        if on < locked.received_on:
            raise OperationError(f"结案日期不能早于收到日期（{locked.received_on:%Y-%m-%d}）", field="on")
        locked.concluded_on, locked.decision, locked.result = on, decision.strip(), r.value
        locked.save(update_fields=["concluded_on", "decision", "result"])
        audit.record(
            actor,
            "appeals.case_concluded",
            obj=locked,
            agency_id=locked.agency_id,
            summary=f"{locked.number} 结案：{decision.strip() or r.label}（{r.label}）",
            data={"on": on.isoformat(), "decision": decision.strip(), "result": r.value},
        )
    return locked


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    warnings: tuple[str, ...]


class LedgerRejected(OperationError):
    """The ledger has invalid rows; nothing was written. ``errors`` lists them all."""

    def __init__(self, errors: Sequence[ledger_format.Problem]) -> None:
        super().__init__(f"台账有{len(errors)}处错误，未导入任何记录")
        self.errors = list(errors)


def import_ledger(actor: Any, agency: Agency, header: Sequence[Any], rows: Sequence[Sequence[Any]]) -> ImportSummary:
    """Import a 复议/诉讼台账 (ledger-format.md §2): all or nothing; re-importing a 案号
    updates that case. ``actor`` None is the command line (a trusted operator)."""
    if actor is not None:
        require_case_role(actor, agency)
    parsed = ledger_format.parse(header, rows, today=foi_services.today())
    errors = list(parsed.errors)
    numbers = {r.application_number for r in parsed.records if r.application_number}
    apps = {a.number: a for a in Application.objects.filter(agency=agency, number__in=numbers)}
    for r in parsed.records:
        if r.application_number and r.application_number not in apps:
            errors.append(ledger_format.Problem(r.row, "关联申请编号", f"本机关没有申请编号为“{r.application_number}”的申请"))
    if errors:
        raise LedgerRejected(sorted(errors, key=lambda e: e.row))
    created = updated = 0
    with transaction.atomic():
        existing = {c.number: c for c in Case.objects.select_for_update().filter(agency=agency, number__in=[r.number for r in parsed.records])}
        for r in parsed.records:
            values = {
                "kind": r.kind.value,
                "application": apps.get(r.application_number),
                "received_on": r.received_on,
                "concluded_on": r.concluded_on,
                "result": r.result.value if r.result else "",
                "decision": "",  # the ledger records the result only
            }
            case = existing.get(r.number)
            if case is None:
                case = Case.objects.create(
                    agency=agency,
                    number=r.number,
                    source=Source.LEDGER,
                    created_by=actor if getattr(actor, "is_authenticated", False) else None,
                    **values,
                )
                created += 1
            else:
                for key, value in values.items():
                    setattr(case, key, value)
                case.save()
                updated += 1
        audit.record(
            actor,
            "appeals.ledger_imported",
            agency_id=agency.pk,
            summary=f"导入{ledger_format.TITLE}：新增{created}件，更新{updated}件",
            data={"created": created, "updated": updated, "rows": len(parsed.records)},
        )
    return ImportSummary(created, updated, tuple(str(w) for w in parsed.warnings))


def import_table(actor: Any, agency: Agency, table: Any, dry_run: bool) -> Any:
    """``gongkai import_ledger`` and the 台账 page hand a detected 复议/诉讼台账 here."""
    from gongkai.foi.ledger import ImportResult

    try:
        with transaction.atomic():
            summary = import_ledger(actor, agency, table.headers, table.rows)
            if dry_run:
                transaction.set_rollback(True)
    except LedgerRejected as exc:
        return ImportResult(0, 0, 0, exc.errors, [], dry_run)
    return ImportResult(summary.created, summary.updated, 0, [], list(summary.warnings), dry_run)
