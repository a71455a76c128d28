"""定稿 and publication of the annual report: named operations on frozen versions.

- ``finalise_report`` (公开办管理员): builds the report, runs the checks, refuses on any
  error, and freezes the report object with its rendered HTML as a new ``ReportVersion``.
- ``publish_report`` (主要领导 or 分管领导, never the person who finalised the version): runs
  the checks again on the frozen snapshot with the publication date, has 年报体检 read the rendered files
  back (``pre_publication_audit``), refuses on any error, and stores the published object and HTML
  (they carry the publication date and the revision notes) in a ``ReportDecision``.
- ``return_report``: the approver sends a version back, or the office withdraws it.

A late publication is allowed and recorded as late: refusing it would only make it later,
so A1/A2 never block here and stay in the published checks. Once a year's report is
published, a change needs a new version with a revision note (evaluation.md A4); each
published revision adds a dated note to the document, and earlier publications never
change (both tables are append-only).

With a 主动公开 portal (``review``), the decision is the portal's review: 定稿 also makes the
version a revision of the year's page in the 政府信息公开年报 column and submits it to the
review (科室审核 → 保密审查 → 分管领导审核 → 主要领导审定); the end of the review calls
``publish_report`` with the last approver as the publisher (``review_completed``; if it
refuses, the step is rejected with the reason and nothing goes live), and a rejection at any
step calls ``return_report`` with the reviewer's comment (``review_rejected``). Publishing
directly is then refused, and only the office may withdraw a version under review (撤回,
which cancels the review). Agencies without a portal keep the direct approval.

These operations sit above ``build`` and ``render`` (they freeze what those produce), which
is why they are not in ``operations``.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.module_loading import import_string

from gongkai.agencies import auth as agency_auth
from gongkai.agencies.models import Agency, Role
from gongkai.annual_report import checks, review
from gongkai.annual_report import formats as F
from gongkai.annual_report.build import build_report
from gongkai.annual_report.models import (
    AnnualReportPage,
    DecisionKind,
    ReportDecision,
    ReportText,
    ReportVersion,
)
from gongkai.annual_report.render import render
from gongkai.core import audit
from gongkai.core.errors import NotAllowed, OperationError
from gongkai.foi import services as foi_services
from gongkai.publishing.cache import bump_generation

# 条例第四十九条 puts the report on the agency; the office compiles it, a leader approves it.
FINALISE_ROLES = frozenset({Role.OFFICE_ADMIN})
APPROVE_ROLES = frozenset({Role.PRINCIPAL_LEADER, Role.DEPUTY_LEADER})
RETURN_ROLES = APPROVE_ROLES | FINALISE_ROLES
DEADLINE_CHECKS = frozenset({"A1", "A2"})
# The parts of a report object that are its content (not its checks, provenance or dates).
CONTENT_KEYS = ("format_version", "year", "agency", "sections", "table2", "table3", "table4", "fees", "timeliness")

# The date recorded for decisions taken through the portal's review (None: today). Set only by
# ``decided_on`` when loading history (the demo's 2024 report, a migration from paper).
_review_date: ContextVar[dt.date | None] = ContextVar("review_date", default=None)


@contextmanager
def decided_on(on: dt.date) -> Iterator[None]:
    """Record decisions taken through the review inside this block as made on ``on``."""
    token = _review_date.set(on)
    try:
        yield
    finally:
        _review_date.reset(token)


def _label(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "系统"
    return actor.get_full_name() or actor.get_username()


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def digest(report: Mapping[str, Any], html: str) -> str:
    """SHA-256 over the canonical JSON of the object and the HTML (A4: hash the body)."""
    canonical = json.dumps(report, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8") + b"\0" + html.encode("utf-8")).hexdigest()


def deadline(year: int, agency_kind: str) -> dt.date:
    return dt.date(*F.deadline_for(year, agency_kind))


# -- the checks, again -------------------------------------------------------------------------


def manual_paths(fmt: F.ReportFormat) -> list[str]:
    """Cells of 表二 that are not counted from the document register: typed figures, unless
    a module supplies them (then a typed figure overrides the supplied count)."""
    out = []
    for g in fmt.table2.groups:
        for r in g.rows:
            if r.source == "register":
                continue
            out += [f"table2.{r.key}" + (f".{c.key}" if c.key else "") for c in g.columns]
    return out


# ``build`` marks the typed-only cells nobody has entered with this provenance (C6 lists
# them); a test checks that the checks run again from the stored context equal build's.
PENDING_PROVENANCE = "尚未录入，暂按0填写"


def check_context(agency: Agency, year: int, report: Mapping[str, Any]) -> dict[str, Any]:
    """What the checks read besides the report object: the previous year's report parts
    (D1, D2, E3) and the typed cells nobody entered (C6), as ``build`` saw them."""
    try:
        prev = build_report(agency, year - 1)
    except F.FormatError:
        previous = None
    else:
        previous = {
            "year": prev["year"],
            "format_version": prev["format_version"],
            "table2": prev["table2"],
            "table3": prev["table3"],
            "sections": {"problems": prev["sections"].get("problems", "")},
        }
    provenance = report.get("provenance") or {}
    fmt = F.get_format(str(report["format_version"]))
    pending = [f.path for f in F.figures(fmt) if provenance.get(f.path) == PENDING_PROVENANCE]
    return {"previous": previous, "pending": pending}


def run_checks(report: Mapping[str, Any], context: Mapping[str, Any], *, today: dt.date) -> list[checks.CheckResult]:
    return checks.run_checks(report, previous=context.get("previous"), today=today, pending=context.get("pending") or ())


def blocking(results: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The errors that refuse 定稿 and publication: every error except the deadline (A1/A2)."""
    return [
        r for r in results
        if r.get("id") not in DEADLINE_CHECKS and checks.blocks_publication([r])
    ]


