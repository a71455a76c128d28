"""Search in Chinese on the database in use (the suite runs on SQLite and PostgreSQL):
two-, three- and four-character words in titles, bodies and metadata, filters, and no
false matches across non-adjacent characters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from gongkai.publishing import search
from gongkai.publishing.models import SearchDoc
from tests.publishing.conftest import publish_through_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(portal):
    e = {}
    e["rules"] = publish_through_review(
        portal, "gfxwj", title="张掖市宗教活动场所管理办法", genre="通知", document_kind="normative", doc_no="张民宗发〔2024〕3号",
        summary="规范宗教活动场所登记和日常管理。", keywords="场所 登记", body="<p>第一条 为了规范宗教活动场所管理，根据《宗教事务条例》制定本办法。</p>",
        written_on=dt.date(2024, 1, 8), topic="民族、宗教\\宗教事务")
    e["licence"] = publish_through_review(
        portal, "xzxk", title="行政许可事项办事指南", genre="其他", summary="列明受理条件、申请材料和办理时限。",
        body="<p>申请人可通过政务服务网提交申请，材料齐全的当场受理。</p>", written_on=dt.date(2024, 2, 1), topic="综合政务\\政务公开")
    e["news"] = publish_through_review(
        portal, "gzdt", title="市民宗委召开民族团结进步创建推进会", genre="其他", summary="总结上半年创建工作，部署下半年任务。",
        body="<p>会议要求各县区持续深化民族团结进步创建，铸牢中华民族共同体意识。</p>", written_on=dt.date(2024, 6, 3), topic="")
    e["repealed"] = publish_through_review(
        portal, "gfxwj", title="关于加强清真食品管理的通知", genre="通知", document_kind="normative", validity="废止",
        repealed_on=dt.date(2024, 9, 1), summary="已被新办法替代。", body="<p>清真食品生产经营须取得相应资质。</p>", written_on=dt.date(2023, 5, 5), topic="")
    return e


def titles(portal, q, **filters):
    result = search.search([portal.world.agency_a.pk], q, search.Filters(**filters))
    return {x.title for x in result.entries}


@pytest.mark.parametrize(("q", "expected"), [
    ("宗教", {"张掖市宗教活动场所管理办法"}),  # two characters, title and body
    ("许可", {"行政许可事项办事指南"}),  # two characters
    ("团结", {"市民宗委召开民族团结进步创建推进会"}),
    ("推进会", {"市民宗委召开民族团结进步创建推进会"}),  # three characters
    ("当场受理", {"行政许可事项办事指南"}),  # four characters, body only
    ("共同体意识", {"市民宗委召开民族团结进步创建推进会"}),
    ("清真食品", {"关于加强清真食品管理的通知"}),
    ("宗教 办法", {"张掖市宗教活动场所管理办法"}),  # two words, both required
    ("宗教 许可", set()),
    ("团结进", {"市民宗委召开民族团结进步创建推进会"}),
    ("结进步", {"市民宗委召开民族团结进步创建推进会"}),
    ("宗教场所", set()),  # 宗教 and 场所 occur, but never adjacent
    ("许可事务", set()),
    ("ＡＢＣ宗教", set()),
])
def test_words_of_two_to_four_characters(portal, corpus, q, expected):
    assert titles(portal, q) == expected


@pytest.mark.parametrize(("field", "q"), [
    ("doc_no", "民宗发"), ("doc_no", "〔2024〕3号"), ("keywords", "登记"), ("summary", "办理时限"), ("topic", "政务公开"),
    ("genre/kind", "行政规范性文件"), ("validity", "废止"), ("index_no", "MB1234567D"),
])
def test_metadata_fields_are_searchable(portal, corpus, field, q):
    found = titles(portal, q)
    docs = {e.title: SearchDoc.objects.get(entry=e).text for e in corpus.values()}
    normal = search.rules.parse_query(q).phrases
    expected = {t for t, text in docs.items() if all(p in text for p in normal)}
    assert found == expected and found, field


def test_index_numbers_are_searchable(portal, corpus):
    e = corpus["licence"]
    assert titles(portal, e.index_no) == {e.title}


def test_filters_narrow_the_results(portal, corpus):
    col = portal.column("gfxwj").path
    assert titles(portal, "管理", column_path=col) == {"关于加强清真食品管理的通知", "张掖市宗教活动场所管理办法"}
    assert titles(portal, "管理", column_path=portal.column("gzdt").path) == set()
    assert titles(portal, "宗教", validity="有效") == {"张掖市宗教活动场所管理办法"}
    assert titles(portal, "清真", validity="有效") == set()
    statutory = portal.column("fdzdgknr").path
    assert titles(portal, "申请", column_path=statutory) == {"行政许可事项办事指南"}
    topic = corpus["rules"].topic_id
    assert titles(portal, "管理", topic_id=topic) == {"张掖市宗教活动场所管理办法"}
    year = corpus["rules"].published_on.year
    assert titles(portal, "管理", year=year) == {"张掖市宗教活动场所管理办法", "关于加强清真食品管理的通知"}
    assert titles(portal, "管理", year=year - 5) == set()
    assert titles(portal, "管理", genre="其他") == set()


def test_other_agencies_and_unpublished_entries_are_not_found(portal, corpus):
    from gongkai.publishing import operations
    from tests.publishing.conftest import entry_data

    operations.draft_entry(portal.world.clerk_a, portal.column("gzdt"), entry_data(title="尚未发布的宗教草稿"))
    assert "尚未发布的宗教草稿" not in titles(portal, "宗教")
    assert search.search([portal.world.agency_b.pk], "宗教").entries == []
    corpus["news"].unpublish()
    assert titles(portal, "团结") == set()


def test_one_character_is_too_short_and_the_page_says_so(portal, corpus):
    assert not search.search([portal.world.agency_a.pk], "教").query.searchable
    html = Client().get("/mzw/search/", {"q": "教"}).content.decode()
    assert "请输入至少两个字的关键词" in html


def test_the_search_page_lists_results_with_a_snippet(portal, corpus):
    html = Client().get("/mzw/search/", {"q": "当场受理"}).content.decode()
    assert "行政许可事项办事指南" in html and "找到 <strong>1</strong> 条" in html and "当场受理" in html
