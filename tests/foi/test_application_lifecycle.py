"""依申请公开 applications walked through the operations: each clock rule, each way a case
concludes, the derived status on the way, and the refusals — with the projection always
equal to a re-fold of the append-only event log.

Deadlines are counted by hand on the bundled 2026 calendar (see tests/foi/test_deadline_rule.py
for the same counts spelled out day by day).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction

from gongkai.core.append_only import AppendOnlyError
from gongkai.core.errors import NotAllowed, OperationError
from gongkai.foi import operations as ops
from gongkai.foi import services
from gongkai.foi.models import ApplicationEvent
from gongkai.foi.rules.events import fold
from gongkai.foi.rules.outcomes import OUTCOMES, Family
from gongkai.foi.rules.status import Phase

D = dt.date
ZHANG = "11010519491231002X"  # GB 11643-1999's example (check character X, see tests/core)

pytestmark = pytest.mark.usefixtures("fast_passwords")


@pytest.fixture
def desk(world, freeze_today):
    """A clerk's desk at agency A, with the business date pinned to 2026-11-27."""
    freeze_today(D(2026, 11, 27))

    class Desk:
        clerk = world.clerk_a
        head = world.head_a

        @staticmethod
        def new(received: dt.date, *, channel: str = "in_person", pieces: int = 1):
            applicant = ops.ApplicantData(kind="natural_person", name="张三", id_type="resident_id", id_number=ZHANG)
            request = ops.RequestData(content="2025年度宗教活动场所财务监督检查情况", pieces=pieces)
            if channel == "in_person":
                app, _ = ops.register(world.clerk_a, world.agency_a, applicant, request, channel="in_person", submitted_on=received)
                return app
            app, _ = ops.register(world.clerk_a, world.agency_a, applicant, request, channel=channel, submitted_on=received)
            return ops.confirm_receipt(world.clerk_a, app, on=received)

    return Desk


# What a reply letter needs for any outcome (条例第三十六条第三项: reasons for what is withheld).
REPLY_DETAILS = {
    "summary": "该信息涉及第三方商业秘密，第三方不同意公开",
    "disclosed_part": "检查名单及检查结论",
    "withheld_part": "被检查单位负责人的联系方式",
}


def reply(desk, app, on: dt.date, outcome: str):
    return ops.issue_reply(desk.clerk, app, on=on, outcome=outcome, **REPLY_DETAILS)


def status(app, on: dt.date):
    app.refresh_from_db()
    return services.status_of(app, on=on)


def assert_projection_is_the_fold(app) -> None:
    app.refresh_from_db()
    events = [e.as_rule_event() for e in app.events.order_by("seq")]
    assert [e.seq for e in app.events.order_by("seq")] == list(range(1, len(events) + 1))
    assert app.folded_state() == fold(events)
    assert app.events_folded == len(events)
    assert ops.rebuild_projection(app) is False


# -- the clock rules ----------------------------------------------------------------------------------


def test_plain_application_due_soon_overdue_and_replied_on_the_last_day(desk):
    app = desk.new(D(2026, 9, 28))
    # Deadline 2026-10-30 (ledger-format.md §5).
    s = status(app, D(2026, 9, 28))
    assert (s.phase, s.deadline.deadline, s.days_left, s.due_soon, s.overdue) == (Phase.IN_PROGRESS, D(2026, 10, 30), 20, False, False)
    # 10-22 (Thu): 23, 26…30 left = 6, outside the 5-day warning window.
    s = status(app, D(2026, 10, 22))
    assert (s.days_left, s.due_soon, s.label) == (6, False, "办理中")
    # 10-23 (Fri): 26…30 left = 5: due soon.
    s = status(app, D(2026, 10, 23))
    assert (s.days_left, s.due_soon, s.label) == (5, True, "办理中 · 即将到期")
    s = status(app, D(2026, 10, 30))
    assert (s.days_left, s.due_soon, s.overdue) == (0, True, False)
    # 11-02 (Mon): one working day past.
    s = status(app, D(2026, 11, 2))
    assert (s.days_left, s.overdue, s.due_soon, s.label) == (-1, True, False, "办理中 · 已逾期")

    reply(desk, app, D(2026, 10, 30), "open")
    s = status(app, D(2026, 11, 27))
    assert (s.phase, s.on_time, s.overdue, s.label) == (Phase.CONCLUDED, True, False, "已办结")
    assert_projection_is_the_fold(app)


