"""条例第二十六条: an item published more than 20 working days after it was formed or changed
is flagged, counted per year, and listed in the back office."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from gongkai.publishing import clock, services
from gongkai.publishing.models import PublicationRecord
from gongkai.workdays.services import current_calendar
from tests.publishing.conftest import approve_all, publish_through_review

pytestmark = pytest.mark.django_db


def _publish_on(portal, monkeypatch, formed, published, title):
    monkeypatch.setattr(clock, "today", lambda: published)
    return publish_through_review(portal, "tzgg", title=title, written_on=formed, formed_on=formed)


def test_the_20th_working_day_is_on_time_and_the_21st_late(portal, monkeypatch):
    cal = current_calendar()
    formed = dt.date(2024, 9, 20)  # the 国庆 holiday follows: calendar days and working days differ
    on_time = _publish_on(portal, monkeypatch, formed, cal.add_workdays(formed, 20), "第20个工作日发布")
    late = _publish_on(portal, monkeypatch, formed, cal.add_workdays(formed, 21), "第21个工作日发布")
    late26 = _publish_on(portal, monkeypatch, formed, cal.add_workdays(formed, 26), "第26个工作日发布")
    records = {r.title: r for r in PublicationRecord.objects.all()}
    assert (records[on_time.title].late, records[on_time.title].workdays_taken) == (False, 20)
    assert (records[late.title].late, records[late.title].workdays_taken) == (True, 21)
    assert (records[late26.title].late, records[late26.title].workdays_taken) == (True, 26)
    # 2024-09-20 + 20 working days crosses the 国庆 week: more than 4 calendar weeks
    assert (cal.add_workdays(formed, 20) - formed).days > 28
    ids = [portal.world.agency_a.pk]
    assert services.timeliness_by_year(ids) == [{"year": 2024, "total": 3, "late": 2}]
    assert {r.title for r in services.late_records(ids, 2024)} == {late.title, late26.title}


def test_a_change_is_timed_from_the_change_date_and_a_plain_republication_is_not_recounted(portal, monkeypatch):
    from gongkai.publishing import operations
    from tests.publishing.conftest import entry_data

    cal = current_calendar()
    formed = dt.date(2024, 3, 1)
    entry = _publish_on(portal, monkeypatch, formed, cal.add_workdays(formed, 5), "会变更的文件")
    changed = dt.date(2024, 6, 3)
    monkeypatch.setattr(clock, "today", lambda: cal.add_workdays(changed, 25))
    operations.edit_entry(portal.world.clerk_a, entry, entry_data(title="会变更的文件", written_on=formed, formed_on=changed))
    operations.submit_for_review(portal.world.clerk_a, entry)
    approve_all(portal, entry)
    rows = list(PublicationRecord.objects.filter(entry_id=entry.pk).order_by("id").values_list("first", "late", "workdays_taken"))
    assert rows == [(True, False, 5), (False, True, 25)]
    operations.edit_entry(portal.world.clerk_a, entry, entry_data(title="会变更的文件（更正错别字）", written_on=formed, formed_on=changed))
    operations.submit_for_review(portal.world.clerk_a, entry)
    approve_all(portal, entry)
    assert PublicationRecord.objects.filter(entry_id=entry.pk).count() == 2


def test_the_back_office_lists_late_items_per_year_for_the_agency_only(portal, monkeypatch):
    cal = current_calendar()
    formed = dt.date(2024, 4, 1)
    _publish_on(portal, monkeypatch, formed, cal.add_workdays(formed, 26), "迟发的通知")
    c = Client()
    c.force_login(portal.world.head_a)
    html = c.get("/admin/publishing/timeliness/?year=2024").content.decode()
    assert "迟发的通知" in html and "2024年" in html
    c.force_login(portal.world.clerk_b)
    assert "迟发的通知" not in c.get("/admin/publishing/timeliness/?year=2024").content.decode()
