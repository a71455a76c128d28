"""The last approval of the portal's review publishes the report only if publication accepts
it: the checks run again on the frozen version and 年报体检 reads the rendered files back. A
refusal rejects the step with the reason, returns the version and leaves nothing live."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from gongkai.annual_report import publication, review
from gongkai.annual_report.build import build_report
from gongkai.annual_report.models import DecisionKind, ReportDecision, ReportVersion
from gongkai.annual_report.render import render
from gongkai.core.models import AuditEvent
from gongkai.publishing.models import ReviewNotice, ReviewTaskState
from tests.annual_report.conftest import review_step, walk_review

D = dt.date


def _fake_audit_finding(report):
    return [{"check": "R1", "severity": "error", "message": "DOCX文件中表三“总计”列为“42”，报告对象中为“43”"}]


def _assert_refused(world, version, *needles: str) -> None:
    page = review.page_for(world.agency_a, 2024)
    page.refresh_from_db()
    assert not page.live
    assert Client().get(page.url).status_code == 404
    assert (
        Client().get(reverse("annual_report_public_year", args=[world.agency_a.slug, 2024])).status_code
        == 404
    )
    last = ReviewTaskState.objects.get(task__name="主要领导审定")
    assert last.status == TaskState.STATUS_REJECTED and last.finished_by == world.principal_a
    assert last.comment.startswith("未能发布，已退回：") and all(n in last.comment for n in needles)
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    decision = ReportDecision.objects.get(version=version)
    assert decision.kind == DecisionKind.RETURNED and decision.decided_by == world.principal_a
    assert decision.reason == last.comment
    assert not AuditEvent.objects.filter(
        action__in=["annual_report.published", "publishing.published"]
    ).exists()
    assert AuditEvent.objects.get(action="publishing.review.reject").data["refused"] is True
    # the office and every earlier reviewer are told why
    told = set(ReviewNotice.objects.filter(decision="退回修改").values_list("recipient_id", flat=True))
    assert world.head_a.pk in told and world.secrecy_a.pk in told


def test_a_failing_pre_publication_audit_rejects_the_last_step_with_its_finding(
    world, seeded, portal, freeze_today, settings
):
    freeze_today(D(2025, 1, 20))
    version = publication.finalise_report(world.head_a, world.agency_a, 2024)
    walk_review(portal.reviewers[:3], world.agency_a, 2024)
    settings.GONGKAI_PRE_PUBLICATION_AUDIT = f"{__name__}._fake_audit_finding"
    review_step(world.principal_a, world.agency_a, 2024, comment="同意发布")
    _assert_refused(world, version, "R1", "报告对象中为“43”", "同意发布")


def test_an_error_check_on_the_frozen_version_rejects_the_last_step(world, seeded, portal, freeze_today):
    """A snapshot that breaks an identity cannot come from 定稿 (it refuses errors); this one
    is written directly, as an older release with a laxer checker would have, and submitted."""
    freeze_today(D(2025, 1, 20))
    good = build_report(world.agency_a, 2024)
    bad = copy.deepcopy(good)
    bad["table4"]["review"]["total"] += 1  # C4
    html = render(bad, "html").decode()
    version = ReportVersion.objects.create(
        agency=world.agency_a,
        year=2024,
        number=1,
        report=bad,
        html=html,
        digest=publication.digest(bad, html),
        check_context=publication.check_context(world.agency_a, 2024, good),
        finalised_on=D(2025, 1, 20),
        finalised_by=world.head_a,
        finalised_by_label="李主任",
    )
    review.submit(world.head_a, version)
    walk_review(portal.reviewers, world.agency_a, 2024)
    _assert_refused(world, version, "C4")


@pytest.mark.parametrize("step", [0, 1, 2])
def test_no_approval_before_the_last_step_runs_the_publication(
    world, seeded, portal, freeze_today, settings, step
):
    freeze_today(D(2025, 1, 20))
    publication.finalise_report(world.head_a, world.agency_a, 2024)
    settings.GONGKAI_PRE_PUBLICATION_AUDIT = f"{__name__}._fake_audit_finding"  # would refuse, if it ran
    walk_review(portal.reviewers[: step + 1], world.agency_a, 2024)
    assert not ReportDecision.objects.exists()
    assert (
        review.page_for(world.agency_a, 2024).current_workflow_state.status
        == WorkflowState.STATUS_IN_PROGRESS
    )
