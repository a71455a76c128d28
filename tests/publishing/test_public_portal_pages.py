"""The public portal: home, columns, entry with its metadata box, guide, sitemap, RSS, and
bad input answered without a 500."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from tests.publishing.conftest import publish_through_review

pytestmark = pytest.mark.django_db


def test_home_columns_and_entry_show_the_published_item_with_its_metadata(portal):
    entry = publish_through_review(portal, "gfxwj", title="张掖市宗教活动场所管理办法", genre="通知", document_kind="normative",
                                   doc_no="张民宗发[2024]3号", keywords="宗教 场所", summary="规定宗教活动场所登记、管理和监督的具体办法。")
    c = Client()
    home = c.get("/mzw/")
    assert home.status_code == 200
    html = home.content.decode()
    assert 'lang="zh-Hans"' in html and "跳到正文" in html and "张掖市民族宗教事务委员会" in html
    assert "工作动态" in html and "通知公告" in html and "政府信息公开" in html
    page = c.get(entry.url).content.decode()
    for label, value in [("索引号", entry.index_no), ("发布机构", "张掖市民族宗教事务委员会"), ("成文日期", "2024-03-01"),
                         ("发布日期", entry.published_on.isoformat()), ("文号", "张民宗发〔2024〕3号"), ("主题分类", "民族、宗教\\宗教事务"), ("有效性", "有效")]:
        assert label in page and value in page, label
    assert entry.index_no.startswith("11620700MB1234567D/")
    listing = c.get("/mzw/zfxxgk/fdzdgknr/gfxwj/").content.decode()
    assert entry.title in listing
    statutory = c.get("/mzw/zfxxgk/fdzdgknr/").content.decode()
    assert "（十五）" in statutory and "规章和行政规范性文件" in statutory


def test_guide_is_built_from_the_agencys_contact_fields(portal):
    a = portal.world.agency_a
    a.address, a.phone, a.office_hours, a.fax = "张掖市甘州区县府街1号", "0936-8210000", "工作日8:30—18:00", "0936-8210001"
    a.save()
    html = Client().get("/mzw/zfxxgk/gkzn/").content.decode()
    for value in (a.address, a.phone, a.office_hours, a.fax, "办公室", "/yisqgk/mzw/"):
        assert value in html


def test_sitemap_rss_and_columns_linking_to_reports_and_the_application_form(portal):
    entry = publish_through_review(portal, "gzdt", title="市民宗委召开2024年民族团结进步创建工作推进会")
    c = Client()
    xml = c.get("/mzw/sitemap.xml")
    assert xml.status_code == 200
    locs = [e.text for e in ET.fromstring(xml.content).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(loc.endswith(entry.url) for loc in locs)
    html = c.get("/mzw/sitemap/").content.decode()
    assert "政府信息公开指南" in html and "法定主动公开内容" in html
    rss = c.get("/mzw/gzdt/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    items = ET.fromstring(rss.content).findall("./channel/item")
    assert [i.findtext("title") for i in items] == [entry.title]
    assert "/gongkai/mzw/nianbao/" in c.get("/mzw/zfxxgk/gknb/").content.decode()
    apply = c.get("/mzw/zfxxgk/ysqgk/").content.decode()
    assert "/yisqgk/mzw/" in apply and "/yisqgk/query/" in apply


@pytest.mark.parametrize("query", [
    "q=%E5%AE%97%E6%95%99&year=abc", "q=x&column=99999999999999999999", "q=&page=-1", "q=%00%01",
    "q=" + "教" * 500, "genre=%3Cscript%3E&q=%E5%AE%97%E6%95%99", "topic=1e9&q=ab", "page=999999&q=%E5%AE%97%E6%95%99",
])
def test_bad_search_input_is_never_a_500(portal, query):
    assert Client().get(f"/mzw/search/?{query}").status_code == 200


def test_bad_paths_and_pages_are_404_or_200_not_500(portal):
    c = Client()
    assert c.get("/mzw/gzdt/?page=abc").status_code == 200
    assert c.get("/mzw/gzdt/?page=99999").status_code == 200
    assert c.get("/mzw/nope/").status_code == 404
    assert c.get("/nosuchagency/").status_code == 404


def test_an_anonymous_page_is_cached_and_a_publication_refreshes_it(portal, settings):
    settings.GONGKAI_PORTAL_CACHE_SECONDS = 600
    c = Client()
    first = c.get("/mzw/gzdt/")
    again = c.get("/mzw/gzdt/")
    assert again.get("X-Portal-Cache") == "hit" and again.content == first.content
    entry = publish_through_review(portal, "gzdt", title="全市宗教界开展“四进”宗教活动场所工作", written_on=dt.date(2024, 4, 2))
    fresh = c.get("/mzw/gzdt/")
    assert fresh.get("X-Portal-Cache") is None and entry.title in fresh.content.decode()