def _refusal(doing: str, bad: Sequence[Mapping[str, Any]]) -> str:
    ids = sorted({str(r["id"]) for r in bad})
    lines = [f"{r['id']}：{r['message']}" for r in bad[:8]]
    more = f"（另有{len(bad) - 8}项）" if len(bad) > 8 else ""
    return f"存在不能{doing}的错误（{'、'.join(ids)}）：" + "；".join(lines) + more


def pre_publication_audit(report: Mapping[str, Any]) -> list[dict[str, str]]:
    """年报体检 (issue 5) of the object about to be published: its error findings, as
    ``{"id", "message"}``. A1/A2 never block, as for the catalogue checks.

    The audit is ``settings.GONGKAI_PRE_PUBLICATION_AUDIT``, a dotted path to
    ``audit(obj) -> [{"check", "severity", "message", ...}]`` (by default
    ``gongkai.report_audit.publish.audit_report_object``, which renders the object, reads
    the files back like a third party's report and checks what it read). report_audit
    builds on this app, so the settings plug it in; "" turns it off.
    """
    path = getattr(settings, "GONGKAI_PRE_PUBLICATION_AUDIT", "")
    if not path:
        return []
    findings = import_string(path)(report)
    return [
        {"id": str(f.get("check") or f.get("id")), "message": str(f.get("message", ""))}
        for f in findings
        if f.get("severity") in ("error", "E") and (f.get("check") or f.get("id")) not in DEADLINE_CHECKS
    ]


# -- reading ---------------------------------------------------------------------------------


def versions(agency: Agency, year: int) -> list[ReportVersion]:
    return list(
        ReportVersion.objects.filter(agency=agency, year=year).select_related("decision").order_by("number")
    )


def decision_of(version: ReportVersion) -> ReportDecision | None:
    try:
        return version.decision
    except ReportDecision.DoesNotExist:
        return None


def published(agency: Agency, year: int | None = None) -> list[ReportDecision]:
    """Published versions, newest year first and, within a year, newest version first."""
    qs = ReportDecision.objects.filter(kind=DecisionKind.PUBLISHED, version__agency=agency).select_related("version")
    if year is not None:
        qs = qs.filter(version__year=year)
    return list(qs.order_by("-version__year", "-version__number"))


