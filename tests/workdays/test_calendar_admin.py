"""The working-day calendar in the back office: a 公开办管理员 enters next year's State
Council notice and every deadline that runs into that year follows at once; others cannot
edit; a notice that cannot be read is refused naming its line; every edit is audited with
the calendar before and after.

The 2027 notice below is invented (a plausible one, with the lunar new year on 2027-02-06):
the tests check that deadlines follow whatever was entered, not the real 2027 calendar.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from gongkai.core.models import AuditEvent
from gongkai.foi import operations as ops
from gongkai.foi import services
from gongkai.foi.models import Application
from gongkai.workdays.models import CalendarYear, DayOverride
from tests.web_helpers import (
    body,
    client_for,
    fast_passwords,  # noqa: F401 (fixture)
    fresh_caches,  # noqa: F401 (fixture)
    register_app,
    text_of,
)

pytestmark = pytest.mark.usefixtures("fast_passwords", "fresh_caches")

D = dt.date
TODAY = D(2026, 12, 28)  # a Monday; 20 and 40 working days from here reach into 2027

NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕99号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2027年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至13日（农历正月初八、周六）放假调休，共9天。1月31日（周日）、2月20日（周六）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
五、端午节：6月9日（周三）放假，共1天。
六、中秋节：9月15日（周三）放假，共1天。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。
国务院办公厅
2026年11月20日
"""


def _span(a: dt.date, b: dt.date) -> set[dt.date]:
    return {a + dt.timedelta(days=i) for i in range((b - a).days + 1)}


# What the notice above says, written out by hand (not parsed by the code under test).
HOLIDAYS_2027 = (
    _span(D(2027, 1, 1), D(2027, 1, 3)) | _span(D(2027, 2, 5), D(2027, 2, 13)) | _span(D(2027, 4, 3), D(2027, 4, 5))
    | _span(D(2027, 5, 1), D(2027, 5, 5)) | {D(2027, 6, 9), D(2027, 9, 15)} | _span(D(2027, 10, 1), D(2027, 10, 7))
)
MAKEUP_2027 = {D(2027, 1, 31), D(2027, 2, 20), D(2027, 4, 25), D(2027, 5, 8), D(2027, 9, 26), D(2027, 10, 9)}


def nth_working_day_after(day0: dt.date, n: int, holidays: set[dt.date] = frozenset(), makeup: set[dt.date] = frozenset()) -> dt.date:
    """An independent count: Mon–Fri, minus holidays, plus 调休 working weekends."""
    day, counted = day0, 0
    while counted < n:
        day += dt.timedelta(days=1)
        if day in makeup or (day.weekday() < 5 and day not in holidays):
            counted += 1
    return day


@pytest.fixture(autouse=True)
def _today(freeze_today):
    freeze_today(TODAY)


@pytest.fixture
def apps(world):
    plain = register_app(world.clerk_a, world.agency_a, received=TODAY)[0]
    extended = register_app(world.clerk_a, world.agency_a, received=TODAY)[0]
    ops.approve_extension(world.head_a, extended, on=TODAY, reason="需要调取档案")
    return {"plain": plain, "extended": extended}


def deadline_of(app: Application) -> Any:
    return services.status_of(Application.objects.get(pk=app.pk), explain=True).deadline


def load(client: Any, text: str = NOTICE_2027, year: int = 2027) -> Any:
    return client.post(reverse("workdays_index"), {"year": year, "source": "国务院办公厅关于2027年部分节假日安排的通知", "text": text})


def test_the_notice_written_out_here_is_the_one_in_the_text():
    # guard for the two hand-written sets above: every 调休 day is a weekend, no day is both
    assert all(d.weekday() >= 5 for d in MAKEUP_2027)
    assert not HOLIDAYS_2027 & MAKEUP_2027
    assert D(2027, 2, 6) in HOLIDAYS_2027  # the lunar new year


