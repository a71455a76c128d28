"""The review: four steps, four people; nobody decides on their own submission; a rejection
goes back with its comment to everyone before; only the last approval publishes."""

from __future__ import annotations

import pytest
from django.test import Client
from wagtail.models import TaskState

from gongkai.core.errors import NotAllowed, OperationError
from gongkai.core.models import AuditEvent
from gongkai.publishing import operations
from gongkai.publishing.models import CatalogEntry, ReviewNotice, ReviewTaskState
from tests.publishing.conftest import approve_all, entry_data

pytestmark = pytest.mark.django_db


def _status(entry):
    return Client().get(f"/mzw/tzgg/{entry.slug}/").status_code


def test_an_entry_is_public_only_after_all_four_steps(portal):
    w = portal.world
    entry = operations.draft_entry(w.clerk_a, portal.column("tzgg"), entry_data())
    assert _status(entry) == 404
    operations.submit_for_review(w.clerk_a, entry)
    for i, reviewer in enumerate(portal.reviewers):
        assert _status(entry) == 404, f"public before step {i + 1} was approved"
        data = {"comment": f"第{i + 1}步同意"}
        if reviewer == w.secrecy_a:
            data.update(attested=True, attestation="经审查不涉密")
        operations.review(reviewer, entry, "approve", **data)
    entry.refresh_from_db()
    assert entry.live and _status(entry) == 200
    states = ReviewTaskState.objects.filter(workflow_state__object_id=str(entry.pk), status=TaskState.STATUS_APPROVED).order_by("started_at")
    assert [s.task.name for s in states] == ["科室审核", "保密审查", "分管领导审核", "主要领导审定"]
    assert len({s.finished_by_id for s in states} | {w.clerk_a.pk}) == 5
    secrecy = states[1]
    assert secrecy.attested and secrecy.attestation == "经审查不涉密"
    assert all(s.due_on is not None for s in states)
    actions = set(AuditEvent.objects.filter(object_id=str(entry.pk)).values_list("action", flat=True))
    assert {"publishing.entry.drafted", "publishing.entry.submitted", "publishing.review.approve", "publishing.published", "publishing.entry.published"} <= actions


def test_the_submitter_cannot_approve_even_holding_the_role(portal):
    w = portal.world
    # the 科室负责人 drafts and submits: the first step is theirs by role, but not theirs to decide
    entry = operations.draft_entry(portal.section_a, portal.column("tzgg"), entry_data())
    operations.submit_for_review(portal.section_a, entry)
    with pytest.raises(NotAllowed):
        operations.review(portal.section_a, entry, "approve", comment="自己通过")
    state = CatalogEntry.objects.get(pk=entry.pk).current_workflow_state.current_task_state.specific
    assert state.task.specific.get_actions(entry, portal.section_a) == []
    assert state.status == TaskState.STATUS_IN_PROGRESS
    assert not CatalogEntry.objects.get(pk=entry.pk).live
    _ = w


def test_a_person_without_the_steps_role_cannot_decide(portal):
    w = portal.world
    entry = operations.draft_entry(w.clerk_a, portal.column("tzgg"), entry_data())
    operations.submit_for_review(w.clerk_a, entry)
    for stranger in (w.principal_a, w.clerk_b, w.supervisor, w.outsider, w.head_a):
        with pytest.raises(NotAllowed):
            operations.review(stranger, entry, "approve", comment="越级")


def test_the_secrecy_step_needs_the_attestation(portal):
    w = portal.world
    entry = operations.draft_entry(w.clerk_a, portal.column("tzgg"), entry_data())
    operations.submit_for_review(w.clerk_a, entry)
    operations.review(portal.section_a, entry, "approve", comment="")
    with pytest.raises(NotAllowed):
        operations.review(w.secrecy_a, entry, "approve", comment="没勾选")
    with pytest.raises(NotAllowed):
        operations.review(w.secrecy_a, entry, "approve", attested=True, attestation="   ")


def test_a_rejection_returns_with_the_comment_to_everyone_before(portal):
    w = portal.world
    entry = operations.draft_entry(w.clerk_a, portal.column("tzgg"), entry_data())
    operations.submit_for_review(w.clerk_a, entry)
    operations.review(portal.section_a, entry, "approve", comment="")
    operations.review(w.secrecy_a, entry, "approve", attested=True, attestation="不涉密")
    with pytest.raises(NotAllowed):
        operations.review(w.leader_a, entry, "reject", comment="")  # a rejection needs its reason
    operations.review(w.leader_a, entry, "reject", comment="第三段政策依据引用有误，请核对后重新提交")
    ws = CatalogEntry.objects.get(pk=entry.pk).current_workflow_state
    assert ws.status == ws.STATUS_NEEDS_CHANGES
    got = {n.recipient_id: n for n in ReviewNotice.objects.filter(page=entry, task_state__status=TaskState.STATUS_REJECTED)}
    assert set(got) == {w.clerk_a.pk, portal.section_a.pk, w.secrecy_a.pk}
    assert all(n.comment == "第三段政策依据引用有误，请核对后重新提交" and n.decision == "退回修改" for n in got.values())
    assert _status(entry) == 404
    # the clerk corrects and resubmits; the review starts again at the first step
    operations.edit_entry(w.clerk_a, entry, entry_data(body="<p>依据《宗教事务条例》第二十六条……</p>"))
    operations.submit_for_review(w.clerk_a, entry)
    with pytest.raises(OperationError):
        operations.submit_for_review(w.clerk_a, entry)  # already in review
    approve_all(portal, entry)
    entry.refresh_from_db()
    assert entry.live and "宗教事务条例" in entry.body


def test_staff_cannot_publish_directly(portal):
    w = portal.world
    entry = operations.draft_entry(w.clerk_a, portal.column("tzgg"), entry_data())
    for user in (w.clerk_a, portal.section_a, w.head_a, w.principal_a):
        assert not entry.permissions_for_user(user).can_publish()
    c = Client()
    c.force_login(w.clerk_a)
    resp = c.post(f"/admin/pages/{entry.pk}/edit/", {"action-publish": "1", "title": entry.title})
    assert resp.status_code in (200, 302, 403)
    assert not CatalogEntry.objects.get(pk=entry.pk).live
