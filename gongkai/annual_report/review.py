"""The annual report in the 主动公开 portal's review.

When the agency has a portal, each 定稿 becomes a revision of the year's ``AnnualReportPage``
in its 政府信息公开年报 column and is submitted to the portal's review workflow (科室审核 →
保密审查 → 分管领导审核 → 主要领导审定, the same Wagtail workflow and tasks as catalogue
entries). ``publication`` registers hooks with ``publishing.workflow`` so that the end of
the review publishes the version and a rejection returns it; this module holds what those
operations need from the portal: finding the column and the page, submitting, withdrawing,
checking that a workflow really decided the version, and where a version stands.

Each version gets its own workflow run: a new 定稿 cancels a run that ended in 退回修改 and
starts again at the first step, so approvals never carry over from one version to another.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wagtail.models import Page, Revision, TaskState, WorkflowState

from gongkai.agencies.models import Agency
from gongkai.annual_report.models import AnnualReportPage, ReportVersion
from gongkai.annual_report.render import common
from gongkai.core.errors import NotAllowed, OperationError
from gongkai.publishing import operations as portal_ops
from gongkai.publishing.models import ColumnKind, ColumnPage, PortalHome, ReviewTaskState

REPORTS_COLUMN_SLUG = "gknb"


def portal_for(agency: Agency | int) -> PortalHome | None:
    agency_id = agency if isinstance(agency, int) else agency.pk
    return PortalHome.objects.filter(agency_id=agency_id).first()


def reports_column(portal: PortalHome) -> ColumnPage:
    """The portal's 政府信息公开年报 column (the one ``create_portal`` makes, or any column of that kind)."""
    columns = list(ColumnPage.objects.descendant_of(portal).filter(kind=ColumnKind.REPORTS).order_by("path"))
    column = next((c for c in columns if c.slug == REPORTS_COLUMN_SLUG), columns[0] if columns else None)
    if column is None:
        raise OperationError(
            "本机关门户没有“政府信息公开年报”栏目，年度报告无法提交审核发布：请公开办管理员先在门户中设置该栏目"
        )
    return column


def page_for(agency: Agency | int, year: int) -> AnnualReportPage | None:
    agency_id = agency if isinstance(agency, int) else agency.pk
    return AnnualReportPage.objects.filter(agency_id=agency_id, year=year).first()


def _fresh(page: Page) -> AnnualReportPage:
    return AnnualReportPage.objects.get(pk=page.pk)


# -- write side (called by the operations in ``publication``, inside their transaction) -----


def submit(actor: Any, version: ReportVersion) -> AnnualReportPage:
    """Make ``version`` the latest revision of its year's page (creating the page the first
    time, as a draft) and start the review. The finaliser is the submitter, so Wagtail's
    review refuses their approval at every step (``ReviewTask.user_can_review``)."""
    portal = portal_for(version.agency_id)
    if portal is None:
        raise OperationError("本机关尚未开通政府信息公开门户")
    column = reports_column(portal)
    title = common.title(version.report)[:255]
    page = page_for(version.agency_id, version.year)
    if page is None:
        page = AnnualReportPage(
            title=title,
            slug=str(version.year),
            agency_id=version.agency_id,
            year=version.year,
            report_version=version,
            live=False,
            owner=actor if getattr(actor, "is_authenticated", False) else None,
        )
        column.add_child(instance=page)
        page.save_revision(user=actor, log_action=True)
    else:
        ws = page.current_workflow_state
        if ws is not None and ws.status == WorkflowState.STATUS_IN_PROGRESS:
            raise OperationError("上一稿仍在门户审核中，请先在审核流程中处理或撤回")
        if ws is not None:  # the previous version came back with 退回修改: its run ends here
            portal_ops.cancel_review(actor, page, f"重新定稿（第{version.number}稿），重新提交审核")
        latest = _fresh(page).get_latest_revision_as_object()
        latest.report_version = version
        latest.title = title
        latest.save_revision(user=actor, log_action=True)
    portal_ops.submit_for_review(actor, _fresh(page))
    return _fresh(page)


def withdraw(actor: Any, version: ReportVersion, reason: str) -> None:
    """The office withdraws a version under review: the review is cancelled."""
    page = page_for(version.agency_id, version.year)
    if page is not None and in_review(page, version):
        portal_ops.cancel_review(actor, page, reason)


# -- checks the operations make -----------------------------------------------------------


def in_review(page: AnnualReportPage, version: ReportVersion) -> bool:
    """``version`` is the one a running review of ``page`` is deciding."""
    ws = page.current_workflow_state
    if ws is None or ws.status != WorkflowState.STATUS_IN_PROGRESS:
        return False
    return (page.get_latest_revision().content or {}).get("report_version") == version.pk


def version_under_review(agency: Agency, version: ReportVersion) -> bool:
    page = page_for(agency, version.year)
    return page is not None and in_review(page, version)


