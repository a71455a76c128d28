"""An agency with a 主动公开 portal publishes its annual report through the portal's review:
定稿 puts the version on the year's page in 政府信息公开年报 and submits it; four different
people walk 科室审核 → 保密审查 → 分管领导审核 → 主要领导审定; the last approval publishes the
report (the approver is its publisher) and the page; a rejection returns the version with the
reviewer's comment; the office may withdraw a version under review. Agencies without a portal
keep the direct approval."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from gongkai.agencies import operations as agency_ops
from gongkai.agencies.models import Role
from gongkai.annual_report import publication, review
from gongkai.annual_report.models import AnnualReportPage, DecisionKind, ReportDecision
from gongkai.annual_report.views.public import split_document
from gongkai.core.errors import NotAllowed, OperationError
from gongkai.core.models import AuditEvent
from gongkai.publishing.models import ReviewNotice, ReviewTaskState
from tests.annual_report.conftest import review_step, walk_review

D = dt.date
STEPS = ["科室审核", "保密审查", "分管领导审核", "主要领导审定"]


def _page(world) -> AnnualReportPage:
    return review.page_for(world.agency_a, 2024)


def _public(url: str) -> int:
    return Client().get(url).status_code


def _current_step(world) -> str:
    return _page(world).current_workflow_state.current_task_state.task.name


def test_finalising_puts_the_version_on_the_years_page_and_submits_it(world, seeded, portal, freeze_today):
    freeze_today(D(2025, 1, 20))
    version = publication.finalise_report(world.head_a, world.agency_a, 2024)
    page = _page(world)
    assert page is not None and not page.live
    assert (
        page.get_parent().specific.slug == "gknb"
        and page.get_parent().get_parent().get_parent().pk == portal.home_a.pk
    )
    assert page.get_latest_revision().content["report_version"] == version.pk
    assert page.title == "张掖市民族宗教事务委员会2024年政府信息公开工作年度报告"
    ws = page.current_workflow_state
    assert ws.status == WorkflowState.STATUS_IN_PROGRESS and ws.requested_by == world.head_a
    assert _current_step(world) == "科室审核"
    assert publication.decision_of(version) is None
    assert AuditEvent.objects.get(action="annual_report.finalised").data["page"] == page.pk


def test_the_report_is_public_only_after_four_different_people_approved(world, seeded, portal, freeze_today):
    freeze_today(D(2025, 1, 20))
    version = publication.finalise_report(world.head_a, world.agency_a, 2024)
    url = _page(world).url
    year_url = reverse("annual_report_public_year", args=[world.agency_a.slug, 2024])
    for i, reviewer in enumerate(portal.reviewers):
        assert _current_step(world) == STEPS[i]
        assert _public(url) == 404 and _public(year_url) == 404, f"public before step {i + 1}"
        assert publication.decision_of(version) is None
        review_step(reviewer, world.agency_a, 2024)
    states = ReviewTaskState.objects.filter(status=TaskState.STATUS_APPROVED).order_by("started_at", "id")
    assert [s.task.name for s in states] == STEPS
    assert len({s.finished_by_id for s in states} | {world.head_a.pk}) == 5
    assert _public(url) == 200 and _public(year_url) == 200


def test_the_finaliser_cannot_review_even_holding_a_steps_role(world, seeded, portal, freeze_today):
    freeze_today(D(2025, 1, 20))
    section = portal.section_a
    agency_ops.add_member(
        None, world.agency_a, username=section.username, role=Role.OFFICE_ADMIN, full_name="马科长"
    )
    section = type(section).objects.get(pk=section.pk)  # fresh role cache
    publication.finalise_report(section, world.agency_a, 2024)
    with pytest.raises(NotAllowed):
        review_step(section, world.agency_a, 2024)
    with pytest.raises(NotAllowed):
        review_step(section, world.agency_a, 2024, "reject", "自己退回")
    assert _current_step(world) == "科室审核"
    assert review.status_of(publication.versions(world.agency_a, 2024)[0]).can_review(section) is False


def test_the_last_approval_publishes_with_the_approver_as_publisher(world, seeded, portal, freeze_today):
    freeze_today(D(2025, 1, 20))
    version = publication.finalise_report(world.head_a, world.agency_a, 2024, on=D(2025, 1, 17))
    walk_review(portal.reviewers, world.agency_a, 2024)
    decision = ReportDecision.objects.get(version=version)
    assert decision.kind == DecisionKind.PUBLISHED and decision.on == D(2025, 1, 20)
    assert decision.decided_by == world.principal_a and decision.decided_by_label == "钱主任"
    assert decision.report["published_on"] == "2025-01-20"
    page = _page(world)
    assert page.live and page.report_version_id == version.pk
    event = AuditEvent.objects.get(action="annual_report.published")
    approved = WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_APPROVED)
    assert event.actor == world.principal_a and event.data["workflow_state"] == approved.pk
    assert AuditEvent.objects.filter(action="publishing.published", object_id=str(page.pk)).count() == 1
    # the portal page shows the frozen publication, not a rendering of the draft
    response = Client().get(page.url)
    html = response.content.decode()
    _style, body = split_document(decision.html)
    assert body.strip() in html
    assert "2025年1月20日" in html and "预览" not in html
    assert (
        reverse("annual_report_public_version_download", args=[world.agency_a.slug, 2024, 1, "pdf"]) in html
    )


def test_a_rejected_step_returns_the_version_with_the_reviewers_comment(world, seeded, portal, freeze_today):
    freeze_today(D(2025, 1, 20))
    first = publication.finalise_report(world.head_a, world.agency_a, 2024)
    walk_review(portal.reviewers[:2], world.agency_a, 2024)
    reason = "第五部分改进措施没有写明完成时限，请补充后重新定稿"
    review_step(world.leader_a, world.agency_a, 2024, "reject", reason)
    decision = ReportDecision.objects.get(version=first)
    assert (
        decision.kind == DecisionKind.RETURNED
        and decision.reason == reason
        and decision.decided_by == world.leader_a
    )
    assert _page(world).current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert set(ReviewNotice.objects.filter(decision="退回修改").values_list("recipient_id", flat=True)) == {
        world.head_a.pk,
        portal.section_a.pk,
        world.secrecy_a.pk,
    }
    assert "分管领导审核" in AuditEvent.objects.get(action="annual_report.returned").summary
    with pytest.raises(OperationError):
        publication.publish_report(world.principal_a, first)

    # a new 定稿 starts the review again from the first step; nothing carries over
    second = publication.finalise_report(world.head_a, world.agency_a, 2024)
    page = _page(world)
    assert page.get_latest_revision().content["report_version"] == second.pk
    assert _current_step(world) == "科室审核"
    status = review.status_of(second)
    assert [s.status for s in status.steps] == [TaskState.STATUS_IN_PROGRESS, "", "", ""]
    walk_review(portal.reviewers, world.agency_a, 2024)
    assert [d.version.number for d in publication.published(world.agency_a, 2024)] == [2]
    assert _page(world).live and _page(world).report_version_id == second.pk


def test_publishing_directly_is_refused_when_the_agency_has_a_portal(world, seeded, portal, freeze_today):
    freeze_today(D(2025, 1, 20))
    version = publication.finalise_report(world.head_a, world.agency_a, 2024)
    for leader in (world.principal_a, world.leader_a):
        with pytest.raises(NotAllowed, match="门户审核流程"):
            publication.publish_report(leader, version)
    # the leaders decide in the review, not by returning outside it
    with pytest.raises(NotAllowed, match="审核流程"):
        publication.return_report(world.leader_a, version, reason="不经审核退回")
    assert not ReportDecision.objects.exists() and not _page(world).live


def test_an_agency_without_a_portal_keeps_the_direct_approval(world, seeded, freeze_today):
    freeze_today(D(2025, 1, 20))
    version = publication.finalise_report(world.head_a, world.agency_a, 2024)
    assert review.portal_for(world.agency_a) is None and not AnnualReportPage.objects.exists()
    with pytest.raises(NotAllowed, match=r"主要领导|分管领导"):
        publication.publish_report(world.head_a, version)  # the office finalises, a leader approves
    decision = publication.publish_report(world.leader_a, version)
    assert decision.kind == DecisionKind.PUBLISHED and decision.decided_by == world.leader_a
    assert review.status_of(version) is None


def test_the_office_withdraws_a_version_under_review_which_cancels_the_review(
    world, seeded, portal, freeze_today
):
    freeze_today(D(2025, 1, 20))
    version = publication.finalise_report(world.head_a, world.agency_a, 2024)
    review_step(portal.section_a, world.agency_a, 2024)
    page = _page(world)
    ws_pk = page.current_workflow_state.pk
    decision = publication.return_report(world.head_a, version, reason="发现第三部分数据有误，撤回修改")
    assert decision.kind == DecisionKind.RETURNED and decision.decided_by == world.head_a
    assert WorkflowState.objects.get(pk=ws_pk).status == WorkflowState.STATUS_CANCELLED
    assert _page(world).current_workflow_state is None
    with pytest.raises(OperationError, match="不在审核中"):
        review_step(world.secrecy_a, world.agency_a, 2024)
    assert AuditEvent.objects.get(action="annual_report.returned").data["withdrawn_from_review"] is True
    assert AuditEvent.objects.filter(action="publishing.review.cancelled").count() == 1
    # the next 定稿 goes through the whole review again
    publication.finalise_report(world.head_a, world.agency_a, 2024)
    assert _current_step(world) == "科室审核"
