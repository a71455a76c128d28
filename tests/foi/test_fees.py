"""信息处理费 (国办函〔2020〕109号; fees.md): the worked examples and edge rules of §8,
the tariff's properties, and the monthly piece count through the operations."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.foi.rules import fees
from gongkai.foi.rules.events import Event, EventKind, RuleViolation, check, fold
from gongkai.foi.rules.outcomes import BY_KEY

D = dt.date

# The DB tests below build the shared personas; hash their passwords cheaply.
pytestmark = pytest.mark.usefixtures("fast_passwords")


# -- a reference written from fees.md §8's formulas ---------------------------------------------


def ref_piece_rate(k: int) -> int:
    if k <= 10:
        return 0
    if k <= 30:
        return 100
    return 100 + 100 * math.ceil((k - 30) / 10)


def ref_page_rate(p: int) -> int:
    return 0 if p <= 30 else 10 if p <= 100 else 20 if p <= 200 else 40


# -- fees.md §8: worked examples ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "count", "amount"),
    [
        # 1. 8 applications in March: pieces 1–8 free; the 9th and 10th would be free too.
        (1, 8, 0),
        (9, 2, 0),
        # 2. 25 applications: pieces 11–25 at 100 = 1,500; the 11th and the 25th cost 100 each.
        (1, 25, 1500),
        (11, 1, 100),
        (25, 1, 100),
        # 3. 45 applications: 20 × 100 + 10 × 200 + 5 × 300 = 5,500; the 46th costs 300, the 51st 400.
        (1, 45, 5500),
        (46, 1, 300),
        (51, 1, 400),
        # 6. one form split into 4 pieces, ordinals 9–12: 9 and 10 free, 11 and 12 at 100 = 200.
        (9, 4, 200),
    ],
    ids=["ex1-under-threshold", "ex1-9th-10th", "ex2-25-pieces", "ex2-11th", "ex2-25th", "ex3-45-pieces", "ex3-46th", "ex3-51st", "ex6-split-form"],
)
def test_per_piece_worked_examples(first, count, amount):
    assert fees.pieces_fee(first, count) == Decimal(amount)


def test_example_3_in_bands():
    bands = [(c.first, c.last, c.rate, c.count, c.subtotal) for c in fees.pieces_charges(1, 45)]
    assert bands == [(1, 10, 0, 10, 0), (11, 30, 100, 20, 2000), (31, 40, 200, 10, 2000), (41, 45, 300, 5, 1500)]


@pytest.mark.parametrize(
    ("pages", "amount"),
    [
        # 4. 68 pages: (68 − 30) × 10 = 380 (the 沭阳县 2025 case).
        (68, 380),
        # 5. 250 pages: 70 × 10 + 100 × 20 + 50 × 40 = 4,700.
        (250, 4700),
    ],
    ids=["ex4-68-pages", "ex5-250-pages"],
)
def test_per_page_worked_examples(pages, amount):
    assert fees.pages_fee(pages) == Decimal(amount)


def test_example_5_in_bands():
    bands = [(c.first, c.last, c.rate, c.subtotal) for c in fees.pages_charges(250)]
    assert bands == [(1, 30, 0, 0), (31, 100, 10, 700), (101, 200, 20, 2000), (201, 250, 40, 2000)]


def test_example_6_the_count_restarts_on_the_first_of_the_next_month():
    assert not fees.same_month(D(2026, 3, 5), D(2026, 4, 1))
    assert fees.same_month(D(2026, 3, 1), D(2026, 3, 31))
    assert not fees.same_month(D(2025, 3, 5), D(2026, 3, 5))  # same month, another year
    assert fees.pieces_fee(1, 1) == 0  # the April form is piece 1 again


def test_example_7_either_method_gives_100_never_200():
    # The 15th piece of the month, answered with 40 pages.
    assert fees.pieces_fee(15, 1) == Decimal(100)
    assert fees.pages_fee(40) == Decimal(100)


# -- fees.md §8: edge rules -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("what", "value", "expected"),
    [
        ("exactly 10 pieces cost nothing", fees.pieces_fee(1, 10), 0),
        ("exactly 30 pages cost nothing", fees.pages_fee(30), 0),
        ("the 31st page costs 10", fees.page_rate(31), 10),
        ("the 100th page still costs 10", fees.page_rate(100), 10),
        ("the 101st page costs 20", fees.page_rate(101), 20),
        ("the 201st page costs 40", fees.page_rate(201), 40),
        ("the 30th piece costs 100", fees.piece_rate(30), 100),
        ("the 31st piece costs 200, not 100", fees.piece_rate(31), 200),
        ("the 40th piece still costs 200", fees.piece_rate(40), 200),
        ("the 41st piece costs 300", fees.piece_rate(41), 300),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_edge_rules(what, value, expected):
    assert value == expected


def test_a_fee_not_paid_in_time_is_row_six_2_and_not_collected():
    notice = Event(EventKind.FEE_NOTICE_SENT, D(2026, 3, 10), {"method": "per_page", "units": 68, "amount": "380"})
    state = fold(
        [
            Event(EventKind.REGISTERED, D(2026, 3, 2), {"channel": "in_person"}),
            notice,
            Event(EventKind.FEE_EXPIRED, D(2026, 4, 10)),
        ]
    )
    assert state.outcome == "other.no_fee"
    assert BY_KEY[state.outcome].short == "其他处理-逾期未缴费"  # 表三 （六）2
    assert state.fee_amount == Decimal(380)  # what was asked
    assert state.fee_collected == Decimal(0)  # … is not what was collected (section 六)
    paid = fold([Event(EventKind.REGISTERED, D(2026, 3, 2), {"channel": "in_person"}), notice, Event(EventKind.FEE_PAID, D(2026, 3, 20))])
    assert paid.fee_collected == Decimal(380)


def test_a_second_fee_notice_is_refused_by_the_rule():
    state = fold(
        [
            Event(EventKind.REGISTERED, D(2026, 3, 2), {"channel": "in_person"}),
            Event(EventKind.FEE_NOTICE_SENT, D(2026, 3, 10), {"method": "per_piece", "units": 1, "amount": "100"}),
        ]
    )
    with pytest.raises(RuleViolation, match="只能按一种方式计收"):
        check(state, Event(EventKind.FEE_NOTICE_SENT, D(2026, 3, 11), {"method": "per_page", "units": 40, "amount": "100"}), today=D(2026, 4, 1))


@pytest.mark.parametrize(("bad", "call"), [("piece 0", lambda: fees.piece_rate(0)), ("page 0", lambda: fees.page_rate(0)), ("negative pages", lambda: fees.pages_fee(-1)), ("ordinal 0", lambda: fees.pieces_fee(0, 1))])
def test_impossible_counts_are_refused(bad, call):
    with pytest.raises(ValueError):
        call()


# -- properties ------------------------------------------------------------------------------------

ordinals = st.integers(min_value=1, max_value=400)


@given(k=ordinals)
def test_the_marginal_rate_per_piece_never_falls_and_follows_the_formula(k):
    assert fees.piece_rate(k) == ref_piece_rate(k)
    assert fees.piece_rate(k + 1) >= fees.piece_rate(k)


@given(p=st.integers(min_value=1, max_value=2000))
def test_the_marginal_rate_per_page_never_falls_and_follows_the_bands(p):
    assert fees.page_rate(p) == ref_page_rate(p)
    assert fees.page_rate(p + 1) >= fees.page_rate(p)


@given(first=ordinals, count=st.integers(min_value=0, max_value=120))
def test_the_piece_total_is_the_sum_of_the_marginal_rates(first, count):
    assert fees.pieces_fee(first, count) == sum(ref_piece_rate(k) for k in range(first, first + count))
    charges = fees.pieces_charges(first, count)
    assert sum(c.count for c in charges) == count
    assert all(c.subtotal == c.rate * c.count and c.last - c.first + 1 == c.count for c in charges)


@given(pages=st.integers(min_value=0, max_value=2000))
def test_the_page_total_is_the_sum_of_the_marginal_rates(pages):
    assert fees.pages_fee(pages) == sum(ref_page_rate(p) for p in range(1, pages + 1))


@given(first=ordinals, a=st.integers(min_value=0, max_value=60), b=st.integers(min_value=0, max_value=60))
def test_splitting_pieces_into_consecutive_applications_does_not_change_the_total(first, a, b):
    assert fees.pieces_fee(first, a + b) == fees.pieces_fee(first, a) + fees.pieces_fee(first + a, b)


# -- through the operations: the natural month, per applicant and organ ---------------------------

ZHANG = "11010519491231002X"  # GB 11643-1999's own example; check character X
LI = "620702199003150010"  # check character computed by hand: sum 232, 232 mod 11 = 1 → "0"


@pytest.fixture
def apply_(world, freeze_today):
    from gongkai.foi import operations as ops

    freeze_today(D(2026, 4, 20))

    def _apply(received: dt.date, pieces: int = 1, id_number: str = ZHANG, agency=None, clerk=None):
        applicant = ops.ApplicantData(kind="natural_person", name="张三", id_type="resident_id", id_number=id_number)
        request = ops.RequestData(content="2025年度宗教活动场所财务监督检查情况", pieces=pieces)
        app, _ = ops.register(clerk or world.clerk_a, agency or world.agency_a, applicant, request, channel="fax", submitted_on=received)
        return ops.confirm_receipt(clerk or world.clerk_a, app, on=received)

    return _apply


def test_the_piece_count_runs_through_the_month_and_resets_on_the_first(world, apply_):
    from gongkai.foi import operations as ops

    march_first = apply_(D(2026, 3, 2), pieces=8)
    march_split = apply_(D(2026, 3, 5), pieces=4)
    april = apply_(D(2026, 4, 1), pieces=1)

    assert ops.month_ordinal(march_first) == 1
    # fees.md example 6: ordinals 9–12, 200 元.
    amount, detail = ops.quote_fee(march_split, "per_piece")
    assert detail["first_ordinal"] == 9
    assert amount == Decimal(200)
    ops.send_fee_notice(world.clerk_a, march_split, on=D(2026, 3, 6), method="per_piece")
    march_split.refresh_from_db()
    assert march_split.folded_state().fee_amount == Decimal(200)
    notice = march_split.events.get(kind="fee_notice_sent")
    assert notice.data["first_ordinal"] == 9
    assert notice.data["method"] == "per_piece"

    # 1 April: a new natural month, piece 1 again, free — so a fee notice is refused.
    amount, detail = ops.quote_fee(april, "per_piece")
    assert detail["first_ordinal"] == 1
    assert amount == 0
    with pytest.raises(ops.OperationError, match="未超过免费标准"):
        ops.send_fee_notice(world.clerk_a, april, on=D(2026, 4, 2), method="per_piece")


def test_the_month_ends_on_its_last_day(world, apply_):
    from gongkai.foi import operations as ops

    apply_(D(2026, 3, 2), pieces=10)
    last_day = apply_(D(2026, 3, 31), pieces=1)
    next_day = apply_(D(2026, 4, 1), pieces=1)
    assert ops.quote_fee(last_day, "per_piece")[1]["first_ordinal"] == 11
    assert ops.quote_fee(last_day, "per_piece")[0] == Decimal(100)
    assert ops.quote_fee(next_day, "per_piece")[1]["first_ordinal"] == 1


def test_another_applicant_and_another_organ_count_separately(world, apply_):
    from gongkai.foi import operations as ops

    apply_(D(2026, 3, 2), pieces=12)
    other_person = apply_(D(2026, 3, 3), id_number=LI)
    other_organ = apply_(D(2026, 3, 3), agency=world.agency_b, clerk=world.clerk_b)
    same = apply_(D(2026, 3, 3))
    assert ops.month_ordinal(other_person) == 1
    assert ops.month_ordinal(other_organ) == 1
    assert ops.month_ordinal(same) == 13


def test_one_method_only_a_second_fee_notice_is_refused(world, apply_):
    from gongkai.foi import operations as ops

    apply_(D(2026, 3, 2), pieces=14)
    app = apply_(D(2026, 3, 9))  # piece 15: 100 by piece, or 100 for 40 pages (example 7)
    ops.send_fee_notice(world.clerk_a, app, on=D(2026, 3, 10), method="per_piece")
    with pytest.raises(ops.OperationError, match="同一申请只能按一种方式计收"):
        ops.send_fee_notice(world.clerk_a, app, on=D(2026, 3, 11), method="per_page", units=40)
    with pytest.raises(ops.OperationError, match="同一申请只能按一种方式计收"):
        ops.send_fee_notice(world.clerk_a, app, on=D(2026, 3, 11), method="per_piece")
    assert app.events.filter(kind="fee_notice_sent").count() == 1
    app.refresh_from_db()
    assert app.folded_state().fee_amount == Decimal(100)


def test_per_page_needs_a_page_count_and_charges_by_the_pages(world, apply_):
    from gongkai.foi import operations as ops

    app = apply_(D(2026, 3, 2))
    with pytest.raises(ops.OperationError, match="按量计收须填写页数"):
        ops.quote_fee(app, "per_page")
    with pytest.raises(ops.OperationError, match="请选择计收方式"):
        ops.quote_fee(app, "both")
    assert ops.quote_fee(app, "per_page", 68)[0] == Decimal(380)


def test_the_fee_notice_must_go_out_within_the_processing_period(world, apply_):
    # fees.md §5: the 收费通知 is sent within the application's processing period.
    from gongkai.foi import operations as ops

    apply_(D(2026, 3, 2), pieces=10)
    late = apply_(D(2026, 3, 2))  # piece 11; deadline 2026-03-30 (03-03…06, 09…13, 16…20, 23…27, 30)
    with pytest.raises(ops.OperationError, match="答复期限已于2026年03月30日届满"):
        ops.send_fee_notice(world.clerk_a, late, on=D(2026, 3, 31), method="per_piece")
    in_time = apply_(D(2026, 3, 2))  # piece 12
    ops.send_fee_notice(world.clerk_a, in_time, on=D(2026, 3, 30), method="per_piece")
    assert in_time.events.filter(kind="fee_notice_sent").count() == 1
