"""Acceptance 1: 表四 equals a plain count of the same cases (ledger-format.md §4)."""

from __future__ import annotations

import datetime as dt

from gongkai.annual_report.build import build_report
from gongkai.appeals import operations as appeal_ops

D = dt.date
# (案号, 类型, 收到日期, 结案日期, 结果)
CASES = [
    ("F1", "review", D(2023, 11, 2), D(2024, 1, 15), "maintain"),  # received in 2023: never in 2024
    ("F2", "review", D(2024, 1, 8), D(2024, 3, 1), "maintain"),
    ("F3", "review", D(2024, 2, 8), D(2024, 4, 1), "correct"),
    ("F4", "review", D(2024, 6, 3), None, None),
    ("F5", "review", D(2024, 11, 20), D(2025, 1, 10), "other"),  # concluded next year: 尚未审结
    ("S1", "lit_direct", D(2024, 3, 3), D(2024, 9, 9), "correct"),
    ("S2", "lit_direct", D(2024, 5, 5), D(2024, 12, 31), "other"),
    ("S3", "lit_after_review", D(2024, 7, 7), None, None),
    ("S4", "lit_after_review", D(2024, 1, 2), D(2024, 8, 8), "maintain"),
    ("S5", "lit_after_review", D(2025, 1, 3), None, None),
]


def count(year: int) -> dict[str, dict[str, int]]:
    blocks = {k: {"maintain": 0, "correct": 0, "other": 0, "pending": 0, "total": 0} for k in ("review", "lit_direct", "lit_after_review")}
    for _, kind, received, concluded, result in CASES:
        if received.year != year:
            continue
        column = result if concluded is not None and concluded.year == year else "pending"
        blocks[kind][column] += 1
        blocks[kind]["total"] += 1
    return blocks


def test_table4_is_the_ledger_count(world, freeze_today):
    freeze_today(D(2025, 2, 1))
    for number, kind, received, concluded, result in CASES:
        case = appeal_ops.register_case(world.clerk_a, world.agency_a, number=number, kind=kind, received_on=received)
        if concluded:
            appeal_ops.conclude_case(world.clerk_a, case, on=concluded, result=result)
    appeal_ops.register_case(world.clerk_b, world.agency_b, number="F2", kind="review", received_on=D(2024, 5, 5))
    for year in (2023, 2024, 2025):
        assert build_report(world.agency_a, year)["table4"] == count(year), year