@dataclass(frozen=True)
class YearStatus:
    """Where one agency's report for one year stands (for the office and for supervisors)."""

    agency: Agency
    year: int
    deadline: dt.date
    latest: ReportDecision | None  # the current published version
    first_published_on: dt.date | None
    pending: ReportVersion | None  # a finalised version awaiting approval
    revisions: int  # published versions after the first

    @property
    def is_published(self) -> bool:
        return self.latest is not None

    def on_time(self) -> bool | None:
        """True/False once published; None while unpublished."""
        if self.first_published_on is None:
            return None
        return self.first_published_on <= self.deadline

    def overdue(self, today: dt.date) -> bool:
        return self.first_published_on is None and today > self.deadline

    @property
    def check_id(self) -> str:
        return "A2" if self.agency.kind == "government" else "A1"

    def label(self, today: dt.date) -> str:
        if self.first_published_on is not None:
            when = f"{self.first_published_on:%Y-%m-%d}发布"
            return when + ("（按期）" if self.on_time() else "（逾期）") + ("，修订稿待审批" if self.pending is not None else "")
        if self.pending is not None:
            return "已定稿，待审批" + ("（已逾期）" if self.overdue(today) else "")
        return "未发布" + ("（已逾期）" if self.overdue(today) else f"（期限{self.deadline:%Y-%m-%d}）")


def year_status(agency: Agency, year: int) -> YearStatus:
    rows = versions(agency, year)
    done = [(v, decision_of(v)) for v in rows]
    pubs = [d for _, d in done if d is not None and d.kind == DecisionKind.PUBLISHED]
    pending = next((v for v, d in done if d is None), None)
    return YearStatus(
        agency=agency,
        year=year,
        deadline=deadline(year, str(agency.kind)),
        latest=pubs[-1] if pubs else None,
        first_published_on=pubs[0].on if pubs else None,
        pending=pending,
        revisions=max(0, len(pubs) - 1),
    )