def test_a_late_reply_is_concluded_but_not_on_time(desk):
    app = desk.new(D(2026, 9, 28))
    reply(desk, app, D(2026, 11, 2), "open")
    s = status(app, D(2026, 11, 27))
    assert (s.on_time, s.label) == (False, "已办结（逾期）")
    assert_projection_is_the_fold(app)


def test_correction_pauses_then_restarts_the_clock(desk):
    app = desk.new(D(2026, 9, 1))
    ops.request_correction(desk.clerk, app, on=D(2026, 9, 3), items="请写明所需信息的名称或文号")
    # Waiting for the applicant: no deadline; 09-02 and 09-03 were counted, 18 left.
    # The applicant has 15 working days: 09-04 (1), 07…11 (2–6), 14…18 (7–11), Sun 09-20
    # (12, 国庆节调休上班日), 21 (13), 22 (14), 23 (15).
    s = status(app, D(2026, 9, 10))
    assert (s.phase, s.deadline.deadline, s.days_left, s.correction_due) == (Phase.AWAITING_CORRECTION, None, 18, D(2026, 9, 23))
    assert s.label == "待补正"
    # The corrected application arrives 09-28: day 0 again, deadline 10-30.
    ops.receive_correction(desk.clerk, app, on=D(2026, 9, 28), note="补充了文件名称")
    s = status(app, D(2026, 9, 28))
    assert (s.phase, s.deadline.deadline, s.days_left) == (Phase.IN_PROGRESS, D(2026, 10, 30), 20)
    assert "条例第三十条" in services.status_of(app, on=D(2026, 9, 28), explain=True).deadline.explanation[0]
    reply(desk, app, D(2026, 10, 29), "unable.still_unclear")
    assert status(app, D(2026, 11, 27)).on_time is True
    assert_projection_is_the_fold(app)


def test_overlapping_consultations_pause_the_clock_once(desk):
    app = desk.new(D(2026, 3, 2))
    ops.start_consultation(desk.clerk, app, on=D(2026, 3, 4), party="third_party", name="某商贸有限公司")
    ops.start_consultation(desk.clerk, app, on=D(2026, 3, 10), party="other_organ", name="张掖市财政局")
    # Paused since 03-04: 03-03 and 03-04 counted, 18 left.
    s = status(app, D(2026, 3, 12))
    assert (s.phase, s.deadline.deadline, s.days_left, s.label) == (Phase.PAUSED, None, 18, "征求意见中")
    ops.end_consultation(desk.clerk, app, ref="1", on=D(2026, 3, 13), result="不同意公开")
    s = status(app, D(2026, 3, 16))
    assert (s.phase, s.deadline.deadline) == (Phase.PAUSED, None)  # the other organ still has it
    ops.end_consultation(desk.clerk, app, ref="2", on=D(2026, 3, 18), result="同意")
    # Union (03-04, 03-18] skipped once: deadline 2026-04-14.
    s = status(app, D(2026, 3, 19))
    assert (s.phase, s.deadline.deadline) == (Phase.IN_PROGRESS, D(2026, 4, 14))
    reply(desk, app, D(2026, 4, 14), "deny.third_party")
    assert status(app, D(2026, 11, 27)).on_time is True
    assert_projection_is_the_fold(app)


