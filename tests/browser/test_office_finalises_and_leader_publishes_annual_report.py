"""The 年报 flow in a browser: the 公开办管理员 writes section 五 and finalises the 2024
report; the 主要领导 approves its publication; the public column shows it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from gongkai.annual_report.models import ReportDecision
from tests.annual_report.scenario import seed_year
from tests.browser.conftest import login
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROBLEMS = (
    "（一）存在的主要问题\n"
    "一是政策解读形式单一，全年12篇解读中仅2篇为图解。\n"
    "二是网站栏目更新不及时，3个子栏目超过半年未更新。\n"
    "（二）改进情况\n"
    "一是2025年6月底前制定政策解读工作规程，由办公室牵头。\n"
    "二是每季度核查一次栏目更新情况，结果纳入科室考核。"
)


def test_the_office_writes_and_finalises_the_leader_publishes_and_the_public_reads_it(world, live_server, browser, shot_dir, freeze_today):
    seed_year(world, freeze_today)
    freeze_today(dt.date(2025, 1, 20))
    base = live_server.url
    a = world.agency_a

    office = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
    login(office, base, "head_a", PASSWORD)
    office.get_by_role("button", name="政府信息公开年报").click()
    office.get_by_role("link", name="年度报告").click()
    office.get_by_role("row", name=re.compile("2024年度")).get_by_role("link", name="编辑").click()
    expect(office.get_by_role("heading", name=re.compile("2024年政府信息公开工作年度报告"))).to_be_visible()
    # a number tells where it came from
    office.locator("#cell-table2-penalty button").click()
    expect(office.locator("#p-cell-table2-penalty")).to_contain_text("根据政务服务网办件系统和执法台账统计")
    office.screenshot(path=str(shot_dir / "annual-report-editor.png"))
    office.keyboard.press("Escape")

    office.locator("#id_problems_text").fill(PROBLEMS)
    office.get_by_role("button", name="保存五、存在的主要问题及改进情况").click()
    expect(office.get_by_text("已保存五、存在的主要问题及改进情况")).to_be_visible()
    expect(office.locator("#text-problems")).to_contain_text("由李主任编写")
    office.get_by_role("button", name="定稿，提交领导审批").click()
    expect(office.get_by_text("已定稿（第1稿）")).to_be_visible()
    expect(office.get_by_role("button", name="批准发布")).to_have_count(0)  # the office does not approve its own work

    leader = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
    login(leader, base, "principal_a", PASSWORD)
    leader.goto(f"{base}/admin/annual-report/")
    leader.get_by_role("link", name=re.compile("2024年度报告 第1稿")).click()
    expect(leader.locator("article.annual-report")).to_contain_text("二是网站栏目更新不及时")
    leader.get_by_label("发布日期").fill("2025-01-20")
    leader.get_by_role("button", name="批准发布").click()
    expect(leader.get_by_text("已批准发布，发布日期2025年01月20日")).to_be_visible()
    assert ReportDecision.objects.get().decided_by == world.principal_a

    public = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    public.goto(f"{base}/gongkai/{a.slug}/nianbao/")
    public.get_by_role("link", name=f"{a.name}2024年政府信息公开工作年度报告").click()
    expect(public.locator("article.annual-report")).to_contain_text("一是政策解读形式单一，全年12篇解读中仅2篇为图解。")
    expect(public.get_by_text("发布日期：2025年1月20日")).to_be_visible()
    expect(public.locator("article.annual-report footer")).to_contain_text("2025年1月20日")
    assert public.locator("article table th[scope]").count() > 50
    public.screenshot(path=str(shot_dir / "annual-report-public.png"), full_page=True)
    public.get_by_role("link", name="图解版").click()
    expect(public.locator("figure#chart-flow svg title")).to_have_text("申请办理总体情况")
    public.screenshot(path=str(shot_dir / "annual-report-illustrated.png"), full_page=True)
