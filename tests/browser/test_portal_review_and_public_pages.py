"""The portal in a browser: an item goes through the four review steps with four people
(the submitter cannot approve; a rejection comes back with its comment), becomes public
only at the end; the public pages pass axe-core (no serious or critical violation) at
desktop and phone widths, with screenshots in var/test-screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gongkai.publishing import operations
from gongkai.publishing.models import CatalogEntry
from tests.browser.axe import serious_violations
from tests.browser.conftest import SHOTS, login
from tests.conftest import PASSWORD
from tests.publishing.conftest import entry_data, portal, publish_through_review  # noqa: F401 (portal: the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _act(browser, base, username, entry_title, action, fields):
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = ctx.new_page()
    login(page, base, username, PASSWORD)
    page.screenshot(path=str(SHOTS / f"portal-admin-{username}.png"), full_page=True)
    row = page.locator("tr", has_text=entry_title).filter(has=page.locator("button")).first
    row.locator("button[aria-label]").first.click()  # Wagtail's "等待你的审查" row: actions sit in a dropdown
    row.get_by_role("button", name=action, exact=True).click()
    modal = page.locator(".modal-dialog, dialog, [role=dialog]").last
    for label, value in fields:
        if value is True:
            modal.get_by_label(label).check()
        else:
            modal.get_by_label(label).fill(value)
    modal.get_by_role("button", name=action).click()
    page.wait_for_load_state("networkidle")
    ctx.close()


def test_an_item_is_reviewed_by_four_people_and_only_then_public(portal, live_server, browser, shot_dir):  # noqa: F811
    base = live_server.url
    w = portal.world
    title = "关于开展2024年宗教活动场所消防安全检查的通知"
    entry = operations.draft_entry(w.clerk_a, portal.column("tzgg"), entry_data(title=title))
    operations.submit_for_review(w.clerk_a, entry)
    public_url = f"{base}/mzw/tzgg/{entry.slug}/"
    reader = browser.new_context(locale="zh-CN").new_page()
    assert reader.goto(public_url).status == 404

    # the submitter, even were they a reviewer, has no approve button and a forged request fails
    clerk = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
    login(clerk, base, "clerk_a", PASSWORD)
    expect(clerk.get_by_role("button", name="审核通过", exact=True)).to_have_count(0)
    state = CatalogEntry.objects.get(pk=entry.pk).current_workflow_state.current_task_state
    from django.urls import reverse

    forged = clerk.request.post(base + reverse("wagtailadmin_pages:workflow_action", args=[entry.pk, "approve", state.pk]),
                                form={"comment": "自己批准"}, max_redirects=0, headers={"X-CSRFToken": clerk.context.cookies()[0]["value"]})
    assert forged.status in (403, 302)
    state.refresh_from_db()
    assert state.status == "in_progress"

    _act(browser, base, "section_a", title, "审核通过", [("审核意见", "内容准确，同意")])
    _act(browser, base, "secrecy_a", title, "签署保密审查意见并通过",
         [("经保密审查，本信息不涉及国家秘密、工作秘密，可以公开", True), ("保密审查意见", "经审查不涉密，同意公开")])
    assert reader.goto(public_url).status == 404
    _act(browser, base, "leader_a", title, "退回修改", [("退回意见（将发送给提交人和此前各步审核人）", "检查时间安排请与应急管理部门衔接后再报")])

    # the clerk sees the comment on the dashboard
    clerk.goto(f"{base}/admin/")
    expect(clerk.get_by_text("检查时间安排请与应急管理部门衔接后再报").first).to_be_visible()
    clerk.screenshot(path=str(shot_dir / "portal-admin-rejected-comment.png"), full_page=True)
    assert reader.goto(public_url).status == 404

    operations.submit_for_review(w.clerk_a, CatalogEntry.objects.get(pk=entry.pk))
    _act(browser, base, "leader_a", title, "审核通过", [("审核意见", "同意")])
    assert reader.goto(public_url).status == 404
    _act(browser, base, "principal_a", title, "审核通过", [("审核意见", "同意发布")])
    assert reader.goto(public_url).status == 200
    expect(reader.get_by_role("heading", name=title)).to_be_visible()
    entry.refresh_from_db()
    expect(reader.get_by_text(entry.index_no)).to_be_visible()


PAGES = [("home", "/mzw/"), ("list", "/mzw/zfxxgk/fdzdgknr/gfxwj/"), ("news", "/mzw/gzdt/"), ("search", "/mzw/search/?q=宗教")]


@pytest.mark.parametrize(("width", "height", "label"), [(1366, 900, "desktop"), (390, 844, "phone")])
def test_public_pages_have_no_serious_accessibility_violations(portal, live_server, browser, shot_dir, width, height, label):  # noqa: F811
    doc = publish_through_review(portal, "gfxwj", title="张掖市宗教活动场所管理办法", document_kind="normative", doc_no="张民宗发〔2024〕3号",
                                 summary="规范宗教活动场所的登记、管理和监督。", keywords="宗教活动场所 管理",
                                 body="<p>第一条 为了规范宗教活动场所管理，根据《宗教事务条例》，结合本市实际，制定本办法。</p><p>第二条 本办法适用于本市行政区域内依法登记的宗教活动场所。</p>")
    publish_through_review(portal, "zcjd", title="《张掖市宗教活动场所管理办法》政策解读", genre="解读", interprets=doc)
    for i in range(3):
        publish_through_review(portal, "gzdt", title=f"市民宗委开展民族团结进步创建工作督导（第{i + 1}组）", summary="督导各县区创建工作。")
    page = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN").new_page()
    urls = [*PAGES, ("entry", doc.url), ("guide", "/mzw/zfxxgk/gkzn/"), ("sitemap", "/mzw/sitemap/")]
    problems = {}
    for name, url in urls:
        resp = page.goto(live_server.url + url)
        assert resp.status == 200, url
        page.screenshot(path=str(shot_dir / f"portal-{name}-{label}.png"), full_page=True)
        found = serious_violations(page)
        if found:
            problems[name] = found
    assert problems == {}
    # keyboard users: the skip link is the first stop and lands on the main content
    page.goto(live_server.url + "/mzw/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="跳到正文")).to_be_focused()
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
