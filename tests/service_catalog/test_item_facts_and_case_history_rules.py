"""Pure rules: the facts of an item (table), and the case event log (hypothesis: whatever
steps staff try, an accepted history keeps its dates in order)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.service_catalog.rules.cases import (
    CaseEventKind,
    Decision,
    Event,
    RuleViolation,
    State,
    apply,
    check,
    derive,
)
from gongkai.service_catalog.rules.items import DEFAULT_ITEM_TYPES, ItemError, ItemFacts, check_item
from tests.workdays.bundled import bundled_calendar

D = dt.date
CAL = bundled_calendar()


def facts(**kw) -> ItemFacts:  # type: ignore[no-untyped-def]
    base = {"code": "62070000MZ-XK-0001", "name": "大型宗教活动审批", "type_code": "XK", "legal_basis": "《宗教事务条例》第四十二条",
            "promised_workdays": 10, "legal_workdays": 20, "instant": False}
    return ItemFacts(**(base | kw))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"code": "62070000 MZ XK"}, "code"),
        ({"code": "62070000MZ-QR-0001"}, "code"),  # the code says 行政确认, the type says 行政许可
        ({"type_code": "ZZ"}, "type_code"),
        ({"name": "  "}, "name"),
        ({"legal_basis": "无"}, "legal_basis"),
        ({"promised_workdays": 30}, "promised_workdays"),  # longer than the statutory period
        ({"legal_workdays": 400}, "legal_workdays"),
        ({"instant": True}, "promised_workdays"),  # 即办件 with a 10-day promise
        ({"promised_workdays": 0}, "instant"),  # 0 days without the 即办件 flag
    ],
)
def test_item_facts_that_cannot_be_published_are_refused_naming_the_field(changes, field):
    with pytest.raises(ItemError) as e:
        check_item(facts(**changes), DEFAULT_ITEM_TYPES)
    assert e.value.field == field


@pytest.mark.parametrize(
    "changes",
    [{}, {"code": "mz-local-7"}, {"instant": True, "promised_workdays": 0}, {"type_code": "GG", "code": "62070000MZ-GG-0004", "legal_workdays": 0}],
)
def test_item_facts_that_are_fine(changes):
    check_item(facts(**changes), DEFAULT_ITEM_TYPES)


KINDS = [k for k in CaseEventKind if k is not CaseEventKind.REGISTERED]
TODAY = D(2026, 12, 31)


@given(
    steps=st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 15), st.sampled_from(["", "理由写得很清楚", "张民宗许〔2026〕1号"])), max_size=14),
    instant=st.booleans(),
    type_code=st.sampled_from(["XK", "QR", "GG"]),
)
def test_whatever_steps_are_tried_an_accepted_history_keeps_its_order(steps, instant, type_code):
    day = D(2026, 1, 5)
    s = apply(State(), Event(CaseEventKind.REGISTERED, day, {"item_type": type_code, "instant": instant, "promised_workdays": 0 if instant else 5, "legal_workdays": 20}))
    for kind, gap, text in steps:
        day += dt.timedelta(days=gap)
        e = Event(kind, day, {"reason": text, "result_no": text, "text": text})
        try:
            check(s, e, today=TODAY)
        except RuleViolation:
            continue
        before = s
        s = apply(s, e)
        assert before.is_open or kind is CaseEventKind.NOTE  # nothing but notes after 办结
    if s.accepted_on:
        assert s.submitted_on <= s.accepted_on
    if s.decided_on and s.decision is not Decision.NOT_ACCEPTED:
        assert s.accepted_on is not None and s.accepted_on <= s.decided_on
        assert all(e is not None and e <= s.decided_on for _, e in s.pauses)
    if s.concluded_on:
        assert s.decision is not None and s.decided_on <= s.concluded_on
        if s.decision is Decision.APPROVED and type_code == "XK":
            assert s.result_no
    st_ = derive(s, TODAY, CAL)
    assert (st_.phase.value == "concluded") == (s.concluded_on is not None)
    if s.concluded_on and st_.promised_due:
        assert st_.on_time == (s.concluded_on <= st_.promised_due)