def test_extension_adds_twenty_working_days_and_needs_the_office_head(desk, world):
    app = desk.new(D(2026, 9, 28))
    with pytest.raises(NotAllowed):
        ops.approve_extension(desk.clerk, app, on=D(2026, 10, 29), reason="需要调取档案")
    ops.approve_extension(desk.head, app, on=D(2026, 10, 29), reason="需要调取档案")
    # 10-30 was the 20th working day; the 40th is 11-27.
    assert status(app, D(2026, 11, 2)).deadline.deadline == D(2026, 11, 27)
    with pytest.raises(OperationError, match="延期只能批准一次"):
        ops.approve_extension(world.leader_a, app, on=D(2026, 11, 2), reason="再延一次")
    reply(desk, app, D(2026, 11, 27), "partial")
    assert status(app, D(2026, 11, 27)).on_time is True
    assert_projection_is_the_fold(app)


def test_fee_notice_pauses_the_clock_until_paid(desk):
    prior = desk.new(D(2026, 3, 2), pieces=10)
    app = desk.new(D(2026, 3, 2))  # the 11th piece of March: 100 元
    ops.send_fee_notice(desk.clerk, app, on=D(2026, 3, 10), method="per_piece")
    # Payment due on the 20th working day after the notice: 03-11…13 (1–3), 16…20 (4–8),
    # 23…27 (9–13), 30, 31 (14, 15), 04-01…03 (16–18), 清明 04-04…06, 04-07 (19), 04-08 (20).
    s = status(app, D(2026, 3, 12))
    assert (s.phase, s.deadline.deadline, s.fee_due, s.label) == (Phase.AWAITING_FEE, None, D(2026, 4, 8), "待缴费")
    with pytest.raises(OperationError, match="暂不能答复"):
        reply(desk, app, D(2026, 3, 12), "open")
    ops.record_fee_payment(desk.clerk, app, on=D(2026, 3, 20), receipt_no="甘财票2026-000001")
    # (03-10, 03-20] not counted: deadline 2026-04-10.
    s = status(app, D(2026, 3, 23))
    assert (s.phase, s.deadline.deadline) == (Phase.IN_PROGRESS, D(2026, 4, 10))
    reply(desk, app, D(2026, 4, 10), "open")
    app.refresh_from_db()
    assert app.folded_state().fee_collected == 100
    assert_projection_is_the_fold(app)
    assert_projection_is_the_fold(prior)


# -- the ways an application concludes --------------------------------------------------------------

REPLY_OUTCOMES = [o.key for o in OUTCOMES if o.key not in ("other.no_correction", "other.no_fee", "unable.still_unclear")]


@pytest.mark.parametrize("outcome", REPLY_OUTCOMES)
def test_a_reply_concludes_with_its_outcome(desk, outcome):
    app = desk.new(D(2026, 11, 2))
    reply(desk, app, D(2026, 11, 20), outcome)
    app.refresh_from_db()
    assert (app.outcome, app.concluded_on) == (outcome, D(2026, 11, 20))
    assert app.events.get(kind="reply_issued").data["letter_no"] == "〔2026〕1号"
    s = status(app, D(2026, 11, 27))
    assert (s.phase, s.on_time) == (Phase.CONCLUDED, True)
    assert_projection_is_the_fold(app)


def test_every_outcome_family_can_be_reached_by_a_reply():
    assert {k.split(".")[0] for k in REPLY_OUTCOMES} == {f.value for f in Family}


@pytest.mark.parametrize("outcome", ["other.no_correction", "other.no_fee"])
def test_outcomes_with_their_own_step_cannot_be_replied(desk, outcome):
    app = desk.new(D(2026, 11, 2))
    with pytest.raises(OperationError, match="请通过对应的办理步骤登记"):
        reply(desk, app, D(2026, 11, 20), outcome)


def test_still_unclear_needs_a_correction_received_first(desk):
    app = desk.new(D(2026, 11, 2))
    with pytest.raises(OperationError, match="只适用于已收到补正材料的申请"):
        reply(desk, app, D(2026, 11, 20), "unable.still_unclear")