def version_of_revision(revision: Revision | None) -> ReportVersion | None:
    if revision is None:
        return None
    pk = (revision.content or {}).get("report_version")
    return ReportVersion.objects.filter(pk=pk).select_related("agency").first() if pk else None


def check_completed(workflow_state: Any, version: ReportVersion, actor: Any) -> None:
    """The review really ended in approval of this version, and ``actor`` gave the last approval."""
    page = workflow_state.content_object
    revision = page.get_latest_revision() if isinstance(page, Page) else None
    last = (
        workflow_state.task_states.filter(status=TaskState.STATUS_APPROVED)
        .order_by("-finished_at", "-id")
        .first()
    )
    ok = (
        workflow_state.status == WorkflowState.STATUS_APPROVED
        and isinstance(page.specific, AnnualReportPage)
        and (got := version_of_revision(revision)) is not None
        and got.pk == version.pk
        and last is not None
        and last.finished_by_id == getattr(actor, "pk", None)
    )
    if not ok:
        raise NotAllowed("审核流程未完成对这一稿的审批，不能发布")


def check_rejected(task_state: TaskState, version: ReportVersion, actor: Any) -> None:
    """A step of this version's review was rejected by ``actor``."""
    got = version_of_revision(task_state.revision)
    if (
        task_state.status != TaskState.STATUS_REJECTED
        or task_state.finished_by_id != getattr(actor, "pk", None)
        or got is None
        or got.pk != version.pk
    ):
        raise NotAllowed("审核流程没有退回这一稿")


# -- read side -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    name: str
    role: str
    status: str  # "" (not reached), in_progress, approved, rejected, cancelled
    label: str
    by: str = ""
    at: Any = None
    comment: str = ""
    attestation: str = ""
    due_on: Any = None


STEP_LABELS = {
    "": "未开始",
    TaskState.STATUS_IN_PROGRESS: "审核中",
    TaskState.STATUS_APPROVED: "已通过",
    TaskState.STATUS_REJECTED: "退回修改",
    TaskState.STATUS_CANCELLED: "已撤回",
    TaskState.STATUS_SKIPPED: "已跳过",
}


@dataclass(frozen=True)
class ReviewStatus:
    """Where one version stands in the portal's review."""

    page: AnnualReportPage
    workflow_state: WorkflowState | None
    steps: list[Step]
    current: ReviewTaskState | None  # the step waiting for a decision

    @property
    def running(self) -> bool:
        return (
            self.workflow_state is not None and self.workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        )

    @property
    def label(self) -> str:
        ws = self.workflow_state
        if ws is None:
            return "未提交审核"
        if self.running and self.current is not None:
            return f"门户审核中：{self.current.task.name}" + (
                f"（办理期限{self.current.due_on:%Y-%m-%d}）" if self.current.due_on else ""
            )
        return {
            WorkflowState.STATUS_APPROVED: "审核完成",
            WorkflowState.STATUS_NEEDS_CHANGES: "审核退回修改",
            WorkflowState.STATUS_CANCELLED: "已撤回审核",
        }.get(ws.status, ws.status)

    def can_review(self, user: Any) -> bool:
        if not self.running or self.current is None:
            return False
        return self.current.task.specific.user_can_review(self.page, user, self.current)

    @property
    def current_task(self) -> Any:
        return self.current.task.specific if self.current is not None else None


def status_of(version: ReportVersion) -> ReviewStatus | None:
    """The review of ``version`` (None when it was never submitted to a portal's review)."""
    page = page_for(version.agency_id, version.year)
    if page is None:
        return None
    revisions = Revision.page_revisions.filter(
        object_id=str(page.pk), content__report_version=version.pk
    ).values("pk")
    states = list(
        ReviewTaskState.objects.filter(revision__in=revisions)
        .select_related("task", "finished_by", "workflow_state")
        .order_by("started_at", "id")
    )
    ws = states[-1].workflow_state if states else None
    workflow = ws.workflow if ws is not None else page.get_workflow()
    latest: dict[int, ReviewTaskState] = {}
    for s in states:
        if ws is not None and s.workflow_state_id == ws.pk:
            latest[s.task_id] = s
    steps = []
    for task in workflow.tasks.all() if workflow is not None else []:
        s = latest.get(task.pk)
        status = s.status if s is not None else ""
        steps.append(
            Step(
                name=task.name,
                role=getattr(task.specific, "role", ""),
                status=status,
                label=STEP_LABELS.get(status, status),
                by=(s.finished_by.get_full_name() or s.finished_by.get_username())
                if s is not None and s.finished_by
                else "",
                at=s.finished_at if s is not None else None,
                comment=s.comment if s is not None else "",
                attestation=s.attestation if s is not None and s.attested else "",
                due_on=s.due_on if s is not None else None,
            )
        )
    current = None
    if ws is not None and ws.status == WorkflowState.STATUS_IN_PROGRESS and ws.current_task_state_id:
        current = ReviewTaskState.objects.select_related("task").filter(pk=ws.current_task_state_id).first()
    return ReviewStatus(page=page, workflow_state=ws, steps=steps, current=current)
