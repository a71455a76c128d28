"""The back office's version page of an agency with a portal shows the review's steps and
lets the person of the current step approve or send back (CSRF-protected forms, messages in
Chinese); it offers no direct approval, and the office may withdraw."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import TaskState

from gongkai.annual_report import publication, review
from gongkai.annual_report.models import DecisionKind, ReportDecision
from gongkai.publishing.models import ReviewTaskState
from tests.annual_report.conftest import walk_review
from tests.web_helpers import client_for, text_of

D = dt.date


@pytest.fixture
def version(world, seeded, portal, freeze_today):
    freeze_today(D(2025, 1, 20))
    return publication.finalise_report(world.head_a, world.agency_a, 2024)


def _url(version, action: str = "") -> str:
    return (
        reverse("annual_report_review", args=[version.pk, action])
        if action
        else reverse("annual_report_version", args=[version.pk])
    )


def _forms(response) -> dict[str, BeautifulSoup]:
    soup = BeautifulSoup(response.content.decode(), "lxml")
    return {f["action"]: f for f in soup.find_all("form", method="post")}


def _step_rows(response) -> list[tuple[str, str]]:
    soup = BeautifulSoup(response.content.decode(), "lxml")
    table = soup.find("section", id="review").find("table")
    return [
        (tr.th.get_text(strip=True), tr.find_all("td")[0].get_text(strip=True))
        for tr in table.tbody.find_all("tr")
    ]


def test_the_office_sees_the_steps_cannot_review_and_may_withdraw(world, version):
    response = client_for(world.head_a).get(_url(version))
    assert response.status_code == 200
    assert _step_rows(response) == [
        ("科室审核", "审核中"),
        ("保密审查", "未开始"),
        ("分管领导审核", "未开始"),
        ("主要领导审定", "未开始"),
    ]
    text = text_of(response)
    assert "门户审核中：科室审核" in text and "您不能审核" in text
    forms = _forms(response)
    assert _url(version, "approve") not in forms and _url(version, "reject") not in forms
    withdraw = forms[reverse("annual_report_return", args=[version.pk])]
    assert (
        withdraw.find("input", attrs={"name": "csrfmiddlewaretoken"}) is not None
        and "撤回" in withdraw.get_text()
    )
    assert (
        reverse("annual_report_publish", args=[version.pk]) not in forms
    )  # no direct approval with a portal


def test_each_step_is_decided_on_the_page_by_its_reviewer(world, portal, version):
    # the 科室负责人 sees the step's two forms, each with its CSRF token
    section = client_for(portal.section_a)
    forms = _forms(section.get(_url(version)))
    for action in ("approve", "reject"):
        assert forms[_url(version, action)].find("input", attrs={"name": "csrfmiddlewaretoken"}) is not None
    response = section.post(_url(version, "approve"), {"approve-comment": "科室审核同意"}, follow=True)
    assert "科室审核：审核通过，已转下一步" in text_of(response)
    assert ("科室审核", "已通过") in _step_rows(response) and "科室审核同意" in text_of(response)

    # 保密审查 needs the checkbox and the opinion: refused in Chinese until both are given
    secrecy = client_for(world.secrecy_a)
    refused = secrecy.post(_url(version, "approve"), {"approve-attestation": "不涉密"})
    assert refused.status_code == 400 and "未能提交审核意见" in text_of(refused)
    assert ReviewTaskState.objects.get(task__name="保密审查").status == TaskState.STATUS_IN_PROGRESS
    secrecy.post(
        _url(version, "approve"), {"approve-attested": "on", "approve-attestation": "经审查不涉密，可以公开"}
    )
    assert ReviewTaskState.objects.get(task__name="保密审查").attestation == "经审查不涉密，可以公开"

    # someone else's step: no forms, and a forged POST is refused with a Chinese message
    principal = client_for(world.principal_a)
    assert _url(version, "approve") not in _forms(principal.get(_url(version)))
    forged = principal.post(_url(version, "approve"), {"approve-comment": "越级"})
    assert "您不能审核此步骤" in text_of(forged)
    assert ReviewTaskState.objects.get(task__name="分管领导审核").status == TaskState.STATUS_IN_PROGRESS

    client_for(world.leader_a).post(_url(version, "approve"), {"approve-comment": "同意"})
    done = principal.post(_url(version, "approve"), {"approve-comment": "同意发布"}, follow=True)
    assert "主要领导审定：审核通过。审核流程完成，报告已发布，发布日期2025年01月20日" in text_of(done)
    decision = ReportDecision.objects.get(version=version)
    assert decision.kind == DecisionKind.PUBLISHED and decision.decided_by == world.principal_a
    page = review.page_for(world.agency_a, 2024)
    assert f'href="{page.url}"' in done.content.decode()  # the page in the portal's column


def test_a_reviewer_sends_the_version_back_with_a_comment(world, portal, version):
    walk_review(portal.reviewers[:2], world.agency_a, 2024)
    leader = client_for(world.leader_a)
    empty = leader.post(_url(version, "reject"), {"reject-comment": ""})
    assert empty.status_code == 400 and "未能提交审核意见" in text_of(empty)
    assert not ReportDecision.objects.exists()
    response = leader.post(_url(version, "reject"), {"reject-comment": "第五部分请写明完成时限"}, follow=True)
    text = text_of(response)
    assert "分管领导审核：第1稿已退回。第五部分请写明完成时限" in text
    assert ("分管领导审核", "退回修改") in _step_rows(response)
    decision = ReportDecision.objects.get(version=version)
    assert decision.kind == DecisionKind.RETURNED and decision.reason == "第五部分请写明完成时限"


def test_the_office_withdraws_on_the_page(world, version):
    office = client_for(world.head_a)
    assert (
        office.post(
            reverse("annual_report_return", args=[version.pk]), {"reason": "数据有误，撤回修改"}
        ).status_code
        == 302
    )
    response = office.get(_url(version))
    assert ReportDecision.objects.get(version=version).kind == DecisionKind.RETURNED
    assert review.page_for(world.agency_a, 2024).current_workflow_state is None
    assert ("科室审核", "已撤回") in _step_rows(response)