def test_correction_not_answered_in_time_is_deemed_abandoned(desk):
    app = desk.new(D(2026, 9, 1))
    ops.request_correction(desk.clerk, app, on=D(2026, 9, 3), items="请写明所需信息的名称或文号")
    # The period ends 2026-09-23 (see above): not before.
    with pytest.raises(OperationError, match="补正期限至2026年09月23日"):
        ops.expire_correction(desk.clerk, app, on=D(2026, 9, 23))
    ops.expire_correction(desk.clerk, app, on=D(2026, 9, 24))
    app.refresh_from_db()
    assert (app.outcome, app.concluded_on) == ("other.no_correction", D(2026, 9, 24))
    s = status(app, D(2026, 11, 27))
    assert (s.phase, s.on_time) == (Phase.CONCLUDED, True)
    assert_projection_is_the_fold(app)


def test_a_shorter_correction_period_is_the_one_enforced(desk):
    app = desk.new(D(2026, 9, 1))
    ops.request_correction(desk.clerk, app, on=D(2026, 9, 3), items="请写明所需信息的名称或文号", period_workdays=5)
    # 09-04 (1), 07 (2), 08 (3), 09 (4), 10 (5).
    with pytest.raises(OperationError, match="补正期限至2026年09月10日"):
        ops.expire_correction(desk.clerk, app, on=D(2026, 9, 10))
    ops.expire_correction(desk.clerk, app, on=D(2026, 9, 11))
    assert_projection_is_the_fold(app)


def test_fee_not_paid_in_time_is_deemed_abandoned(desk):
    desk.new(D(2026, 3, 2), pieces=10)
    app = desk.new(D(2026, 3, 2))
    ops.send_fee_notice(desk.clerk, app, on=D(2026, 3, 10), method="per_piece")
    with pytest.raises(OperationError, match="缴费期限至2026年04月08日"):
        ops.expire_fee(desk.clerk, app, on=D(2026, 4, 8))
    ops.expire_fee(desk.clerk, app, on=D(2026, 4, 9))
    app.refresh_from_db()
    assert (app.outcome, app.concluded_on) == ("other.no_fee", D(2026, 4, 9))
    assert app.folded_state().fee_collected == 0
    assert status(app, D(2026, 11, 27)).phase is Phase.CONCLUDED
    assert_projection_is_the_fold(app)


def test_withdrawal_concludes_as_other(desk):
    app = desk.new(D(2026, 9, 28))
    ops.start_consultation(desk.clerk, app, on=D(2026, 10, 9), party="third_party", name="某公司")
    ops.withdraw(desk.clerk, app, on=D(2026, 10, 12), reason="申请人书面撤回")
    app.refresh_from_db()
    assert (app.outcome, app.concluded_on) == ("other.other", D(2026, 10, 12))
    s = status(app, D(2026, 11, 27))
    assert (s.phase, s.on_time, s.label) == (Phase.CONCLUDED, True, "已办结")
    assert_projection_is_the_fold(app)


def test_an_online_application_counts_from_the_day_both_sides_confirm(desk, world, freeze_today):
    freeze_today(D(2026, 9, 25))
    applicant = ops.ApplicantData(kind="natural_person", name="张三", id_type="resident_id", id_number=ZHANG)
    app, code = ops.submit_online(world.agency_a, applicant, ops.RequestData(content="2025年度部门决算公开情况"))
    assert ops.find_by_query_code(code) == app
    s = status(app, D(2026, 9, 25))
    assert (s.phase, s.deadline, s.label) == (Phase.AWAITING_RECEIPT, None, "待确认收到")
    with pytest.raises(OperationError, match="请先确认收到申请"):
        reply(desk, app, D(2026, 9, 25), "open")
    freeze_today(D(2026, 9, 28))
    with pytest.raises(OperationError, match="不能早于提交日期"):
        ops.confirm_receipt(desk.clerk, app, on=D(2026, 9, 24))
    ops.confirm_receipt(desk.clerk, app, on=D(2026, 9, 28))
    assert status(app, D(2026, 9, 28)).deadline.deadline == D(2026, 10, 30)
    assert_projection_is_the_fold(app)


# -- refusals: an OperationError with a Chinese message ----------------------------------------------


def _corrected(desk, app):
    ops.request_correction(desk.clerk, app, on=D(2026, 9, 3), items="请写明文号")


