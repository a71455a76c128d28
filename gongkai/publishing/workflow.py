"""The review workflow: 科室审核 → 保密审查 → 分管领导审核 → 主要领导审定 (Wagtail tasks).

Each step is a ``ReviewTask`` for one role; its state records the due date (working days
on the disclosure calendar) and, for 保密审查, the reviewer's attestation. The workflow's
end publishes through ``finish.publish_on_completion`` (settings.WAGTAIL_FINISH_WORKFLOW_ACTION),
the only way agency staff get anything published: no staff group has Wagtail's publish
permission.

Page types of higher apps take part through ``register_review_hooks`` (the annual report's
page: the end of the review publishes the report, a rejection returns it): this app calls
them and never imports their app.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from wagtail.models import Page, TaskState
from wagtail.signals import task_submitted

from gongkai.agencies.auth import roles_by_agency
from gongkai.core import audit
from gongkai.core.errors import OperationError
from gongkai.publishing import clock
from gongkai.publishing.models import ReviewNotice, ReviewTask, ReviewTaskState, agency_id_of_page

log = logging.getLogger(__name__)

# (name, role, due working days, attestation) — the defaults ensure_workflow creates (docs/rules.md).
DEFAULT_STEPS = (
    ("科室审核", "section_head", 3, False),
    ("保密审查", "secrecy_reviewer", 3, True),
    ("分管领导审核", "deputy_leader", 3, False),
    ("主要领导审定", "principal_leader", 5, False),
)
WORKFLOW_NAME = "主动公开三级审核和保密审查"


# -- page types of higher apps -----------------------------------------------------------


@dataclass(frozen=True)
class ReviewHooks:
    """What a page type does at the ends of its review, inside the review's transaction.

    ``completed(page, workflow_state, user)`` runs when the last step is approved, before the
    approved revision is published; raising ``OperationError`` (or ``NotAllowed``) refuses the
    publication, and the step is then rejected with that message as its comment.
    ``rejected(page, task_state, user, comment)`` runs when a step is rejected.
    """

    completed: Callable[[Page, Any, Any], None]
    rejected: Callable[[Page, TaskState, Any, str], None]


_HOOKS: dict[type, ReviewHooks] = {}


def register_review_hooks(model: type, hooks: ReviewHooks) -> None:
    """Called by a higher app at ``ready()`` for its page type."""
    _HOOKS[model] = hooks


def hooks_for(page: Any) -> ReviewHooks | None:
    return _HOOKS.get(type(page))


class CompletionRefused(Exception):
    """The page type refused what the end of its review would publish (``ReviewHooks.completed``)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def start_review_step(task: ReviewTask, workflow_state: Any, user: Any = None) -> TaskState:
    from gongkai.workdays.services import current_calendar

    page = workflow_state.content_object
    # Wagtail resumes a workflow at the step that asked for changes. When the content was
    # changed since, the earlier steps' approvals no longer cover it
    # (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT), and the review starts again from the
    # first step not approved on the latest revision, keeping the order of the steps.
    earliest = workflow_state.get_next_task()
    if earliest is not None and earliest.pk != task.pk and isinstance(earliest.specific, ReviewTask):
        task = earliest.specific
    state = ReviewTaskState(workflow_state=workflow_state)
    state.status = TaskState.STATUS_IN_PROGRESS
    state.revision = page.get_latest_revision()
    state.task = task
    state.agency_id = agency_id_of_page(page)
    state.due_on = current_calendar().add_workdays(clock.today(), max(1, task.due_workdays))
    state.save()
    task_submitted.send(sender=ReviewTaskState, instance=state, user=user)
    return state


def reviewable_states(task: ReviewTask, user: Any) -> Any:
    """Wagtail's "awaiting your review" (as base TaskStates, which Wagtail unions across tasks)."""
    agencies = [a for a, roles in roles_by_agency(user).items() if task.role in roles]
    mine = (
        ReviewTaskState.objects.filter(task=task, status=TaskState.STATUS_IN_PROGRESS, agency_id__in=agencies)
        .exclude(workflow_state__requested_by=user)
        .exclude(revision__user=user)
    )
    return TaskState.objects.filter(pk__in=mine.values("pk"))


def review_action(task: ReviewTask, task_state: TaskState, user: Any, action_name: str, **kwargs: Any) -> None:
    """Approve or reject a step. Checks again what ``get_actions`` offered, so a request
    built by hand is refused the same way. One transaction, the step's row locked: two
    reviewers deciding at once cannot both act on it."""
    with transaction.atomic():
        _review_action(task, task_state, user, action_name, **kwargs)


