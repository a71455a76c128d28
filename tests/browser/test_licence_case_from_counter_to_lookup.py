"""A clerk accepts, approves and completes a 行政许可 办件 in the back office; an 即办件 is
completed the same day; the citizen finds the result with the lookup, and a wrong name
finds nothing (issue 6, acceptance 1)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from gongkai.service_catalog import operations as ops
from gongkai.service_catalog import services
from gongkai.service_catalog.models import Case
from tests.browser.conftest import login
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TODAY = dt.date(2026, 3, 16)  # a Monday


def item(world, *, name: str, type_code: str, instant: bool, serial: int):  # type: ignore[no-untyped-def]
    it = ops.create_item(world.head_a, world.agency_a, ops.ItemData(
        code=f"62070000MZ-{type_code}-{serial:04d}", name=name, type_code=type_code, legal_basis="《宗教事务条例》第二十一条、第二十二条",
        promised_workdays=0 if instant else 10, legal_workdays=20, instant=instant, materials="申请书\n拟任负责人身份证明",
        department_id=world.office_a.pk,
    ))
    return ops.publish_item(world.head_a, it)


def register(page, base: str, item_name: str, applicant: str) -> str:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/admin/zwfw/cases/new/")
    page.locator("#id_item").select_option(label=item_name)
    page.get_by_label("申请人类型").select_option(label="法人或其他组织")
    page.get_by_label("申请人姓名或名称").fill(applicant)
    page.get_by_label("申请事由").fill("申请在甘州区设立宗教活动场所")
    page.get_by_role("button", name="登记").click()
    expect(page.get_by_text("已登记办件")).to_be_visible()
    return re.search(r"已登记办件 (\S+)（", page.get_by_text("已登记办件").inner_text()).group(1)  # type: ignore[union-attr]


def test_a_licence_is_accepted_approved_and_concluded_and_the_citizen_finds_it(world, live_server, browser, shot_dir, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: TODAY)
    item(world, name="宗教活动场所筹备设立审批", type_code="XK", instant=False, serial=1)
    item(world, name="宗教教职人员备案", type_code="QR", instant=True, serial=2)
    base = live_server.url

    # -- the clerk works a licence step by step ------------------------------------------------
    staff = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    office = staff.new_page()
    login(office, base, "clerk_a", PASSWORD)
    number = register(office, base, "宗教活动场所筹备设立审批", "甘州区清真东关寺管理委员会")
    expect(office.locator("#case-phase")).to_have_text("待受理")
    office.get_by_role("button", name="受理", exact=True).click()
    expect(office.get_by_text("已办理：受理")).to_be_visible()
    expect(office.locator("#case-phase")).to_have_text("审批中")
    # 10 working days from 03-16: 03-17…20 (1–4), 23…27 (5–9), 03-30 (10).
    expect(office.get_by_text("2026-03-30").first).to_be_visible()
    office.get_by_role("button", name="审批：准予").click()
    expect(office.get_by_text("已办理：审批：准予")).to_be_visible()
    office.get_by_role("button", name="办结").click()  # without the licence number first
    expect(office.get_by_text("请填写许可证件编号或批准文号")).to_be_visible()
    office.get_by_label("证件编号或批准文号").fill("张民宗许〔2026〕7号")
    office.get_by_role("button", name="办结").click()
    expect(office.get_by_text("已办理：办结")).to_be_visible()
    expect(office.locator("#case-phase")).to_have_text("已办结")
    expect(office.get_by_text("按时办结")).to_be_visible()
    office.screenshot(path=str(shot_dir / "service-case-concluded.png"), full_page=True)
    case = Case.objects.get(number=number)
    assert (case.accepted_on, case.decided_on, case.concluded_on, case.decision) == (TODAY, TODAY, TODAY, "approved")
    assert list(case.events.order_by("seq").values_list("kind", flat=True)) == ["registered", "accepted", "approved", "concluded"]

    # -- an 即办件 is completed on the spot ---------------------------------------------------------
    instant = register(office, base, "宗教教职人员备案", "张掖市佛教协会")
    office.get_by_role("button", name="即办：当场受理、审批、办结").click()
    expect(office.get_by_text("已办理：即办：当场受理、审批、办结")).to_be_visible()
    expect(office.locator("#case-phase")).to_have_text("已办结")
    expect(office.locator("#case-concluded")).to_have_text(TODAY.isoformat())
    office.screenshot(path=str(shot_dir / "service-case-instant.png"), full_page=True)
    done = Case.objects.get(number=instant)
    assert done.submitted_on == done.accepted_on == done.decided_on == done.concluded_on == TODAY

    # -- the citizen looks the result up --------------------------------------------------------------
    citizen = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = citizen.new_page()
    page.goto(f"{base}/zwfw/query/")
    page.get_by_label("办件编号").fill(number)
    page.get_by_label("申请人姓名或名称").fill("甘州区清真东关寺管理委员会")
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#lookup-status")).to_have_text("已办结")
    expect(page.locator("#lookup-decision")).to_have_text("准予许可")
    expect(page.get_by_text("张民宗许〔2026〕7号")).to_be_visible()
    page.screenshot(path=str(shot_dir / "service-lookup-phone.png"), full_page=True)

    # -- a wrong name finds nothing, with the same message as a wrong number ---------------------------
    stranger = browser.new_context().new_page()
    stranger.goto(f"{base}/zwfw/query/")
    stranger.get_by_label("办件编号").fill(number)
    stranger.get_by_label("申请人姓名或名称").fill("张三")
    stranger.get_by_role("button", name="查询").click()
    expect(stranger.get_by_text("没有找到与该办件编号和申请人对应的办件")).to_be_visible()
    assert "张民宗许" not in stranger.content() and "东关寺" not in stranger.content()

    # -- the approved licence is in the public 公示 list ---------------------------------------------------
    page.goto(f"{base}/zwfw/{world.agency_a.slug}/gongshi/")
    expect(page.get_by_role("cell", name="张民宗许〔2026〕7号")).to_be_visible()
    for ctx in (staff, citizen):
        ctx.close()
