"""A citizen applies online; staff confirm receipt and send a 补正 notice; the citizen's
query page shows the notice and takes the correction; the clock restarts."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from gongkai.foi.models import Application
from gongkai.foi.rules.events import EventKind
from tests.browser.conftest import login
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_applies_staff_request_correction_and_the_query_page_shows_it(world, live_server, browser, shot_dir):
    base = live_server.url

    # -- the citizen applies ------------------------------------------------------------
    citizen = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")  # a phone
    page = citizen.new_page()
    page.goto(f"{base}/yisqgk/")
    page.get_by_role("link", name="张掖市民族宗教事务委员会").click()
    page.get_by_label("姓名或名称").fill("马晓东")
    page.get_by_label("证件号码").fill("62070219900315001X")  # wrong check digit first
    page.get_by_label("联系电话").fill("13893600000")
    page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill("那个文件")
    page.get_by_label("我确认以上信息真实").check()
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_role("alert").filter(has_text="提交未成功")).to_be_visible()
    expect(page.get_by_text("身份证号码校验位不正确").first).to_be_visible()
    assert Application.objects.count() == 0
    page.get_by_label("证件号码").fill("620702199003150010")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(re.compile(r".*/yisqgk/done/$"))
    code = page.locator("#query-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    page.screenshot(path=str(shot_dir / "public-apply-done-phone.png"), full_page=True)
    app = Application.objects.get()
    assert app.received_on is None  # 条例第三十一条: online receipt is the day both sides confirm

    # -- staff confirm receipt and send a 补正 notice ----------------------------------------
    staff = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    office = staff.new_page()
    login(office, base, "clerk_a", PASSWORD)
    office.goto(f"{base}/admin/foi/?tab=awaiting_receipt")
    office.get_by_role("link", name=app.number).click()
    office.get_by_text("确认收到申请").click()
    office.get_by_role("button", name="确定").click()
    expect(office.get_by_text("已办理：确认收到申请")).to_be_visible()
    office.get_by_text("发出补正告知").click()
    office.get_by_label("需要补正的事项（一次性告知）").fill("请写明所需文件的名称、文号或发布时间")
    office.locator("form[action$='/do/correction/'] button[type=submit]").click()
    expect(office.get_by_text("已办理：发出补正告知")).to_be_visible()
    office.goto(f"{base}/admin/foi/")
    office.screenshot(path=str(shot_dir / "workbench.png"), full_page=True)
    expect(office.get_by_role("link", name=app.number)).to_be_visible()

    # -- the citizen sees the notice with the query code and corrects ----------------------------
    page.goto(f"{base}/yisqgk/query/")
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_text("待您补正")).to_be_visible()
    expect(page.get_by_text("请写明所需文件的名称、文号或发布时间")).to_be_visible()
    page.screenshot(path=str(shot_dir / "public-status-correction-phone.png"), full_page=True)
    page.get_by_label("补正内容").fill("2025年发布的《宗教活动场所管理办法》实施细则，文号不详")
    page.get_by_role("button", name="提交补正").click()
    expect(page.get_by_text("补正材料已提交")).to_be_visible()
    kinds = list(app.events.order_by("seq").values_list("kind", flat=True))
    assert kinds == [EventKind.SUBMITTED, EventKind.RECEIPT_CONFIRMED, EventKind.CORRECTION_REQUESTED, EventKind.CORRECTION_RECEIVED]

    # -- a different person with a wrong code sees nothing -----------------------------------------
    stranger = browser.new_context().new_page()
    stranger.goto(f"{base}/yisqgk/query/status/")
    assert "/yisqgk/query/" in stranger.url and "马晓东" not in stranger.content()
    stranger.get_by_label("查询码").fill("AAAA-BBBB-CCCC")
    stranger.get_by_role("button", name="查询").click()
    expect(stranger.get_by_text("没有找到与该查询码对应的申请")).to_be_visible()
    for ctx in (citizen, staff):
        ctx.close()
