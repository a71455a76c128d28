"""表二 行政许可 “本年处理决定数量” equals the count of 行政许可 decisions in the year
(issue 6, acceptance 4). The provider counts in the database from the projection; this test
counts again from the event log itself, in Python, with its own reading of the rule."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from gongkai.service_catalog import operations as ops
from gongkai.service_catalog.figures import licensing_decision_numbers, licensing_decisions
from gongkai.service_catalog.models import Case, CaseEvent
from tests.service_catalog.helpers import licence_case, new_case

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]
D = dt.date


def independent_count(agency_ids: list[int], year: int, counted: set[str]) -> int:
    """From the events: a case counts when its registration says 行政许可, its decision event
    is one of ``counted`` and the event that concluded it is dated in ``year``."""
    n = 0
    for case in Case.objects.filter(agency_id__in=agency_ids):
        events = list(CaseEvent.objects.filter(case=case).order_by("seq"))
        registered = next(e for e in events if e.kind == "registered")
        if registered.data["item_type"] != "XK":
            continue
        decision = next((e.kind for e in events if e.kind in ("approved", "denied", "not_accepted")), None)
        closing = next((e.on for e in events if e.kind in ("concluded", "not_accepted")), None)
        if decision in counted and closing is not None and closing.year == year:
            n += 1
    return n


@pytest.fixture
def year_of_cases(world, make_item, case_today):
    """Random cases of A and B over 2025–2026: licences and other types, every decision,
    some still open, some concluded in the next year."""
    case_today(D(2026, 12, 31))
    rng = random.Random(6)
    items_a = [make_item(type_code="XK"), make_item(type_code="XK", name="大型宗教活动审批"), make_item(type_code="QR", name="宗教教职人员备案"), make_item(type_code="GG", name="政策咨询")]
    items_b = [make_item(type_code="XK", agency=world.agency_b, name="统计调查项目审批")]
    for agency_items, actor in ((items_a, world.clerk_a), (items_b, world.clerk_b)):
        for _ in range(40):
            item = rng.choice(agency_items)
            on = D(2025, 1, 2) + dt.timedelta(days=rng.randrange(0, 680))
            decision = rng.choice(["approved", "approved", "denied", "not_accepted", "open"])
            if decision == "open":
                case = new_case(actor, item, on=on)
                if rng.random() < 0.5:
                    ops.accept(actor, case, on=on)
                continue
            later = on + dt.timedelta(days=rng.choice([0, 3, 20, 40]))
            conclude = rng.random() < 0.85
            licence_case(actor, item, on=on, decision=decision, decided=on + dt.timedelta(days=1) if decision != "not_accepted" else on,
                         concluded=max(later, on + dt.timedelta(days=1)), conclude=conclude)
    # at least one of each decision in 2025
    licence_case(world.clerk_a, items_a[0], on=D(2025, 6, 3), decision="denied", decided=D(2025, 6, 4), concluded=D(2025, 6, 5))
    licence_case(world.clerk_a, items_a[1], on=D(2025, 6, 3), decision="not_accepted")
    # a case decided in December 2025 and concluded in January 2026
    licence_case(world.clerk_a, items_a[0], on=D(2025, 12, 29), decision="approved", decided=D(2025, 12, 30), concluded=D(2026, 1, 5))
    return world


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_provider_equals_an_independent_count_for_each_year(year_of_cases, year):
    w = year_of_cases
    for ids in ([w.agency_a.pk], [w.agency_b.pk], [w.agency_a.pk, w.agency_b.pk]):
        n, text = licensing_decisions(ids, year)
        assert n == independent_count(ids, year, {"approved", "denied"})
        assert n == len(licensing_decision_numbers(ids, year))
        assert text.startswith(f"由{n}件行政许可办件计算")
        assert n > 0


def test_counted_decisions_are_a_setting(year_of_cases, settings):
    ids = [year_of_cases.agency_a.pk]
    default, _ = licensing_decisions(ids, 2025)
    settings.GONGKAI_RULES = {**settings.GONGKAI_RULES, "licensing_decisions_counted": ["approved"]}
    approved_only, text = licensing_decisions(ids, 2025)
    assert approved_only == independent_count(ids, 2025, {"approved"}) and "不予许可" not in text
    settings.GONGKAI_RULES = {**settings.GONGKAI_RULES, "licensing_decisions_counted": ["approved", "denied", "not_accepted"]}
    with_refusals, text = licensing_decisions(ids, 2025)
    assert with_refusals == independent_count(ids, 2025, {"approved", "denied", "not_accepted"}) and "不予受理" in text
    assert approved_only < default < with_refusals


def test_a_case_counts_in_the_year_it_was_concluded(world, make_item, case_today):
    case_today(D(2026, 2, 1))
    item = make_item()
    licence_case(world.clerk_a, item, on=D(2025, 12, 29), decision="approved", decided=D(2025, 12, 30), concluded=D(2026, 1, 5))
    assert licensing_decisions([world.agency_a.pk], 2025)[0] == 0
    assert licensing_decisions([world.agency_a.pk], 2026) == (1, "由1件行政许可办件计算（准予许可1件、不予许可0件；按2026年内的办结日期计入）")


def test_other_types_and_other_agencies_do_not_count(world, make_item, case_today):
    case_today(D(2026, 6, 1))
    licence_case(world.clerk_a, make_item(type_code="QR"), on=D(2026, 5, 6), decision="approved")
    licence_case(world.clerk_b, make_item(agency=world.agency_b), on=D(2026, 5, 6), decision="approved")
    assert licensing_decisions([world.agency_a.pk], 2026)[0] == 0
    assert licensing_decisions([world.agency_b.pk], 2026)[0] == 1
    assert licensing_decisions([], 2026)[0] == 0
