"""Timeliness against each application's own clock, and 信息处理费 paid in the year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gongkai.annual_report.build import build_report
from gongkai.foi import services
from gongkai.foi.models import Application


def test_timeliness_equals_the_status_of_each_reply(world, seeded):
    report = build_report(world.agency_a, 2024)
    replied = [
        a for a in Application.objects.filter(agency=world.agency_a)
        if a.concluded_on and a.concluded_on.year == 2024
    ]
    late = sorted(a.number for a in replied if services.status_of(a).on_time is False)
    assert report["timeliness"] == {
        "replied": len(replied),
        "on_time": len(replied) - len(late),
        "overdue": len(late),
        "overdue_ids": late,
    }
    assert late, "the scenario has one reply past its deadline"


def test_a_reply_is_late_one_working_day_after_its_deadline(world, freeze_today):
    from tests.annual_report.scenario import Spec, create_application

    freeze_today(dt.date(2025, 1, 20))
    # Received Monday 2024-09-02: the 20th working day after it is Monday 2024-09-30.
    on_time = create_application(world, Spec("natural_person", dt.date(2024, 9, 2), dt.date(2024, 9, 30), "open"), 1)
    late = create_application(world, Spec("natural_person", dt.date(2024, 9, 2), dt.date(2024, 10, 8), "open"), 2)
    report = build_report(world.agency_a, 2024)
    assert report["timeliness"]["overdue_ids"] == [late.number]
    assert on_time.number not in report["timeliness"]["overdue_ids"]


def test_fees_count_only_what_was_paid_in_the_year(world, seeded):
    report = build_report(world.agency_a, 2024)
    paid = [a.state for a in seeded if a.state.get("fee_paid_on", "") and a.state["fee_paid_on"].startswith("2024")]
    noticed = [a.state for a in seeded if a.state.get("fee_notice_on")]
    assert len(noticed) > len(paid)  # one fee was never paid (表三 （六）2)
    amount = sum(Decimal(s["fee_amount"]) for s in paid)
    assert report["fees"] == {"cases": len(paid), "amount_yuan": str(int(amount))}
    assert f"{int(amount)}元" in report["sections"]["other"]
    assert build_report(world.agency_a, 2023)["fees"] == {"cases": 0, "amount_yuan": "0"}