def _review_action(task: ReviewTask, task_state: TaskState, user: Any, action_name: str, **kwargs: Any) -> None:
    state = ReviewTaskState.objects.select_for_update().get(pk=task_state.pk)
    page = state.workflow_state.content_object
    if isinstance(page, Page):
        page = page.specific
    if state.status != TaskState.STATUS_IN_PROGRESS or not task.user_can_review(page, user, state):
        raise PermissionDenied("您不能审核此步骤（非本岗位人员，或是本条目的提交人/修改人）")
    comment = (kwargs.get("comment") or "").strip()
    refused = False
    with transaction.atomic():
        if action_name == "approve":
            if task.requires_attestation:
                attestation = (kwargs.get("attestation") or "").strip()
                if not kwargs.get("attested") or not attestation:
                    raise PermissionDenied("保密审查须勾选确认并填写审查意见")
                state.attested, state.attestation = True, attestation
                state.save(update_fields=["attested", "attestation"])
            try:
                with transaction.atomic():  # the approval and what the workflow's end does, undone together
                    state.approve(user=user, comment=comment)
            except CompletionRefused as exc:
                # The page type refused the publication this approval would make: nothing of
                # the approval is kept and the step goes back with the reason, so no page is
                # left live or half-approved.
                state = ReviewTaskState.objects.select_for_update().get(pk=state.pk)
                action_name, refused = "reject", True
                comment = f"未能发布，已退回：{exc.message}" + (f"（审核意见：{comment}）" if comment else "")
                state.reject(user=user, comment=comment)
        elif action_name == "reject":
            if not comment:
                raise PermissionDenied("退回修改须填写意见")
            state.reject(user=user, comment=comment)
        else:
            raise PermissionDenied(f"未知的审核操作：{action_name}")
        audit.record(
            user, f"publishing.review.{action_name}", obj=page, agency_id=state.agency_id,
            summary=f"{task.name}：{'通过' if action_name == 'approve' else '退回修改'}《{page.title}》" + ("（发布被拒绝）" if refused else ""),
            data={"step": task.name, "comment": comment, "attested": state.attested, "attestation": state.attestation,
                  "task_state": state.pk, "revision": state.revision_id, "refused": refused},
        )
        if action_name == "reject" and (hooks := hooks_for(page)) is not None:
            hooks.rejected(page, state, user, comment)
        notify_predecessors(state, page, user, action_name, comment)


def complete(workflow_state: Any, user: Any) -> None:
    """The end of the review, before the approved revision is published: the page type's
    ``completed`` hook, its refusal turned into ``CompletionRefused``."""
    page = workflow_state.content_object
    page = page.specific if isinstance(page, Page) else page
    hooks = hooks_for(page)
    if hooks is None:
        return
    try:
        hooks.completed(page, workflow_state, user)
    except OperationError as exc:  # NotAllowed is one too
        raise CompletionRefused(exc.message) from None


def notify_predecessors(state: ReviewTaskState, page: Page, user: Any, action_name: str, comment: str) -> list[Any]:
    """Tell the submitter and every earlier reviewer of this workflow what was decided, with the comment."""
    ws = state.workflow_state
    people = {ws.requested_by_id} if ws.requested_by_id else set()
    people |= set(
        ws.task_states.filter(status=TaskState.STATUS_APPROVED).exclude(pk=state.pk).exclude(finished_by=None).values_list("finished_by", flat=True)
    )
    people.discard(user.pk)
    decision = "通过" if action_name == "approve" else "退回修改"
    if state.attested:
        comment = f"保密审查意见：{state.attestation}" + (f"；{comment}" if comment else "")
    label = user.get_full_name() or user.get_username()
    notices = [
        ReviewNotice(recipient_id=pk, agency_id=state.agency_id, page=page, task_state=state, decision=decision,
                     step=state.task.name, reviewer_label=label, comment=comment)
        for pk in sorted(people)
    ]
    ReviewNotice.objects.bulk_create(notices)
    from django.contrib.auth import get_user_model

    emails = list(get_user_model().objects.filter(pk__in=people).exclude(email="").values_list("email", flat=True))
    if emails:
        subject = f"【信息发布审核】《{page.title}》{state.task.name}：{decision}"
        body = f"{label}在“{state.task.name}”步骤{decision}了《{page.title}》。\n意见：{comment or '（无）'}"
        transaction.on_commit(lambda: _mail(subject, body, emails))
    return notices


def _mail(subject: str, body: str, to: list[str]) -> None:
    try:
        send_mail(subject, body, None, to)
    except OSError:  # the notice on the dashboard stays; a mail server outage must not undo a review
        log.warning("review notice mail not sent to %s", to, exc_info=True)
