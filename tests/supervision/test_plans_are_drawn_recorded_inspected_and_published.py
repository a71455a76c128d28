"""A plan is drawn once, with its seed and inputs recorded so the draw can be re-run; the
inspectors recorded as conflicted are never sent; results are recorded and published."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.core.append_only import AppendOnlyError
from gongkai.core.errors import NotAllowed, OperationError
from gongkai.core.models import AuditEvent
from gongkai.supervision import operations as ops
from gongkai.supervision import services
from gongkai.supervision.models import Inspection, PlanDraw
from gongkai.supervision.rules import draw

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]
D = dt.date
TODAY = D(2026, 4, 20)


@pytest.fixture
def venues(world, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: TODAY)
    a = world.agency_a
    entities = {}
    for n in range(12):
        grade = "ABC"[n % 3]
        entities[n] = ops.add_entity(world.head_a, a, ops.EntityData(f"张掖市第{n + 1}号宗教活动场所", grade))
    inspectors = [ops.add_inspector(world.head_a, a, name=f"检查员{n}", cert_no=f"GS6207{n:04d}") for n in range(5)]
    # 检查员0 is a relative of the venue keepers of every C venue.
    for e in entities.values():
        if e.grade == "C":
            ops.record_conflict(world.head_a, inspectors[0], e, reason="近亲属在该场所任职")
    plan = ops.create_plan(world.head_a, a, ops.PlanData("2026年第二季度宗教活动场所双随机抽查", D(2026, 4, 20), D(2026, 6, 30)))
    return {"entities": entities, "inspectors": inspectors, "plan": plan}


def test_the_draw_is_recorded_and_replays_to_the_same_result(world, venues):
    recorded = ops.draw_plan(world.head_a, venues["plan"])
    assert ops.replay(recorded) is True
    # by hand: 4 venues per grade; A 10% → 1, B 30% → 2, C 100% → 4
    assert recorded.result["quotas"] == {"A": 1, "B": 2, "C": 4}
    inspections = list(Inspection.objects.filter(plan=venues["plan"]))
    assert len(inspections) == 7
    assert {i.entity_id: tuple(p["id"] for p in i.inspectors) for i in inspections} == draw(ops.draw_input(recorded.inputs), recorded.seed).as_dict()
    assert AuditEvent.objects.filter(action="supervision.plan_drawn", object_id=str(venues["plan"].pk)).exists()


def test_a_conflicted_inspector_is_never_sent_to_that_venue(world, venues):
    ops.draw_plan(world.head_a, venues["plan"], seed=12345)
    conflicted = venues["inspectors"][0].pk
    for i in Inspection.objects.filter(plan=venues["plan"], entity__grade="C"):
        assert conflicted not in [p["id"] for p in i.inspectors]
        assert len(i.inspectors) == 2


def test_a_plan_is_drawn_only_once_and_its_record_cannot_change(world, venues):
    recorded = ops.draw_plan(world.head_a, venues["plan"], seed=7)
    with pytest.raises(OperationError, match="不能重抽"):
        ops.draw_plan(world.head_a, venues["plan"], seed=8)
    with pytest.raises(AppendOnlyError):
        recorded.save()
    assert PlanDraw.objects.get().seed == 7


def test_the_same_seed_on_the_same_inputs_gives_the_same_draw_in_another_plan(world, venues):
    first = ops.draw_plan(world.head_a, venues["plan"], seed=99)
    other = ops.create_plan(world.head_a, world.agency_a, ops.PlanData("复核计划", D(2026, 4, 20), D(2026, 5, 30)))
    second = ops.draw_plan(world.head_a, other, seed=99)
    assert first.result == second.result


def test_too_few_inspectors_after_recusal_stops_the_draw_with_a_chinese_message(world, venues):
    for inspector in venues["inspectors"][2:]:
        ops.set_inspector_active(world.head_a, inspector, active=False)
    with pytest.raises(OperationError, match="回避后可派的检查人员只有1名"):
        ops.draw_plan(world.head_a, venues["plan"])
    assert not PlanDraw.objects.exists() and not Inspection.objects.exists()


def test_results_are_recorded_then_published_and_late_publication_is_flagged(world, venues):
    ops.draw_plan(world.head_a, venues["plan"], seed=1)
    inspection = Inspection.objects.filter(plan=venues["plan"]).first()
    with pytest.raises(OperationError, match="请先登记检查结果"):
        ops.publish_result(world.head_a, inspection, on=TODAY)
    with pytest.raises(OperationError) as e:
        ops.record_result(world.clerk_a, inspection, on=TODAY, result="rectify", findings="")
    assert e.value.field == "findings"
    ops.record_result(world.clerk_a, inspection, on=D(2026, 4, 20), result="rectify", findings="消防通道堆放杂物，已责令当场清理")
    inspection.refresh_from_db()
    # 20 working days from 04-20: 04-21…24 (1–4), 27…30 (5–8), 05-06…08 (9–11), Sat 09 (12),
    # 11…15 (13–17), 18…20 (18–20).
    assert services.publish_due(inspection) == D(2026, 5, 20)
    assert services.publication_overdue(inspection, on=D(2026, 5, 21)) is True
    with pytest.raises(NotAllowed):
        ops.publish_result(world.clerk_a, inspection, on=TODAY)
    ops.publish_result(world.head_a, inspection, on=TODAY)
    inspection.refresh_from_db()
    assert inspection.published_on == TODAY and not services.publication_overdue(inspection, on=D(2026, 6, 1))
    assert list(inspection.events.values_list("kind", flat=True)) == ["drawn", "result", "published"]


def test_regrading_needs_a_reason_and_staff_of_other_agencies_cannot_touch_anything(world, venues):
    entity = venues["entities"][0]
    with pytest.raises(OperationError) as e:
        ops.set_grade(world.head_a, entity, grade="A", reason="")
    assert e.value.field in ("reason", "grade")
    ops.set_grade(world.head_a, entity, grade="B", reason="年度检查发现两项问题")
    for who in (world.clerk_b, world.supervisor, world.outsider):
        with pytest.raises(NotAllowed):
            ops.draw_plan(who, venues["plan"])
        with pytest.raises(NotAllowed):
            ops.set_grade(who, entity, grade="C", reason="任意调整等级")
    with pytest.raises(NotAllowed):
        ops.draw_plan(world.clerk_a, venues["plan"])  # clerks record results, they do not draw


def test_a_draw_cannot_be_dated_in_the_future(world, venues):
    with pytest.raises(OperationError, match="不能晚于今天"):
        ops.draw_plan(world.head_a, venues["plan"], on=TODAY + dt.timedelta(days=1))
    recorded = ops.draw_plan(world.head_a, venues["plan"], on=TODAY - dt.timedelta(days=3))
    assert recorded.drawn_on == TODAY - dt.timedelta(days=3)
    assert set(Inspection.objects.get(plan=venues["plan"], entity=venues["entities"][2]).events.values_list("on", flat=True)) == {recorded.drawn_on}
