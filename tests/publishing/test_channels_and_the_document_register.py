"""Channels counted per year (the annual report's narrative) and the catalogue as the 表二
register of 规章 / 行政规范性文件 (issued, repealed, in force at year end)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Q

from gongkai.core.errors import NotAllowed, OperationError
from gongkai.core.models import AuditEvent
from gongkai.publishing import clock, operations, services
from gongkai.publishing.register import CatalogueRegister
from tests.publishing.conftest import entry_data, publish_through_review

pytestmark = pytest.mark.django_db


def test_pushes_are_counted_per_channel_and_year(portal, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2024, 6, 10))
    a = publish_through_review(portal, "gzdt", title="动态一")
    b = publish_through_review(portal, "tzgg", title="通知一")
    w = portal.world
    operations.record_push(w.clerk_a, a, "wechat", dt.date(2024, 6, 10), "https://mp.weixin.qq.com/s/abc")
    operations.record_push(w.clerk_a, b, "wechat", dt.date(2024, 6, 10))
    operations.record_push(w.head_a, b, "weibo", dt.date(2024, 6, 10))
    counts = services.channel_counts([w.agency_a.pk], 2024)
    assert counts["门户网站"] == 2 and counts["微信公众号"] == 2 and counts["政务微博"] == 1
    assert services.channel_counts([w.agency_a.pk], 2023)["微信公众号"] == 0
    assert services.channel_counts([w.agency_b.pk], 2024)["门户网站"] == 0
    assert services.column_counts([w.agency_a.pk], 2024) == {"工作动态": 1, "通知公告": 1}
    assert AuditEvent.objects.filter(action="publishing.channel.pushed").count() == 3


def test_a_push_is_refused_for_drafts_strangers_unknown_channels_and_future_dates(portal, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2024, 6, 10))
    w = portal.world
    draft = operations.draft_entry(w.clerk_a, portal.column("gzdt"), entry_data())
    with pytest.raises(OperationError):
        operations.record_push(w.clerk_a, draft, "wechat", dt.date(2024, 6, 10))
    live = publish_through_review(portal, "gzdt")
    with pytest.raises(NotAllowed):
        operations.record_push(w.clerk_b, live, "wechat", dt.date(2024, 6, 10))
    with pytest.raises(OperationError):
        operations.record_push(w.clerk_a, live, "tiktok", dt.date(2024, 6, 10))
    with pytest.raises(OperationError):
        operations.record_push(w.clerk_a, live, "wechat", dt.date(2024, 6, 11))


def test_the_register_counts_issued_repealed_and_in_force_at_year_end(portal):
    docs = [  # (written, repealed or None, kind) — checked against a count by hand below
        (dt.date(2022, 5, 1), None, "normative"),
        (dt.date(2023, 3, 1), dt.date(2024, 7, 1), "normative"),
        (dt.date(2024, 2, 1), None, "normative"),
        (dt.date(2024, 8, 1), dt.date(2024, 12, 31), "normative"),
        (dt.date(2024, 9, 1), None, "rules"),
        (dt.date(2025, 1, 2), None, "normative"),
    ]
    for i, (written, repealed, kind) in enumerate(docs):
        publish_through_review(portal, "gfxwj", title=f"规范性文件{i}", written_on=written, formed_on=written, document_kind=kind,
                               validity="废止" if repealed else "有效", repealed_on=repealed)
    publish_through_review(portal, "gzdt", title="不是规范性文件", written_on=dt.date(2024, 3, 3))
    counts = CatalogueRegister().counts(Q(agency=portal.world.agency_a), 2024)
    n = counts["normative"]
    assert (n.issued, n.repealed, n.in_force, n.in_force_prev) == (2, 2, 2, 2)
    r = counts["rules"]
    assert (r.issued, r.repealed, r.in_force) == (1, 0, 1)
    assert CatalogueRegister().counts(Q(agency=portal.world.agency_b), 2024) == {}


def test_the_annual_reports_register_counts_the_catalogue(portal):
    from gongkai.annual_report.register import document_register

    publish_through_review(portal, "gfxwj", title="计入表二的规范性文件", written_on=dt.date(2024, 2, 1), document_kind="normative")
    counts = document_register().counts(Q(agency=portal.world.agency_a), 2024)
    assert counts["normative"].issued == 1 and counts["normative"].in_force == 1


def test_an_interpretation_links_both_ways(portal):
    from django.test import Client

    doc = publish_through_review(portal, "gfxwj", title="张掖市宗教活动场所管理办法", document_kind="normative")
    jd = publish_through_review(portal, "zcjd", title="《张掖市宗教活动场所管理办法》政策解读", genre="解读", interprets=doc)
    c = Client()
    assert jd.url in c.get(doc.url).content.decode()
    assert doc.url in c.get(jd.url).content.decode()
    with pytest.raises(OperationError):
        operations.draft_entry(portal.world.clerk_a, portal.column("zcjd"), entry_data(title="文种不对的解读", genre="通知", interprets=doc))
