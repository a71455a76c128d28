"""定稿 → 发布: who may do what, what is frozen, deadlines (A1/A2) and revisions (A4)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.agencies import operations as agency_ops
from gongkai.agencies.models import Role
from gongkai.annual_report import checks, publication
from gongkai.annual_report import operations as report_ops
from gongkai.annual_report.build import build_report
from gongkai.annual_report.models import DecisionKind, ReportDecision, ReportText, ReportVersion
from gongkai.annual_report.render import common
from gongkai.core.errors import NotAllowed, OperationError
from gongkai.core.models import AuditEvent
from tests.web_helpers import fast_passwords  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("fast_passwords")
D = dt.date


def test_finalising_freezes_the_report_object_and_its_html_with_who_and_when(world, seeded, freeze_today):
    freeze_today(D(2025, 1, 20))
    version = publication.finalise_report(world.head_a, world.agency_a, 2024)
    live = build_report(world.agency_a, 2024, today=D(2025, 1, 20))
    assert version.number == 1 and version.finalised_on == D(2025, 1, 20)
    assert version.finalised_by == world.head_a and version.finalised_by_label == "李主任"
    assert {k: version.report[k] for k in publication.CONTENT_KEYS} == {k: live[k] for k in publication.CONTENT_KEYS}
    assert version.html.startswith("<!DOCTYPE html>") and common.title(live) in version.html
    assert version.digest == publication.digest(version.report, version.html)
    event = AuditEvent.objects.get(action="annual_report.finalised")
    assert event.actor == world.head_a and event.agency_id == world.agency_a.pk and event.data["digest"] == version.digest


def test_the_checks_run_again_with_the_stored_context_equal_the_editors_checks(world, seeded, freeze_today):
    freeze_today(D(2025, 1, 20))
    report = build_report(world.agency_a, 2024, today=D(2025, 1, 20))
    context = publication.check_context(world.agency_a, 2024, report)
    assert publication.run_checks(report, context, today=D(2025, 1, 20)) == report["checks"]
    report_ops.clear_figure(world.head_a, world.agency_a, 2024, path="table2.penalty", note="核对中")
    report = build_report(world.agency_a, 2024, today=D(2025, 1, 20))
    context = publication.check_context(world.agency_a, 2024, report)
    assert context["pending"] == ["table2.penalty"]
    assert publication.run_checks(report, context, today=D(2025, 1, 20)) == report["checks"]


@pytest.mark.parametrize("who", ["clerk_a", "leader_a", "principal_a", "secrecy_a", "clerk_b", "supervisor"])
def test_only_the_office_administrator_finalises(world, seeded, freeze_today, who):
    freeze_today(D(2025, 1, 20))
    with pytest.raises(NotAllowed, match="公开办管理员"):
        publication.finalise_report(getattr(world, who), world.agency_a, 2024)
    assert not ReportVersion.objects.exists()


def test_a_year_cannot_be_finalised_before_it_ends_nor_twice_while_awaiting_approval(world, seeded, freeze_today):
    freeze_today(D(2024, 12, 30))
    with pytest.raises(OperationError, match="尚未结束"):
        publication.finalise_report(world.head_a, world.agency_a, 2024)
    freeze_today(D(2025, 1, 20))
    with pytest.raises(OperationError, match="不能晚于今天"):
        publication.finalise_report(world.head_a, world.agency_a, 2024, on=D(2025, 1, 21))
    publication.finalise_report(world.head_a, world.agency_a, 2024)
    with pytest.raises(OperationError, match="第1稿正在等待审批"):
        publication.finalise_report(world.head_a, world.agency_a, 2024)
    assert ReportVersion.objects.count() == 1


def test_a_leader_publishes_with_the_date_recorded_in_the_published_object(world, seeded, freeze_today):
    freeze_today(D(2025, 1, 20))
    version = publication.finalise_report(world.head_a, world.agency_a, 2024, on=D(2025, 1, 17))
    decision = publication.publish_report(world.principal_a, version)
    assert decision.kind == DecisionKind.PUBLISHED and decision.on == D(2025, 1, 20)
    assert decision.report["published_on"] == "2025-01-20"
    assert "2025年1月20日" in decision.html  # the signature date
    a1 = [r for r in decision.report["checks"] if r["id"] == "A1"]
    assert [r["status"] for r in a1] == ["pass"]
    assert ReportText.objects.get(agency=world.agency_a, year=2024).published_on == D(2025, 1, 20)
    assert build_report(world.agency_a, 2024)["published_on"] == "2025-01-20"  # the editor now shows it published
    assert AuditEvent.objects.filter(action="annual_report.published", actor=world.principal_a).count() == 1
    with pytest.raises(OperationError, match="已于2025年01月20日批准发布"):
        publication.publish_report(world.leader_a, version)


@pytest.mark.parametrize("who", ["head_a", "clerk_a", "secrecy_a", "clerk_b", "supervisor"])
def test_only_the_principal_or_deputy_leader_approves_publication(world, seeded, freeze_today, who):
    freeze_today(D(2025, 1, 20))
    version = publication.finalise_report(world.head_a, world.agency_a, 2024)
    with pytest.raises(NotAllowed):
        publication.publish_report(getattr(world, who), version)
    assert not ReportDecision.objects.exists()


def test_nobody_approves_their_own_finalisation(world, seeded, freeze_today):
    freeze_today(D(2025, 1, 20))
    agency_ops.add_member(None, world.agency_a, username="leader_a", role=Role.OFFICE_ADMIN, full_name="赵副主任")
    leader = type(world.leader_a).objects.get(pk=world.leader_a.pk)  # fresh role cache
    version = publication.finalise_report(leader, world.agency_a, 2024)
    with pytest.raises(NotAllowed, match="不能批准自己定稿"):
        publication.publish_report(leader, version)
    decision = publication.publish_report(world.principal_a, version)
    assert decision.decided_by == world.principal_a


def test_a_returned_version_is_never_published_and_the_office_finalises_again(world, seeded, freeze_today):
    freeze_today(D(2025, 1, 20))
    first = publication.finalise_report(world.head_a, world.agency_a, 2024)
    with pytest.raises(OperationError, match="理由"):
        publication.return_report(world.leader_a, first, reason="  ")
    publication.return_report(world.leader_a, first, reason="第五部分的整改时限请写具体")
    with pytest.raises(OperationError, match="退回修改"):
        publication.publish_report(world.principal_a, first)
    second = publication.finalise_report(world.head_a, world.agency_a, 2024)
    assert second.number == 2
    publication.publish_report(world.leader_a, second)
    assert [d.version.number for d in publication.published(world.agency_a, 2024)] == [2]


def test_a_late_publication_is_allowed_and_recorded_as_late(world, seeded, freeze_today):
    freeze_today(D(2025, 2, 14))
    version = publication.finalise_report(world.head_a, world.agency_a, 2024)
    unpublished_a1 = next(r for r in version.report["checks"] if r["id"] == "A1")
    assert unpublished_a1["status"] == "fail" and unpublished_a1["blocking"] is False
    decision = publication.publish_report(world.principal_a, version)
    a1 = next(r for r in decision.report["checks"] if r["id"] == "A1")
    assert a1["status"] == "fail" and a1["severity"] == "E" and "晚于2025年1月31日" in a1["message"]
    assert checks.blocks_publication(decision.report["checks"])  # an error, though it did not block
    assert AuditEvent.objects.get(action="annual_report.published").data["late"] is True
    status = publication.year_status(world.agency_a, 2024)
    assert status.on_time() is False and "逾期" in status.label(D(2025, 2, 14))


def test_a_government_report_has_until_the_end_of_march(world, seeded, freeze_today):
    world.agency_a.kind = "government"
    world.agency_a.save()
    freeze_today(D(2025, 3, 28))
    decision = publication.publish_report(world.principal_a, publication.finalise_report(world.head_a, world.agency_a, 2024))
    a2 = next(r for r in decision.report["checks"] if r["id"] in ("A1", "A2"))
    assert a2["id"] == "A2" and a2["status"] == "pass"
    assert publication.year_status(world.agency_a, 2024).on_time() is True


def test_changes_after_publication_need_a_new_version_with_a_dated_revision_note(world, seeded, freeze_today):
    freeze_today(D(2025, 1, 20))
    first = publication.publish_report(world.principal_a, publication.finalise_report(world.head_a, world.agency_a, 2024))
    freeze_today(D(2025, 3, 3))
    with pytest.raises(OperationError, match="修订说明"):
        publication.finalise_report(world.head_a, world.agency_a, 2024)
    with pytest.raises(OperationError, match="内容与已发布的版本相同"):
        publication.finalise_report(world.head_a, world.agency_a, 2024, revision_note="没有改动")
    report_ops.enter_figure(world.head_a, world.agency_a, 2024, path="table2.penalty", value=4, note="补录两件简易程序处罚")
    revised = publication.finalise_report(world.head_a, world.agency_a, 2024, revision_note="更正表二行政处罚决定数量")
    freeze_today(D(2025, 3, 5))
    second = publication.publish_report(world.leader_a, revised)
    assert second.report["published_on"] == "2025-01-20"  # the first publication stays the publication date (A1)
    assert second.report["revisions"] == [{"on": "2025-03-05", "note": "更正表二行政处罚决定数量"}]
    assert "本报告于2025年3月5日修订：更正表二行政处罚决定数量" in second.html
    assert second.report["table2"]["penalty"] == 4
    first.refresh_from_db()
    assert first.report["table2"]["penalty"] == 3 and "修订" not in first.html
    assert [d.version.number for d in publication.published(world.agency_a, 2024)] == [2, 1]
    status = publication.year_status(world.agency_a, 2024)
    assert status.latest == second and status.first_published_on == D(2025, 1, 20) and status.revisions == 1
