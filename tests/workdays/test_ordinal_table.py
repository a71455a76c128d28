"""The calendar's ordinal table (what the annual report counts deadlines with in SQL) always
agrees with the calendar, and follows every edit of it."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.workdays import operations, services
from gongkai.workdays.models import OrdinalState, WorkdayOrdinal


@pytest.mark.django_db
def test_every_day_of_the_loaded_years_has_the_calendars_ordinals():
    cal = services.ensure_ordinals()
    rows = dict(
        (d, (o, b))
        for d, o, b in WorkdayOrdinal.objects.filter(day__gte=dt.date(2018, 12, 31), day__lte=dt.date(2027, 12, 31))
        .values_list("day", "ord", "ord_before")
    )
    day = dt.date(2019, 1, 1)
    while day <= dt.date(2027, 12, 31):
        assert rows[day] == (cal.workday_ordinal(day), cal.workday_ordinal(day - dt.timedelta(days=1))), day
        day += dt.timedelta(days=1)


@pytest.mark.django_db
def test_the_table_is_rebuilt_in_the_transaction_that_edits_the_calendar(world):
    before = WorkdayOrdinal.objects.get(day=dt.date(2027, 10, 8)).ord
    operations.load_year_from_notice(
        world.head_a,
        year=2027,
        source="测试通知",
        text="一、国庆节：10月1日至7日放假调休，共7天。9月26日（周日）、10月9日（周六）上班。",
    )
    assert OrdinalState.objects.get().version == services.current_calendar().version
    # Without the notice 2027-10-01..07 held five working days (Fri 1, Mon 4 .. Thu 7);
    # with it they hold none, and Sun 2027-09-26 becomes one: 4 fewer by 10-08.
    assert WorkdayOrdinal.objects.get(day=dt.date(2027, 10, 8)).ord == before - 4
    operations.set_day(world.head_a, day=dt.date(2027, 10, 8), kind="holiday", name="测试")
    row = WorkdayOrdinal.objects.get(day=dt.date(2027, 10, 8))
    assert row.ord == row.ord_before  # a day off adds nothing


@pytest.mark.django_db
def test_a_stale_table_is_rebuilt_before_it_is_used():
    WorkdayOrdinal.objects.filter(day=dt.date(2026, 10, 30)).update(ord=0)
    OrdinalState.objects.update(version="stale")
    cal = services.ensure_ordinals()
    assert WorkdayOrdinal.objects.get(day=dt.date(2026, 10, 30)).ord == cal.workday_ordinal(dt.date(2026, 10, 30))