def _concluded(desk, app):
    reply(desk, app, D(2026, 9, 10), "open")


def _withdrawn(desk, app):
    ops.withdraw(desk.clerk, app, on=D(2026, 9, 10))


REFUSALS = [
    # (id, setup, action, message)
    ("second-correction", _corrected, lambda d, a: ops.request_correction(d.clerk, a, on=D(2026, 9, 4), items="再补充"), "补正只能一次性告知"),
    ("correction-without-items", None, lambda d, a: ops.request_correction(d.clerk, a, on=D(2026, 9, 4), items=" "), "请写明需要补正的事项"),
    ("correction-received-without-notice", None, lambda d, a: ops.receive_correction(d.clerk, a, on=D(2026, 9, 4)), "没有待补正的告知"),
    ("expire-correction-without-notice", None, lambda d, a: ops.expire_correction(d.clerk, a, on=D(2026, 10, 30)), "没有待补正的告知"),
    ("correction-received-before-notice", _corrected, lambda d, a: ops.receive_correction(d.clerk, a, on=D(2026, 9, 2)), "不能早于补正告知日期"),
    ("extension-after-deadline", None, lambda d, a: ops.approve_extension(d.head, a, on=D(2026, 9, 30), reason="案情复杂"), "原答复期限已于2026年09月29日届满"),
    ("extension-without-reason", None, lambda d, a: ops.approve_extension(d.head, a, on=D(2026, 9, 10), reason=""), "请填写延期理由"),
    ("reply-in-the-future", None, lambda d, a: ops.issue_reply(d.clerk, a, on=D(2026, 11, 28), outcome="open"), "日期不能晚于今天"),
    ("reply-before-receipt-date", None, lambda d, a: ops.issue_reply(d.clerk, a, on=D(2026, 8, 31), outcome="open"), "不能早于收到申请日期"),
    ("reply-without-outcome", None, lambda d, a: ops.issue_reply(d.clerk, a, on=D(2026, 9, 10), outcome="ok"), "请选择办理结果"),
    ("reply-twice", _concluded, lambda d, a: reply(d, a, D(2026, 9, 11), "partial"), "已于2026年09月10日办结"),
    ("consultation-after-conclusion", _concluded, lambda d, a: ops.start_consultation(d.clerk, a, on=D(2026, 9, 11), party="third_party", name="某公司"), "已于2026年09月10日办结"),
    ("consultation-without-name", None, lambda d, a: ops.start_consultation(d.clerk, a, on=D(2026, 9, 4), party="third_party", name=""), "请填写被征求意见的第三方或机关名称"),
    ("consultation-with-unknown-party", None, lambda d, a: ops.start_consultation(d.clerk, a, on=D(2026, 9, 4), party="neighbour", name="隔壁"), "征求意见对象"),
    ("end-unknown-consultation", None, lambda d, a: ops.end_consultation(d.clerk, a, ref="9", on=D(2026, 9, 4)), "没有找到这项进行中的征求意见"),
    ("fee-paid-without-notice", None, lambda d, a: ops.record_fee_payment(d.clerk, a, on=D(2026, 9, 4)), "没有待缴的收费通知"),
    ("expire-fee-without-notice", None, lambda d, a: ops.expire_fee(d.clerk, a, on=D(2026, 10, 30)), "没有待缴的收费通知"),
    ("delivery-before-reply", None, lambda d, a: ops.record_delivery(d.clerk, a, on=D(2026, 9, 4), method="邮寄"), "尚未作出答复"),
    ("confirm-twice", None, lambda d, a: ops.confirm_receipt(d.clerk, a, on=D(2026, 9, 2)), "不能重复确认"),
    ("withdraw-twice", _withdrawn, lambda d, a: ops.withdraw(d.clerk, a, on=D(2026, 9, 11)), "已于2026年09月10日办结"),
]


