"""Anonymous readers are served by the lean read path (one routing query, a per-process
portal map, the same templates): the same pages as Wagtail's serving, byte for byte; 404 for
what is not live; a publication seen at once; logged-in users, restricted pages and other
page types left to Wagtail; and a bounded number of queries per page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gongkai.publishing import operations, services
from gongkai.publishing.models import ColumnPage, EntryAttachment
from gongkai.publishing.views import public
from tests.publishing.conftest import entry_data, publish_through_review

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):  # type: ignore[no-untyped-def]
    """Every request here reaches the read paths (the whole-page cache is tested elsewhere)."""
    settings.GONGKAI_PORTAL_CACHE_SECONDS = 0
    settings.GONGKAI_PORTAL_LEAN = True


@pytest.fixture
def lean_calls(monkeypatch):  # type: ignore[no-untyped-def]
    """The paths the lean read path answered (the others went to Wagtail)."""
    answered: list[str] = []
    real = public.lean_serve

    def spy(request, path):  # type: ignore[no-untyped-def]
        response = real(request, path)
        if response is not None:
            answered.append(request.get_full_path())
        return response

    monkeypatch.setattr(public, "lean_serve", spy)
    return answered


def both(client: Client, url: str, settings) -> tuple:  # type: ignore[no-untyped-def, type-arg]
    settings.GONGKAI_PORTAL_LEAN = False
    wagtail = client.get(url)
    settings.GONGKAI_PORTAL_LEAN = True
    lean = client.get(url)
    return wagtail, lean


@pytest.fixture
def filled(portal):  # type: ignore[no-untyped-def]
    """A portal with a normative document and its interpretation (through the review), an
    attachment, 25 older news items (two list pages) and a guide whose body links to the document."""
    doc = publish_through_review(portal, "gfxwj", title="张掖市宗教活动场所管理办法", document_kind="normative", doc_no="张民宗发〔2024〕3号",
                                 keywords="宗教活动场所 管理", summary="规范宗教活动场所的登记、管理和监督。",
                                 body="<h2>第一章 总则</h2><p>第一条 为了规范宗教活动场所管理，根据《宗教事务条例》，制定本办法。</p>")
    EntryAttachment.objects.create(page=doc, title="管理办法（全文）", file="publishing/2024/03/办法.pdf", size=123_456)
    EntryAttachment.objects.create(page=doc, title="登记表 <样表>", file="publishing/2024/03/登记表.docx", size=2048)
    note = publish_through_review(portal, "zcjd", title="《张掖市宗教活动场所管理办法》政策解读", genre="解读", interprets=doc,
                                  body=f'<p>详见<a linktype="page" id="{doc.pk}">管理办法</a>。</p>')
    news = portal.column("gzdt")
    for i in range(25):
        operations.import_published(news, entry_data(title=f"市民宗委开展民族团结进步创建督导（第{i + 1}组）", summary="督导各县区创建工作。", genre="其他",
                                                      validity="失效" if i == 3 else "有效", doc_no="张民宗函〔2023〕7号" if i == 5 else ""),
                                    dt.date(2023, 1, 1) + dt.timedelta(days=i))
    return doc, note


PAGES = ["/mzw/", "/mzw/gzdt/", "/mzw/gzdt/?page=2", "/mzw/gzdt/?page=2&utm_source=weixin", "/mzw/?from=singlemessage", "/mzw/zfxxgk/", "/mzw/zfxxgk/fdzdgknr/", "/mzw/zfxxgk/fdzdgknr/gfxwj/",
         "/mzw/zfxxgk/gkzn/", "/mzw/zfxxgk/gknb/", "/mzw/zfxxgk/ysqgk/", "/mzw/tzgg/", "/mzw/search/?q=宗教", "/mzw/search/?q=督导&page=2",
         "/mzw/search/?q=宗教&year=2024&genre=通知&validity=有效", "/mzw/search/?q=x&column=99999999999999999999", "/tjj/"]


def test_every_public_page_is_the_same_as_wagtails(filled, settings, lean_calls):
    doc, note = filled
    c = Client()
    for url in [*PAGES, doc.url, note.url]:
        wagtail, lean = both(c, url, settings)
        assert wagtail.status_code == lean.status_code == 200, url
        assert lean.content.decode() == wagtail.content.decode(), url
        assert lean["Content-Type"] == wagtail["Content-Type"] and lean.get("X-Frame-Options") == wagtail.get("X-Frame-Options"), url
    assert len(lean_calls) == len(PAGES) + 2  # every one of them answered by the lean path
    page = c.get(doc.url).content.decode()
    assert "管理办法（全文）" in page and "登记表 &lt;样表&gt;" in page and "120.6" in page and note.title in page
    assert f'href="{doc.url}"' in c.get(note.url).content.decode()  # the internal link expanded
    second = c.get("/mzw/gzdt/?page=2").content.decode()
    assert "第2页，共2页（25条）" in second and "（第5组）" in second and "（第6组）" not in second


def test_unknown_unpublished_and_draft_only_pages_are_404(filled, portal, settings, lean_calls):
    doc, _ = filled
    w = portal.world
    draft = operations.draft_entry(w.clerk_a, portal.column("tzgg"), entry_data(title="尚未审核的通知"))
    gone = publish_through_review(portal, "tzgg", title="已撤下的通知")
    gone_url = gone.url
    gone.unpublish()
    c = Client()
    for url in ["/mzw/nope/", "/mzw/gzdt/nope/", "/nosuchagency/", f"/mzw/tzgg/{draft.slug}/", gone_url, doc.url + "extra/", "/mzw/search/x/"]:
        wagtail, lean = both(c, url, settings)
        assert wagtail.status_code == lean.status_code == 404, url
    assert lean_calls == []
    for url in ["/mzw/", "/mzw/tzgg/", "/mzw/search/?q=通知"]:
        html = c.get(url).content.decode()
        assert "尚未审核的通知" not in html and "已撤下的通知" not in html, url


def test_a_publication_is_visible_at_once_menu_and_lists_alike(portal, settings, lean_calls):
    c = Client()
    assert "工作动态" in c.get("/mzw/").content.decode()  # the portal's map is now kept in this process
    entry = publish_through_review(portal, "gzdt", title="全市宗教界开展“四进”宗教活动场所工作")
    assert entry.title in c.get("/mzw/").content.decode() and entry.title in c.get("/mzw/gzdt/").content.decode()
    news = portal.column("gzdt")
    news.title = "新闻动态"
    news.save_revision().publish()
    for url in ["/mzw/", "/mzw/tzgg/", entry.url]:
        html = c.get(url).content.decode()
        assert ">新闻动态</a>" in html and ">工作动态<" not in html, url
    column = ColumnPage(title="专题专栏", slug="ztzl", kind="other", show_in_menus=True)
    portal.home_a.add_child(instance=column)
    column.save_revision().publish()
    assert 'href="/mzw/ztzl/"' in c.get("/mzw/").content.decode()
    assert all(url.startswith("/mzw/") for url in lean_calls) and len(lean_calls) >= 7


def test_logged_in_readers_other_methods_and_restricted_pages_go_to_wagtail(filled, portal, settings, lean_calls):
    from wagtail.models import PageViewRestriction

    doc, _ = filled
    staff = Client()
    staff.force_login(portal.world.clerk_a)
    assert staff.get("/mzw/").status_code == 200 and staff.get(doc.url).status_code == 200
    assert staff.get("/mzw/search/?q=宗教").status_code == 200
    c = Client()
    for method in ("head", "post", "options"):
        settings.GONGKAI_PORTAL_LEAN = False
        wagtail = getattr(c, method)("/mzw/gzdt/")
        settings.GONGKAI_PORTAL_LEAN = True
        assert getattr(c, method)("/mzw/gzdt/").status_code == wagtail.status_code, method
    assert lean_calls == []
    PageViewRestriction.objects.create(page=portal.column("fdzdgknr"), restriction_type=PageViewRestriction.PASSWORD, password="secret")
    wagtail, lean = both(c, doc.url, settings)
    assert lean.status_code == wagtail.status_code == 200
    for response in (wagtail, lean):  # Wagtail's password form (with its own CSRF token), not the document
        assert 'name="password"' in response.content.decode() and doc.index_no not in response.content.decode()
    assert lean_calls == []


def test_other_page_types_are_left_to_wagtail(portal, rf):
    from wagtail.models import Page

    other = Page(title="某个其他类型的页面", slug="other")
    portal.column("gknb").add_child(instance=other)
    other.save_revision().publish()
    request = rf.get("/mzw/zfxxgk/gknb/other/")
    assert services.resolve(request, "mzw/zfxxgk/gknb/other/") is None
    assert services.resolve(request, "mzw/zfxxgk/gknb/").page.title == "政府信息公开年报"


def test_queries_per_page_are_bounded(filled, settings):
    from gongkai.publishing import search

    doc, note = filled
    c = Client()
    # one routing query; a list or the home's blocks one more; an entry with interpretations one more (their titles)
    expected = {"/mzw/": 2, "/mzw/gzdt/": 2, "/mzw/gzdt/?page=2": 2, "/mzw/zfxxgk/fdzdgknr/": 2, "/mzw/zfxxgk/gkzn/": 1, doc.url: 2, note.url: 1}
    for url, n in expected.items():
        c.get(url)  # the portal's map, the column's count and the expanded link are kept after the first reader
        with CaptureQueriesContext(connection) as q:
            assert c.get(url).status_code == 200
        assert len(q) == n, (url, [x["sql"][:120] for x in q.captured_queries])
    with CaptureQueriesContext(connection) as alone:
        search.search([portal_agency_id(doc)], "宗教")
    c.get("/mzw/search/?q=宗教")
    with CaptureQueriesContext(connection) as q:
        c.get("/mzw/search/?q=宗教")
    assert len(q) == len(alone) + 1  # the routing query, then the search itself


def portal_agency_id(entry) -> int:  # type: ignore[no-untyped-def]
    return entry.agency_id


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_statements_are_prepared_and_a_lost_one_falls_back(portal, settings, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: prepared statements are PostgreSQL's (SQLite runs the same SQL plainly)")
    monkeypatch.setattr(services, "_prepare_ok", True)
    entry = publish_through_review(portal, "gzdt", title="市民宗委召开2024年民族团结进步创建工作推进会")
    c = Client()
    for url in ("/mzw/gzdt/", "/mzw/", "/mzw/zfxxgk/fdzdgknr/"):  # a column, the home's blocks, a column with sub-columns
        for _ in range(7):  # past the first five runs, after which PostgreSQL may keep a generic plan
            wagtail, lean = both(c, url, settings)
            assert lean.content == wagtail.content, url
    assert entry.title in c.get("/mzw/gzdt/").content.decode() and entry.title in c.get("/mzw/").content.decode()
    c.get(entry.url)
    with connection.cursor() as cur:
        cur.execute("SELECT name FROM pg_prepared_statements WHERE name LIKE 'gk_%%'")
        assert {"gk_route_2", "gk_route_3", "gk_route_4", "gk_list_c_20", "gk_list_cct_8", "gk_list_t_20"} <= {r[0] for r in cur.fetchall()}
        cur.execute("DEALLOCATE ALL")  # as a pooler handing the connection another server session would
    again = c.get("/mzw/gzdt/")
    assert again.content == both(c, "/mzw/gzdt/", settings)[0].content
    assert services.prepared_statements_on() is False  # plain SQL from now on in this process


@pytest.mark.django_db(transaction=True)
def test_a_failure_of_the_lean_path_is_logged_and_wagtail_serves_the_page(portal, settings, monkeypatch, caplog):
    def broken(route):  # type: ignore[no-untyped-def]
        raise RuntimeError("a bug in the lean path")

    monkeypatch.setattr(services, "lean_home", broken)
    response = Client().get("/mzw/")
    assert response.status_code == 200 and "工作动态" in response.content.decode()
    assert "lean read path failed on /mzw/" in caplog.text