def test_loading_next_years_notice_makes_deadlines_final_and_moves_them_by_its_holidays(world, apps):
    assert not CalendarYear.objects.filter(year=2027).exists()
    before = {k: deadline_of(a) for k, a in apps.items()}
    for k, n in (("plain", 20), ("extended", 40)):
        assert before[k].provisional and 2027 in before[k].unloaded_years
        assert before[k].deadline == nth_working_day_after(TODAY, n)  # 2027 counted Mon–Fri
    detail = client_for(world.clerk_a).get(reverse("foi_detail", args=[apps["plain"].pk]))
    assert "暂定" in text_of(detail)
    workbench = body(client_for(world.clerk_a).get(reverse("foi_workbench")))
    assert "2027年的节假日安排尚未录入" in workbench

    r = load(client_for(world.head_a))
    assert r.status_code == 302 and r["Location"] == reverse("workdays_year", args=[2027])

    after = {k: deadline_of(a) for k, a in apps.items()}
    for k, n in (("plain", 20), ("extended", 40)):
        assert not after[k].provisional and after[k].unloaded_years == ()
        assert after[k].deadline == nth_working_day_after(TODAY, n, HOLIDAYS_2027, MAKEUP_2027)
        assert after[k].deadline > before[k].deadline
    # 元旦 (Friday 1 January) costs the 20-day count one day; the 40-day one also loses the
    # Spring Festival weekdays and gains back the two 调休 Sundays/Saturdays before it ends
    assert after["plain"].deadline == nth_working_day_after(before["plain"].deadline, 1)
    detail = client_for(world.clerk_a).get(reverse("foi_detail", args=[apps["plain"].pk]))
    assert after["plain"].deadline.isoformat() in body(detail)
    assert "暂定" not in text_of(detail)
    assert "2027年的节假日安排尚未录入" not in body(client_for(world.clerk_a).get(reverse("foi_workbench")))
    # the explanation names the holiday that was skipped
    assert any("元旦" in line for line in after["plain"].explanation)


def test_the_year_page_shows_what_was_entered(world):
    c = client_for(world.head_a)
    page = body(c.get(load(c)["Location"]))
    stored = dict(DayOverride.objects.filter(calendar_year__year=2027).values_list("date", "kind"))
    assert {d for d, k in stored.items() if k == "holiday"} == HOLIDAYS_2027
    assert {d for d, k in stored.items() if k == "workday"} == MAKEUP_2027
    assert page.count('<td class="gk-day--off"') == len(HOLIDAYS_2027)
    assert page.count('<td class="gk-day--work"') == len(MAKEUP_2027)
    assert 'title="春节放假"' in page and 'title="春节调休上班"' in page


@pytest.mark.parametrize("who", ["clerk_a", "leader_a", "supervisor", "clerk_b"])
def test_people_other_than_an_office_admin_cannot_edit_the_calendar(world, apps, who):
    c = client_for(getattr(world, who))
    index = c.get(reverse("workdays_index"))
    assert index.status_code == 200
    assert "工作日历由公开办管理员维护" in text_of(index) and "识别并录入" not in text_of(index)
    audit_before = AuditEvent.objects.count()
    days_before = list(DayOverride.objects.order_by("date").values_list("date", "kind", "name"))
    r = load(c)
    assert r.status_code == 302
    assert "只有公开办管理员可以维护工作日历" in text_of(c.get(r["Location"]))
    r = c.post(reverse("workdays_year", args=[2026]), {"day": "2026-12-31", "kind": "holiday", "name": "自定假日"})
    assert r.status_code == 302
    assert "只有公开办管理员可以维护工作日历" in text_of(c.get(r["Location"]))
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert list(DayOverride.objects.order_by("date").values_list("date", "kind", "name")) == days_before
    assert AuditEvent.objects.count() == audit_before
    assert deadline_of(apps["plain"]).provisional


