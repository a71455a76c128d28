"""The year's report page in the portal is written by 定稿 and published by the review only:
nobody — superusers included — deletes, copies, moves, publishes, unpublishes or submits it
in Wagtail, and Wagtail's editor (and every action posted to it) leads to the version's page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Revision

from gongkai.annual_report import publication, review
from gongkai.annual_report.models import AnnualReportPage
from tests.annual_report.conftest import walk_review
from tests.conftest import PASSWORD
from tests.web_helpers import client_for

D = dt.date
REFUSED = ("can_delete", "can_copy", "can_move", "can_publish", "can_unpublish", "can_submit_for_moderation")


@pytest.fixture
def report_page(world, seeded, portal, freeze_today):
    freeze_today(D(2025, 1, 20))
    version = publication.finalise_report(world.head_a, world.agency_a, 2024)
    return review.page_for(world.agency_a, 2024), version


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("root", password=PASSWORD)


def test_nobody_may_delete_copy_move_publish_or_unpublish_it(world, portal, report_page, admin_user):
    page, _ = report_page
    for user in (world.head_a, world.clerk_a, portal.section_a, world.principal_a, admin_user):
        perms = page.permissions_for_user(user)
        assert not any(getattr(perms, name)() for name in REFUSED), user
    assert not AnnualReportPage.is_creatable
    # the same page type's neighbours keep Wagtail's answers: only the report page is locked down
    assert portal.column("gknb").permissions_for_user(admin_user).can_publish()


def test_opening_it_in_wagtails_editor_leads_to_the_version_page(world, report_page, admin_user):
    page, version = report_page
    for user in (world.head_a, admin_user):
        response = client_for(user).get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 302 and response["Location"] == reverse(
            "annual_report_version", args=[version.pk]
        ), user


def test_actions_posted_to_wagtails_editor_change_nothing(world, portal, report_page, admin_user):
    page, _version = report_page
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).count()
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    for user in (world.head_a, admin_user):
        c = client_for(user)
        for action in ("action-publish", "action-submit", "action-cancel-workflow"):
            c.post(edit, {action: "1", "title": "手工改的标题", "slug": "2024"})
        c.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        c.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    page = AnnualReportPage.objects.get(pk=page.pk)
    assert not page.live and page.title != "手工改的标题"
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == revisions
    assert (
        page.current_workflow_state.current_task_state.task.name == "科室审核"
    )  # still waiting, not cancelled


def test_a_published_report_page_cannot_be_unpublished_or_deleted(world, portal, report_page, admin_user):
    page, _version = report_page
    walk_review(portal.reviewers, world.agency_a, 2024)
    c = client_for(admin_user)
    c.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    c.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    page = AnnualReportPage.objects.get(pk=page.pk)
    assert page.live
    assert client_for().get(page.url).status_code == 200