@pytest.mark.parametrize(("setup", "action", "message"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS])
def test_refused_transitions_say_why_in_chinese(desk, setup, action, message):
    # Deadline 2026-09-29: 09-02…04 (1–3), 07…11 (4–8), 14…18 (9–13), Sun 20 (14, 调休),
    # 21…24 (15–18), 中秋 09-25…27, 28 (19), 29 (20).
    app = desk.new(D(2026, 9, 1))
    if setup:
        setup(desk, app)
    before = app.events.count()
    with pytest.raises(OperationError) as err:
        action(desk, app)
    assert message in err.value.message
    assert any("\u4e00" <= c <= "\u9fff" for c in err.value.message)
    assert app.events.count() == before  # nothing was appended
    assert_projection_is_the_fold(app)


def test_a_withdrawn_online_application_cannot_be_confirmed_afterwards(desk, world, freeze_today):
    freeze_today(D(2026, 9, 25))
    applicant = ops.ApplicantData(kind="natural_person", name="张三")
    app, _ = ops.submit_online(world.agency_a, applicant, ops.RequestData(content="2025年度部门决算公开情况"))
    ops.withdraw(desk.clerk, app, on=D(2026, 9, 25), reason="申请人撤回")
    s = status(app, D(2026, 9, 28))
    assert (s.phase, s.deadline, s.on_time, s.label) == (Phase.CONCLUDED, None, None, "已办结")  # not 待确认收到
    freeze_today(D(2026, 9, 28))
    with pytest.raises(OperationError, match="办结"):
        ops.confirm_receipt(desk.clerk, app, on=D(2026, 9, 28))
    app.refresh_from_db()
    assert app.received_on is None
    assert_projection_is_the_fold(app)


def test_another_agency_cannot_act_on_the_application(desk, world):
    app = desk.new(D(2026, 9, 1))
    with pytest.raises(NotAllowed):
        ops.issue_reply(world.clerk_b, app, on=D(2026, 9, 10), outcome="open")
    with pytest.raises(NotAllowed):
        ops.issue_reply(world.supervisor, app, on=D(2026, 9, 10), outcome="open")


# -- the event table is append-only ---------------------------------------------------------------------


def test_events_cannot_be_changed_or_deleted_through_the_model(desk):
    app = desk.new(D(2026, 9, 28))
    event = app.events.get(seq=1)
    event.on = D(2026, 9, 1)
    with pytest.raises(AppendOnlyError, match="只追加"):
        event.save()
    with pytest.raises(AppendOnlyError, match="只追加"):
        event.delete()
    assert app.events.get(seq=1).on == D(2026, 9, 28)


@pytest.mark.parametrize(
    "statement",
    ['UPDATE "{table}" SET "on" = %s WHERE id = %s', 'DELETE FROM "{table}" WHERE id = %s'],
    ids=["raw-update", "raw-delete"],
)
def test_the_database_refuses_raw_sql_that_changes_events(desk, statement):
    app = desk.new(D(2026, 9, 28))
    event = app.events.get(seq=1)
    sql = statement.format(table=ApplicationEvent._meta.db_table)
    params = [D(2026, 9, 1).isoformat(), event.pk] if sql.startswith("UPDATE") else [event.pk]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, params)
    assert ApplicationEvent.objects.get(pk=event.pk).on == D(2026, 9, 28)


def test_the_database_refuses_queryset_updates_and_deletes(desk):
    app = desk.new(D(2026, 9, 28))
    with pytest.raises(DatabaseError), transaction.atomic():
        ApplicationEvent.objects.filter(application=app).update(kind="note")
    with pytest.raises(DatabaseError), transaction.atomic():
        ApplicationEvent.objects.filter(application=app).delete()
    assert app.events.get(seq=1).kind == "registered"


def test_a_drifted_projection_is_detected_and_rebuilt(desk):
    from gongkai.foi.models import Application

    app = desk.new(D(2026, 9, 28))
    reply(desk, app, D(2026, 10, 30), "open")
    Application.objects.filter(pk=app.pk).update(outcome="partial", state={})  # e.g. a bad manual fix
    assert ops.rebuild_projection(app) is True
    app.refresh_from_db()
    assert app.outcome == "open"
    assert_projection_is_the_fold(app)