def count_by_severity(results: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """Checks not passed, by severity: {"E": n, "W": n, "I": n}."""
    out = {"E": 0, "W": 0, "I": 0}
    for r in results:
        if r.get("status") != "pass":
            sev = str(r.get("severity") or "W")
            out[sev] = out.get(sev, 0) + 1
    return out


def _content(report: Mapping[str, Any]) -> dict[str, Any]:
    return {k: report.get(k) for k in CONTENT_KEYS}


# -- operations ------------------------------------------------------------------------------


def finalise_report(actor: Any, agency: Agency, year: int, *, on: dt.date | None = None, revision_note: str = "") -> ReportVersion:
    """定稿: freeze the report of ``agency`` for ``year`` as it is now.

    ``on`` is the 定稿 date (default today). After a publication a revision note is required.
    """
    agency_auth.require_role(actor, agency, FINALISE_ROLES, "对政府信息公开工作年度报告定稿")
    today = foi_services.today()
    on = on or today
    if on > today:
        raise OperationError("定稿日期不能晚于今天", field="on")
    if on < dt.date(year + 1, 1, 1):
        raise OperationError(f"{year}年度尚未结束，不能定稿（年度报告在次年定稿发布）", field="on")
    note = revision_note.strip()
    with transaction.atomic():
        Agency.objects.select_for_update().filter(pk=agency.pk).first()  # one finalisation at a time
        existing = versions(agency, year)
        waiting = [v for v in existing if decision_of(v) is None]
        if waiting:
            raise OperationError(f"第{waiting[0].number}稿正在等待审批：请先由领导审批，或撤回后再定稿")
        pubs = [v for v in existing if (d := decision_of(v)) is not None and d.kind == DecisionKind.PUBLISHED]
        if pubs and not note:
            raise OperationError("本年度报告已经发布，修改后重新发布须写明修订说明（修订了什么、为什么）", field="revision_note")
        if pubs and on < pubs[-1].decision.on:
            raise OperationError("修订稿的定稿日期不能早于上一次发布日期", field="on")
        try:
            report = build_report(agency, year, today=on)
        except F.FormatError as exc:
            raise OperationError(str(exc)) from None
        context = check_context(agency, year, report)
        report["checks"] = run_checks(report, context, today=on)
        bad = blocking(report["checks"])
        if bad:
            raise OperationError(_refusal("定稿", bad))
        if pubs and _content(report) == _content(pubs[-1].report):
            raise OperationError("报告内容与已发布的版本相同，无需修订", field="revision_note")
        html = render(report, "html").decode("utf-8")
        number = (existing[-1].number if existing else 0) + 1
        try:
            with transaction.atomic():
                version = ReportVersion.objects.create(
                    agency=agency,
                    year=year,
                    number=number,
                    report=report,
                    html=html,
                    digest=digest(report, html),
                    check_context=context,
                    revision_note=note if pubs else "",
                    finalised_on=on,
                    finalised_by=_user(actor),
                    finalised_by_label=_label(actor),
                )
        except IntegrityError:
            raise OperationError("另一位工作人员刚刚完成了定稿，请刷新后查看") from None
        warnings = [r["id"] for r in report["checks"] if r["status"] != "pass"]
        page = review.submit(actor, version) if review.portal_for(agency) is not None else None
        audit.record(
            actor,
            "annual_report.finalised",
            obj=version,
            agency_id=agency.pk,
            summary=f"{year}年度报告第{number}稿定稿" + (f"（修订：{note[:60]}）" if pubs else "") + ("，提交门户审核" if page else ""),
            data={"year": year, "number": number, "digest": version.digest, "not_passed": warnings, "page": page.pk if page else None},
        )
    return version


def _decidable(actor: Any, version: ReportVersion) -> ReportVersion:
    locked = ReportVersion.objects.select_for_update().select_related("agency").get(pk=version.pk)
    done = ReportDecision.objects.filter(version=locked).first()
    if done is not None:
        raise OperationError(f"第{locked.number}稿已于{done.on:%Y年%m月%d日}{done.get_kind_display()}，不能再次审批")
    return locked


def publish_report(actor: Any, version: ReportVersion, *, on: dt.date | None = None, through: Any = None) -> ReportDecision:
    """批准发布: publish a finalised version on ``on`` (default today), if its checks pass.

    ``through`` is the portal review's workflow state when the review's end publishes; an
    agency with a portal publishes only that way."""
    agency = version.agency
    agency_auth.require_role(actor, agency, APPROVE_ROLES, "批准发布政府信息公开工作年度报告")
    if version.finalised_by_id is not None and version.finalised_by_id == getattr(actor, "pk", None):
        raise NotAllowed("不能批准自己定稿的报告：请由另一位领导审批")
    if through is None and review.portal_for(agency) is not None:
        raise NotAllowed("本机关已开通政府信息公开门户：年度报告须经门户审核流程（科室审核、保密审查、分管领导审核、主要领导审定）发布，不能直接批准")
    if through is not None:
        review.check_completed(through, version, actor)
    today = foi_services.today()
    on = on or today
    if on > today:
        raise OperationError("发布日期不能晚于今天", field="on")
    if on < version.finalised_on:
        raise OperationError(f"发布日期不能早于定稿日期（{version.finalised_on:%Y-%m-%d}）", field="on")
    with transaction.atomic():
        locked = _decidable(actor, version)
        earlier = [d for d in published(agency, locked.year) if d.version.number < locked.number]
        earlier.sort(key=lambda d: d.version.number)
        report = copy.deepcopy(locked.report)
        report["published_on"] = (earlier[0].on if earlier else on).isoformat()
        revisions = [{"on": d.on.isoformat(), "note": d.version.revision_note} for d in earlier if d.version.revision_note]
        if earlier:
            revisions.append({"on": on.isoformat(), "note": locked.revision_note})
        if revisions:
            report["revisions"] = revisions
        report["checks"] = run_checks(report, locked.check_context, today=on)
        bad = blocking(report["checks"]) or pre_publication_audit(report)
        if bad:
            raise OperationError(_refusal("发布", bad))
        html = render(report, "html").decode("utf-8")
        decision = ReportDecision.objects.create(
            version=locked,
            kind=DecisionKind.PUBLISHED,
            on=on,
            report=report,
            html=html,
            digest=digest(report, html),
            decided_by=_user(actor),
            decided_by_label=_label(actor),
        )
        text, _ = ReportText.objects.select_for_update().get_or_create(agency=agency, year=locked.year)
        if text.published_on is None:
            text.published_on = on
            text.save(update_fields=["published_on", "updated_at"])
        limit = deadline(locked.year, str(agency.kind))
        late = not earlier and on > limit
        audit.record(
            actor,
            "annual_report.published",
            obj=decision,
            agency_id=agency.pk,
            summary=f"{locked.year}年度报告第{locked.number}稿批准发布，发布日期{on:%Y-%m-%d}"
            + ("（修订版）" if earlier else "")
            + (f"（晚于{limit:%Y-%m-%d}的法定期限）" if late else ""),
            data={"year": locked.year, "number": locked.number, "on": on.isoformat(), "late": late, "digest": decision.digest,
                  "workflow_state": getattr(through, "pk", None)},
        )
        # The portal's cached pages list the reports: refresh them once this is committed.
        transaction.on_commit(lambda: bump_generation(agency.slug))
    return decision


def return_report(actor: Any, version: ReportVersion, *, reason: str, through: Any = None) -> ReportDecision:
    """退回修改 (by the approver) or 撤回 (by the office): the version will not be published.

    ``through`` is the rejected step of the portal's review (its reviewer is the actor, whatever
    their role: the review decided who may reject). While a version is under review, the
    office may still withdraw it, which cancels the review; leaders reject in the review."""
    agency = version.agency
    if through is not None:
        review.check_rejected(through, version, actor)
    else:
        agency_auth.require_role(actor, agency, RETURN_ROLES, "退回或撤回年度报告定稿")
    if not reason.strip():
        raise OperationError("请写明退回或撤回的理由", field="reason")
    under_review = through is None and review.version_under_review(agency, version)
    if under_review and not agency_auth.roles_in(actor, agency) & FINALISE_ROLES:
        raise NotAllowed("这一稿正在门户审核流程中：请在审核流程中“退回修改”（公开办管理员可以撤回）")
    with transaction.atomic():
        locked = _decidable(actor, version)
        if under_review:
            review.withdraw(actor, locked, f"撤回年度报告第{locked.number}稿：{reason.strip()}")
        decision = ReportDecision.objects.create(
            version=locked,
            kind=DecisionKind.RETURNED,
            on=(_review_date.get() if through is not None else None) or foi_services.today(),
            reason=reason.strip(),
            decided_by=_user(actor),
            decided_by_label=_label(actor),
        )
        step = f"（{through.task.name}）" if through is not None else ("（撤回审核）" if under_review else "")
        audit.record(
            actor,
            "annual_report.returned",
            obj=decision,
            agency_id=agency.pk,
            summary=f"{locked.year}年度报告第{locked.number}稿退回{step}：{reason.strip()[:80]}",
            data={"year": locked.year, "number": locked.number, "reason": reason.strip(),
                  "task_state": getattr(through, "pk", None), "withdrawn_from_review": under_review},
        )
    return decision


# -- the portal's review (hooks registered with publishing.workflow at ready()) --------------


def review_completed(page: AnnualReportPage, workflow_state: Any, user: Any) -> None:
    """The last step approved the page's latest revision: publish its version, ``user`` being
    the publisher. A refusal (checks, 年报体检, roles) propagates and the review rejects."""
    version = review.version_of_revision(page.get_latest_revision())
    if version is None:
        raise OperationError("审核的页面没有对应的年度报告定稿")
    publish_report(user, version, on=_review_date.get(), through=workflow_state)


def review_rejected(page: AnnualReportPage, task_state: Any, user: Any, comment: str) -> None:
    """A step was rejected: its version is returned with the reviewer's comment."""
    version = review.version_of_revision(task_state.revision)
    if version is None or decision_of(version) is not None:
        return  # already decided (withdrawn meanwhile): the rejection stands in the review only
    return_report(user, version, reason=comment, through=task_state)


def register_review_hooks() -> None:
    from gongkai.publishing.workflow import ReviewHooks, register_review_hooks

    register_review_hooks(AnnualReportPage, ReviewHooks(completed=review_completed, rejected=review_rejected))


def portal_listing(agency: Agency) -> list[dict[str, Any]]:
    """The 政府信息公开年报 column of the 主动公开 portal lists these (settings.
    GONGKAI_PUBLISHED_REPORTS): one row per year, its current published version, linked to
    the year's page in the portal when the review published one there."""
    from django.urls import reverse

    from gongkai.annual_report.render import common

    pages = {p.year: p for p in AnnualReportPage.objects.live().filter(agency=agency)}
    rows: dict[int, dict[str, Any]] = {}
    for d in published(agency):
        year = d.version.year
        if year not in rows:
            page = pages.get(year)
            rows[year] = {
                "year": year,
                "title": common.title(d.report),
                "url": page.url if page is not None else reverse("annual_report_public_year", args=[agency.slug, year]),
                "published_on": d.on,
            }
    return list(rows.values())
