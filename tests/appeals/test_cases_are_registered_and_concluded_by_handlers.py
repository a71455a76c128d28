from __future__ import annotations

import datetime as dt

import pytest

from gongkai.appeals import operations as appeal_ops
from gongkai.appeals.models import Case
from gongkai.appeals.rules import CaseKind, Result, result_for
from gongkai.core.errors import NotAllowed, OperationError
from gongkai.core.models import AuditEvent
from tests.annual_report.scenario import Spec, create_application

D = dt.date


def test_a_clerk_registers_and_concludes_a_review_and_both_steps_are_audited(world, freeze_today):
    freeze_today(D(2024, 12, 1))
    app = create_application(world, Spec("natural_person", D(2024, 3, 1), D(2024, 3, 20), "deny.process"), 1)
    case = appeal_ops.register_case(world.clerk_a, world.agency_a, number=" 张复〔2024〕1号 ", kind="review", received_on=D(2024, 4, 2), application=app)
    assert (case.number, case.application, case.is_pending) == ("张复〔2024〕1号", app, True)
    case = appeal_ops.conclude_case(world.clerk_a, case, on=D(2024, 6, 3), decision="撤销")
    assert (case.result, case.decision) == ("correct", "撤销")
    actions = list(AuditEvent.objects.filter(object_type="appeals.case", object_id=str(case.pk)).values_list("action", flat=True))
    assert sorted(actions) == ["appeals.case_concluded", "appeals.case_registered"]


def test_only_handlers_of_the_agency_may_record_cases(world, freeze_today):
    freeze_today(D(2024, 12, 1))
    for user in (world.leader_a, world.clerk_b, world.supervisor, world.outsider):
        with pytest.raises(NotAllowed):
            appeal_ops.register_case(user, world.agency_a, number="X1", kind="review", received_on=D(2024, 4, 2))
    case = appeal_ops.register_case(world.head_a, world.agency_a, number="X1", kind="review", received_on=D(2024, 4, 2))
    with pytest.raises(NotAllowed):
        appeal_ops.conclude_case(world.clerk_b, case, on=D(2024, 5, 2), result="maintain")
    assert Case.objects.count() == 1


def test_numbers_dates_and_links_are_validated(world, freeze_today):
    freeze_today(D(2024, 12, 1))
    appeal_ops.register_case(world.clerk_a, world.agency_a, number="X1", kind="lit_direct", received_on=D(2024, 4, 2))
    with pytest.raises(OperationError, match="已登记"):
        appeal_ops.register_case(world.clerk_a, world.agency_a, number="X1", kind="review", received_on=D(2024, 4, 2))
    with pytest.raises(OperationError, match="晚于今天"):
        appeal_ops.register_case(world.clerk_a, world.agency_a, number="X2", kind="review", received_on=D(2024, 12, 2))
    with pytest.raises(OperationError, match="案件类型"):
        appeal_ops.register_case(world.clerk_a, world.agency_a, number="X3", kind="复议", received_on=D(2024, 4, 2))
    # The same 案号 may exist at another agency.
    appeal_ops.register_case(world.clerk_b, world.agency_b, number="X1", kind="review", received_on=D(2024, 4, 2))
    case = Case.objects.get(agency=world.agency_a, number="X1")
    with pytest.raises(OperationError, match="早于收到日期"):
        appeal_ops.conclude_case(world.clerk_a, case, on=D(2024, 4, 1), result="other")
    with pytest.raises(OperationError, match="结案方式"):
        appeal_ops.conclude_case(world.clerk_a, case, on=D(2024, 5, 1), decision="维持")  # a review decision, not a judgment
    appeal_ops.conclude_case(world.clerk_a, case, on=D(2024, 5, 1), decision="判决驳回诉讼请求")
    with pytest.raises(OperationError, match="已于"):
        appeal_ops.conclude_case(world.clerk_a, case, on=D(2024, 5, 2), result="other")


def test_decisions_map_to_the_three_columns_and_the_mapping_can_be_configured(world, freeze_today, settings):
    # annual-report-format.md §5: 维持 → 结果维持; 变更/撤销/确认违法/责令履行/确认无效 → 结果纠正;
    # 驳回/终止/调解/和解 → 其他结果.
    assert result_for(CaseKind.REVIEW, "维持") is Result.MAINTAIN
    assert {result_for(CaseKind.REVIEW, d) for d in ("变更", "撤销", "确认违法", "责令履行", "确认无效")} == {Result.CORRECT}
    assert {result_for(CaseKind.REVIEW, d) for d in ("驳回复议请求", "终止", "调解", "和解")} == {Result.OTHER}
    assert result_for(CaseKind.LIT_AFTER_REVIEW, "判决撤销") is Result.CORRECT
    freeze_today(D(2024, 12, 1))
    settings.GONGKAI_APPEAL_DECISIONS = {"review": {"驳回复议请求": "maintain"}}
    case = appeal_ops.register_case(world.clerk_a, world.agency_a, number="X9", kind="review", received_on=D(2024, 4, 2))
    assert appeal_ops.conclude_case(world.clerk_a, case, on=D(2024, 5, 1), decision="驳回复议请求").result == "maintain"
