"""A 办件 goes 申请登记 → 受理 → 审批 → 办结 (or 不予受理 / 不予许可 with reasons) as named
operations on an append-only event log, each with an audit record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from gongkai.core.append_only import AppendOnlyError
from gongkai.core.errors import NotAllowed, OperationError
from gongkai.core.models import AuditEvent
from gongkai.service_catalog import operations as ops
from gongkai.service_catalog import services
from gongkai.service_catalog.models import Case, CaseEvent
from gongkai.service_catalog.rules.cases import CaseEventKind, Phase
from tests.service_catalog.helpers import new_case

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]
D = dt.date
TODAY = D(2026, 3, 16)


@pytest.fixture(autouse=True)
def _today(case_today):
    case_today(TODAY)


def kinds(case: Case) -> list[str]:
    return list(case.events.order_by("seq").values_list("kind", flat=True))


def test_a_clerk_accepts_approves_and_concludes_a_licence(world, make_item):
    item = make_item(promised=10, legal=20)
    case = new_case(world.clerk_a, item, on=D(2026, 3, 2))
    assert case.number.startswith("MZW2026") and services.status_of(case).phase is Phase.AWAITING_ACCEPTANCE
    ops.accept(world.clerk_a, case, on=D(2026, 3, 3))
    ops.approve(world.clerk_a, case, on=D(2026, 3, 10), opinion="材料齐全，符合条件")
    ops.conclude(world.clerk_a, case, on=D(2026, 3, 12), result_no="张民宗许〔2026〕1号")
    case.refresh_from_db()
    assert kinds(case) == ["registered", "accepted", "approved", "concluded"]
    assert (case.accepted_on, case.decided_on, case.concluded_on) == (D(2026, 3, 3), D(2026, 3, 10), D(2026, 3, 12))
    assert case.decision == "approved" and case.result_no == "张民宗许〔2026〕1号"
    st = services.status_of(case)
    assert st.phase is Phase.CONCLUDED and st.on_time is True and st.decided_in_time is True
    actions = list(AuditEvent.objects.filter(object_id=str(case.pk), object_type="service_catalog.case").values_list("action", flat=True))
    assert sorted(actions) == sorted(["service.registered", "service.accepted", "service.approved", "service.concluded"])
    assert ops.rebuild_projection(case) is False


def test_an_instant_item_is_accepted_approved_and_concluded_the_same_day(world, make_item):
    item = make_item(type_code="QR", instant=True, name="宗教教职人员备案")
    case = new_case(world.clerk_a, item, on=TODAY, name="释明心", kind="person")
    ops.handle_at_once(world.clerk_a, case, on=TODAY)
    case.refresh_from_db()
    assert kinds(case) == ["registered", "accepted", "approved", "concluded"]
    assert case.accepted_on == case.decided_on == case.concluded_on == TODAY
    st = services.status_of(case)
    assert st.promised_due == TODAY and st.on_time is True


def test_an_instant_item_concluded_a_day_later_is_late(world, make_item):
    item = make_item(type_code="GG", instant=True, name="民族政策咨询")
    case = new_case(world.clerk_a, item, on=D(2026, 3, 12))
    ops.accept(world.clerk_a, case, on=D(2026, 3, 12))
    ops.approve(world.clerk_a, case, on=D(2026, 3, 12))
    ops.conclude(world.clerk_a, case, on=D(2026, 3, 13))
    case.refresh_from_db()
    assert services.status_of(case).on_time is False


def test_handling_at_once_is_refused_for_an_item_that_is_not_instant(world, make_item):
    case = new_case(world.clerk_a, make_item(), on=TODAY)
    with pytest.raises(OperationError, match="不是即办件"):
        ops.handle_at_once(world.clerk_a, case, on=TODAY)
    assert kinds(case) == ["registered"]


def test_refusals_need_reasons_and_name_the_field(world, make_item):
    item = make_item()
    case = new_case(world.clerk_a, item, on=D(2026, 3, 2))
    with pytest.raises(OperationError) as e:
        ops.refuse_acceptance(world.clerk_a, case, on=D(2026, 3, 3), reason="")
    assert e.value.field == "reason" and "第三十二条" in e.value.message
    ops.accept(world.clerk_a, case, on=D(2026, 3, 3))
    with pytest.raises(OperationError) as e:
        ops.deny(world.clerk_a, case, on=D(2026, 3, 4), reason="不行")
    assert e.value.field == "reason" and "第三十八条" in e.value.message
    ops.deny(world.clerk_a, case, on=D(2026, 3, 4), reason="拟设场所不符合本地宗教活动场所设置规划")
    ops.conclude(world.clerk_a, case, on=D(2026, 3, 5))
    case.refresh_from_db()
    assert case.decision == "denied" and not case.is_open


def test_not_accepted_concludes_the_case(world, make_item):
    case = new_case(world.clerk_a, make_item(), on=D(2026, 3, 2))
    ops.refuse_acceptance(world.clerk_a, case, on=D(2026, 3, 2), reason="申请事项依法不需要取得行政许可")
    case.refresh_from_db()
    assert case.decision == "not_accepted" and case.concluded_on == D(2026, 3, 2)
    with pytest.raises(OperationError, match="已办结"):
        ops.accept(world.clerk_a, case, on=D(2026, 3, 3))


@pytest.mark.parametrize(
    ("steps", "message", "field"),
    [
        ([("approve", D(2026, 3, 3))], "尚未受理", "on"),
        ([("accept", D(2026, 3, 1))], "不能早于收到申请", "on"),
        ([("accept", D(2026, 3, 17))], "不能晚于今天", "on"),
        ([("accept", D(2026, 3, 3)), ("approve", D(2026, 3, 2))], "不能早于受理", "on"),
        ([("accept", D(2026, 3, 3)), ("conclude", D(2026, 3, 4))], "尚未作出审批决定", "on"),
        ([("accept", D(2026, 3, 3)), ("approve", D(2026, 3, 4)), ("conclude", D(2026, 3, 5))], "许可证件编号", "result_no"),
        ([("accept", D(2026, 3, 3)), ("approve", D(2026, 3, 4)), ("approve", D(2026, 3, 5))], "已作出审批决定", "on"),
        ([("accept", D(2026, 3, 3)), ("accept", D(2026, 3, 4))], "已受理", "on"),
    ],
)
def test_steps_out_of_order_are_refused_with_a_chinese_message(world, make_item, steps, message, field):
    case = new_case(world.clerk_a, make_item(), on=D(2026, 3, 2))
    calls = {
        "accept": lambda on: ops.accept(world.clerk_a, case, on=on),
        "approve": lambda on: ops.approve(world.clerk_a, case, on=on),
        "conclude": lambda on: ops.conclude(world.clerk_a, case, on=on),
    }
    for name, on in steps[:-1]:
        calls[name](on)
    before = CaseEvent.objects.count()
    with pytest.raises(OperationError) as e:
        calls[steps[-1][0]](steps[-1][1])
    assert message in e.value.message and e.value.field == field
    assert CaseEvent.objects.count() == before


def test_special_procedure_pauses_the_limit_and_must_end_before_the_decision(world, make_item):
    case = new_case(world.clerk_a, make_item(promised=5, legal=20), on=D(2026, 3, 2))
    ops.accept(world.clerk_a, case, on=D(2026, 3, 2))
    ops.suspend(world.clerk_a, case, on=D(2026, 3, 3), reason="组织专家评审")
    with pytest.raises(OperationError, match="特别程序尚未结束"):
        ops.approve(world.clerk_a, case, on=D(2026, 3, 10))
    ops.resume(world.clerk_a, case, on=D(2026, 3, 9))
    case.refresh_from_db()
    # 03-03 (1); 03-04…06 and 03-09 not counted; 03-10 (2), 11 (3), 12 (4), 13 (5).
    assert services.status_of(case).promised_due == D(2026, 3, 13)


def test_only_handlers_of_the_agency_act(world, make_item):
    item = make_item()
    case = new_case(world.clerk_a, item, on=D(2026, 3, 2))
    for who in (world.clerk_b, world.supervisor, world.outsider, world.leader_a, world.secrecy_a):
        with pytest.raises(NotAllowed):
            ops.accept(who, case, on=D(2026, 3, 3))
        with pytest.raises(NotAllowed):
            new_case(who, item, on=D(2026, 3, 3))
    assert Case.objects.count() == 1 and kinds(case) == ["registered"]


def test_cases_of_unpublished_or_withdrawn_items_are_refused(world, make_item):
    draft = make_item(publish=False)
    with pytest.raises(OperationError) as e:
        new_case(world.clerk_a, draft, on=TODAY)
    assert e.value.field == "item"
    live = make_item()
    ops.withdraw_item(world.head_a, live)
    with pytest.raises(OperationError, match="停用"):
        new_case(world.clerk_a, live, on=TODAY)


def test_a_case_keeps_the_limits_in_force_when_it_was_registered(world, make_item):
    item = make_item(promised=10, legal=20)
    case = new_case(world.clerk_a, item, on=D(2026, 3, 2))
    ops.update_item(world.head_a, item, ops.ItemData(
        code=item.code, name=item.name, type_code="XK", legal_basis=item.legal_basis, promised_workdays=3, legal_workdays=20))
    ops.accept(world.clerk_a, case, on=D(2026, 3, 2))
    case.refresh_from_db()
    # 10 working days from 03-02: 03-03…06 (1–4), 09…13 (5–9), 16 (10).
    assert services.status_of(case).promised_due == D(2026, 3, 16)


def test_bad_applicant_data_names_the_field(world, make_item):
    item = make_item()
    with pytest.raises(OperationError) as e:
        ops.register_case(world.clerk_a, item, ops.ApplicantData("person", "马", "620702198506150011"), submitted_on=TODAY)
    assert e.value.field == "applicant_name"
    with pytest.raises(OperationError) as e:
        ops.register_case(world.clerk_a, item, ops.ApplicantData("person", "马晓东", "620702198506150011"), submitted_on=TODAY)
    assert e.value.field == "applicant_id_number" and "校验" in e.value.message
    with pytest.raises(OperationError) as e:
        ops.register_case(world.clerk_a, item, ops.ApplicantData("person", "马晓东"), submitted_on="2026-13-01")
    assert e.value.field == "submitted_on"
    assert Case.objects.count() == 0


def test_the_event_log_refuses_updates_and_deletes(world, make_item):
    case = new_case(world.clerk_a, make_item(), on=TODAY)
    event = case.events.get()
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    table = CaseEvent._meta.db_table
    with pytest.raises(IntegrityError if connection.vendor == "sqlite" else Exception), transaction.atomic(), connection.cursor() as cur:
        cur.execute(f"UPDATE {table} SET kind = %s", [CaseEventKind.NOTE.value])
    assert case.events.get().kind == "registered"
