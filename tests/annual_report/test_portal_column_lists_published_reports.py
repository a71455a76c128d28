"""The 主动公开 portal's 政府信息公开年报 column lists the agency's published reports, newest
first, and shows a newly published one at once (its cached pages are refreshed)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from gongkai.annual_report import publication
from gongkai.publishing import operations as portal_ops

D = dt.date


@pytest.mark.django_db(transaction=True)
def test_the_portal_column_lists_reports_and_refreshes_when_one_is_published(world, seeded, freeze_today):
    portal_ops.create_portal(None, world.agency_a)
    url = f"/{world.agency_a.slug}/zfxxgk/gknb/"
    reader = Client()
    first = reader.get(url)
    assert first.status_code == 200
    assert "2024年政府信息公开工作年度报告" not in first.content.decode()  # nothing published yet (and now cached)
    freeze_today(D(2025, 1, 20))
    publication.publish_report(world.principal_a, publication.finalise_report(world.head_a, world.agency_a, 2024))
    page = reader.get(url).content.decode()
    assert f"/gongkai/{world.agency_a.slug}/nianbao/2024/" in page
    assert "2024年政府信息公开工作年度报告" in page