BROKEN = {
    # case: (the broken line, words of the message besides the line itself)
    "no colon": ("三、清明节 4月3日至5日放假，共3天。", ["冒号"]),
    "no such date": ("三、清明节：2月30日放假，共1天。", ["不存在"]),
    "count does not match": ("三、清明节：4月3日（周六）至5日（周一）放假，共4天。", ["共4天", "3天"]),
    "makeup day on a weekday": ("三、清明节：4月3日至5日放假，共3天。4月7日（周三）上班。", ["不是周末"]),
    "no dates": ("三、清明节：另行通知。", ["无法识别"]),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_notice_that_cannot_be_read_is_refused_naming_the_line(world, case):
    line, words = BROKEN[case]
    text = re.sub(r"^三、清明节.*$", line, NOTICE_2027, flags=re.M)
    audit_before = AuditEvent.objects.count()
    r = load(client_for(world.head_a), text)
    assert r.status_code in (200, 400)
    errors = " ".join(r.context["form"].errors.get("text", []))
    assert line in errors, errors
    for w in words:
        assert w in errors, (case, w)
    page = text_of(r)
    for message in r.context["form"].errors["text"]:
        assert message in page  # shown, under the text field
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert AuditEvent.objects.count() == audit_before


def test_a_notice_for_another_year_is_refused(world):
    r = load(client_for(world.head_a), NOTICE_2027, year=2028)
    assert "2027" in " ".join(r.context["form"].errors["text"])
    assert not CalendarYear.objects.filter(year__in=[2027, 2028]).exists()


def test_every_edit_is_in_the_audit_log_with_before_and_after(world, apps):
    c = client_for(world.head_a)
    load(c)
    row = AuditEvent.objects.filter(action="workdays.year_loaded").get()
    assert row.actor == world.head_a
    assert row.data["before"] == {}
    assert set(row.data["after"]) == {d.isoformat() for d in HOLIDAYS_2027 | MAKEUP_2027}
    assert row.data["after"]["2027-02-20"].startswith("workday")

    # entering a corrected notice again records the previous calendar as "before"
    corrected = NOTICE_2027.replace("五、端午节：6月9日（周三）放假，共1天。", "五、端午节：6月9日（周三）至11日（周五）放假，共3天。")
    load(c, corrected)
    second = AuditEvent.objects.filter(action="workdays.year_loaded").order_by("-id").first()
    assert second.pk != row.pk
    assert second.data["before"] == row.data["after"]
    assert set(second.data["after"]) - set(second.data["before"]) == {"2027-06-10", "2027-06-11"}

    # one day back to the weekday rule: the 调休 Saturday before Spring Festival
    before_deadline = deadline_of(apps["extended"]).deadline
    r = c.post(reverse("workdays_year", args=[2027]), {"day": "2027-02-20", "kind": "", "name": ""})
    assert r.status_code == 302
    day = AuditEvent.objects.filter(action="workdays.day_set").get()
    assert day.actor == world.head_a
    assert day.data["date"] == "2027-02-20"
    assert day.data["before"] == ["workday", "春节"]
    assert day.data["after"] is None
    assert not DayOverride.objects.filter(date=D(2027, 2, 20)).exists()
    # and the deadline that counted that Saturday follows
    makeup = MAKEUP_2027 - {D(2027, 2, 20)}
    holidays = HOLIDAYS_2027 | {D(2027, 6, 10), D(2027, 6, 11)}
    assert deadline_of(apps["extended"]).deadline == nth_working_day_after(TODAY, 40, holidays, makeup)
    assert deadline_of(apps["extended"]).deadline > before_deadline


def test_a_day_edit_with_bad_input_is_refused_with_a_field_error(world):
    c = client_for(world.head_a)
    load(c)
    before = AuditEvent.objects.count()
    for data, words in (
        ({"day": "2027-02-30", "kind": "holiday", "name": "x"}, "日期格式不正确"),
        ({"day": "2027-03-03", "kind": "workday", "name": "x"}, "本来就是工作日"),
        ({"day": "2027-03-06", "kind": "holiday", "name": ""}, "请填写节日名称"),
    ):
        r = c.post(reverse("workdays_year", args=[2027]), data)
        assert r.status_code in (200, 400)
        assert words in text_of(r)
    assert AuditEvent.objects.count() == before
