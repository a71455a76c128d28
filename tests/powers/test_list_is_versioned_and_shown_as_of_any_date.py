"""The 权责清单 is versioned: adjustments are dated and explained, history is kept, and the
list as of any date is the latest revision in force that day."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.append_only import AppendOnlyError
from gongkai.core.errors import NotAllowed, OperationError
from gongkai.powers import operations as ops
from gongkai.powers import services
from gongkai.powers.models import PowerItem, PowerRevision
from gongkai.powers.rules import (
    DEFAULT_CATEGORIES,
    Revision,
    RevisionError,
    RevisionKind,
    check_revision,
    count_by_category,
    current,
)

D = dt.date


# -- pure rules ---------------------------------------------------------------------------------


def test_the_default_categories_are_the_ten_common_ones_of_the_spec():
    assert len(DEFAULT_CATEGORIES) == 10
    assert {"行政许可", "行政处罚", "行政强制", "行政征收", "行政给付", "行政检查", "行政确认", "行政奖励", "行政裁决", "其他行政权力"} == set(DEFAULT_CATEGORIES)


HISTORY = [
    Revision(1, RevisionKind.ADDED, D(2024, 1, 1), "宗教活动场所登记", "行政许可"),
    Revision(2, RevisionKind.CHANGED, D(2024, 7, 1), "宗教活动场所设立登记", "行政确认"),
    Revision(3, RevisionKind.REMOVED, D(2025, 3, 1)),
    Revision(4, RevisionKind.ADDED, D(2026, 1, 1), "宗教活动场所登记（恢复）", "行政确认"),
]


@pytest.mark.parametrize(
    ("on", "expected_seq"),
    [(D(2023, 12, 31), None), (D(2024, 1, 1), 1), (D(2024, 6, 30), 1), (D(2024, 7, 1), 2), (D(2025, 2, 28), 2),
     (D(2025, 3, 1), None), (D(2025, 12, 31), None), (D(2026, 1, 1), 4)],
)
def test_the_revision_in_force_on_a_date(on, expected_seq):
    r = current(HISTORY, on)
    assert (r.seq if r else None) == expected_seq


@pytest.mark.parametrize(
    ("new", "reason", "field"),
    [
        (Revision(5, RevisionKind.CHANGED, D(2025, 12, 1), "x名称", "行政确认"), "依据新条例调整", "effective_on"),
        (Revision(5, RevisionKind.ADDED, D(2026, 2, 1), "再加一次", "行政确认"), "依据新条例调整", "kind"),
        (Revision(5, RevisionKind.CHANGED, D(2026, 2, 1), "新名称", "行政乱罚"), "依据新条例调整", "category"),
        (Revision(5, RevisionKind.CHANGED, D(2026, 2, 1), "新名称", "行政确认"), "", "reason"),
    ],
)
def test_adjustments_that_would_blur_the_history_are_refused(new, reason, field):
    with pytest.raises(RevisionError) as e:
        check_revision(HISTORY, new, DEFAULT_CATEGORIES, reason)
    assert e.value.field == field


def test_an_item_not_in_the_list_cannot_be_changed_or_removed():
    with pytest.raises(RevisionError, match="不在清单中"):
        check_revision(HISTORY[:3], Revision(4, RevisionKind.REMOVED, D(2025, 6, 1)), DEFAULT_CATEGORIES, "再次取消")


kinds = st.sampled_from(list(RevisionKind))


@given(steps=st.lists(st.tuples(kinds, st.integers(0, 400)), max_size=12), probe=st.integers(-10, 5000))
def test_the_list_as_of_a_date_is_the_last_accepted_revision_on_or_before_it(steps, probe):
    history: list[Revision] = []
    day = D(2020, 1, 1)
    for kind, gap in steps:
        day += dt.timedelta(days=gap)
        new = Revision(len(history) + 1, kind, day, "名称", "行政检查")
        try:
            check_revision(history, new, DEFAULT_CATEGORIES, "调整理由说明")
        except RevisionError:
            continue
        history.append(new)
    on = D(2020, 1, 1) + dt.timedelta(days=probe)
    in_force = [r for r in history if r.effective_on <= on]
    expected = in_force[-1] if in_force and in_force[-1].kind is not RevisionKind.REMOVED else None
    assert current(history, on) == expected
    # accepted histories alternate: never two ADDED in force at once, never REMOVED of nothing
    active = False
    for r in history:
        assert (r.kind is RevisionKind.ADDED) != active
        active = r.kind is not RevisionKind.REMOVED


def test_counts_by_category_keep_the_configured_order():
    items = [Revision(1, RevisionKind.ADDED, D(2024, 1, 1), "a", c) for c in ("行政检查", "行政许可", "行政许可", "旧类型")]
    assert count_by_category(items, DEFAULT_CATEGORIES) == [("行政许可", 2), ("行政检查", 1), ("旧类型", 1)]


# -- operations ------------------------------------------------------------------------------------



def data(name: str = "宗教活动场所筹备设立审批", category: str = "行政许可") -> ops.PowerData:
    return ops.PowerData(name, category, legal_basis="《宗教事务条例》第二十一条", department="宗教工作科",
                         duties="受理责任：公示应当提交的材料，一次性告知补正材料\n审查责任：对申请材料进行审查\n决定责任：作出决定",
                         accountability="对符合条件的不予受理、不予审批的；对不符合条件的违法审批的")


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_passwords")
def test_adjusting_and_removing_keep_the_history_and_the_list_as_of_each_date(world):
    item = ops.add_item(world.head_a, world.agency_a, code="MZ-XK-001", data=data(), effective_on=D(2024, 1, 1), reason="2024年权责清单梳理")
    other = ops.add_item(world.head_a, world.agency_a, code="MZ-JC-001", data=data("宗教活动场所监督检查", "行政检查"),
                         effective_on=D(2024, 1, 1), reason="2024年权责清单梳理")
    ops.adjust_item(world.head_a, item, data=data("宗教活动场所设立审批"), effective_on=D(2025, 1, 1), reason="依据2024年修订的条例调整名称",
                    document="张民宗发〔2024〕12号")
    ops.remove_item(world.head_a, other, effective_on=D(2025, 6, 1), reason="并入市场监管部门综合检查，无单独法律依据")
    items = PowerItem.objects.filter(agency=world.agency_a)
    names = lambda on: [r.name for r in services.list_as_of(items, on)]  # noqa: E731
    assert names(D(2023, 12, 31)) == []
    assert names(D(2024, 6, 1)) == ["宗教活动场所筹备设立审批", "宗教活动场所监督检查"]
    assert names(D(2025, 3, 1)) == ["宗教活动场所设立审批", "宗教活动场所监督检查"]
    assert names(D(2025, 6, 1)) == ["宗教活动场所设立审批"]
    hist = services.history(item)
    assert [(r.kind, r.effective_on, r.document) for r in hist] == [("added", D(2024, 1, 1), ""), ("changed", D(2025, 1, 1), "张民宗发〔2024〕12号")]
    assert hist[0].duties[0] == {"stage": "受理责任", "duty": "公示应当提交的材料，一次性告知补正材料"}
    with pytest.raises(AppendOnlyError):
        hist[0].save()


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_passwords")
def test_bad_input_and_other_agencies_are_refused_with_the_field_named(world):
    with pytest.raises(OperationError) as e:
        ops.add_item(world.head_a, world.agency_a, code="错 码", data=data(), effective_on=D(2024, 1, 1), reason="梳理清单")
    assert e.value.field == "code"
    with pytest.raises(OperationError) as e:
        ops.add_item(world.head_a, world.agency_a, code="MZ-1", data=ops.PowerData("名称", "行政许可"), effective_on=D(2024, 1, 1), reason="梳理清单")
    assert e.value.field == "legal_basis"
    with pytest.raises(OperationError) as e:
        ops.add_item(world.head_a, world.agency_a, code="MZ-1", data=data(), effective_on="2024-02-30", reason="梳理清单")
    assert e.value.field == "effective_on"
    item = ops.add_item(world.head_a, world.agency_a, code="MZ-1", data=data(), effective_on=D(2024, 1, 1), reason="梳理清单")
    for who in (world.clerk_b, world.supervisor, world.clerk_a, world.outsider):
        with pytest.raises(NotAllowed):
            ops.adjust_item(who, item, data=data("改名"), effective_on=D(2025, 1, 1), reason="任意调整")
    assert PowerRevision.objects.filter(item=item).count() == 1
