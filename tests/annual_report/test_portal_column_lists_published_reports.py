"""The 主动公开 portal's 政府信息公开年报 column lists the agency's published reports, newest
first, and shows a newly published one at once (its cached pages are refreshed when the
review's last approval publishes it)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from gongkai.annual_report import publication, review
from tests.annual_report.conftest import review_step, walk_review

D = dt.date


@pytest.mark.django_db(transaction=True)
def test_the_portal_column_lists_reports_and_refreshes_when_one_is_published(
    world, seeded, portal, freeze_today
):
    url = f"/{world.agency_a.slug}/zfxxgk/gknb/"
    reader = Client()
    freeze_today(D(2025, 1, 20))
    publication.finalise_report(world.head_a, world.agency_a, 2024)
    walk_review(portal.reviewers[:3], world.agency_a, 2024)
    first = reader.get(url)
    assert first.status_code == 200
    assert (
        "2024年政府信息公开工作年度报告" not in first.content.decode()
    )  # nothing published yet (and now cached)
    review_step(world.principal_a, world.agency_a, 2024)
    page = reader.get(url).content.decode()
    assert "2024年政府信息公开工作年度报告" in page
    assert f'href="{review.page_for(world.agency_a, 2024).url}"' in page


@pytest.mark.django_db(transaction=True)
def test_a_report_published_before_the_portal_opened_is_listed_with_its_public_page(
    world, seeded, freeze_today
):
    from gongkai.publishing import operations as portal_ops

    freeze_today(D(2025, 1, 20))
    publication.publish_report(
        world.principal_a, publication.finalise_report(world.head_a, world.agency_a, 2024)
    )
    portal_ops.create_portal(None, world.agency_a)
    page = Client().get(f"/{world.agency_a.slug}/zfxxgk/gknb/").content.decode()
    assert (
        f"/gongkai/{world.agency_a.slug}/nianbao/2024/" in page and "2024年政府信息公开工作年度报告" in page
    )
