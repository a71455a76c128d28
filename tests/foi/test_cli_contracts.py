"""The command-line contracts staff scripts rely on (issue 2):

    gongkai deadline --received DATE [--corrected DATE] [--pause START:END]... [--extended] --format json
        -> {"deadline": "YYYY-MM-DD", "provisional": bool, "explanation": [...]}
    gongkai fee --pieces N --format json / gongkai fee --pages N --format json
        -> {"amount_yuan": "...", ...}

Expected deadlines are counted here independently, with the chinesecalendar package (an
outside reading of the State Council notices), not with the code under test.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import chinese_calendar
import pytest
from django.core.management import CommandError, call_command

from tests.web_helpers import fresh_caches  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("fresh_caches")

D = dt.date


def run(*args: str) -> Any:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


def deadline(*args: str) -> Any:
    return run("deadline", *args, "--format", "json")


def fee(*args: str) -> Any:
    return run("fee", *args, "--format", "json")


def counted_deadline(day0: dt.date, n: int, pauses: list[tuple[dt.date, dt.date]] = ()) -> dt.date:  # type: ignore[assignment]
    """The n-th working day after day0, not counting working days d with S < d <= E of a pause."""
    day, counted = day0, 0
    while counted < n:
        day += dt.timedelta(days=1)
        if chinese_calendar.is_workday(day) and not any(s < day <= e for s, e in pauses):
            counted += 1
    return day


def counted_weekdays(day0: dt.date, n: int) -> dt.date:
    day, counted = day0, 0
    while counted < n:
        day += dt.timedelta(days=1)
        counted += day.weekday() < 5
    return day


# -- gongkai deadline ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_example_of_ledger_format_section_5():
    result = deadline("--received", "2026-09-28")
    assert result["deadline"] == "2026-10-30"
    assert result["provisional"] is False
    assert isinstance(result["explanation"], list) and all(isinstance(line, str) for line in result["explanation"])
    text = "".join(result["explanation"])
    assert "2026-10-30" in text and "国庆" in text  # the explanation names the holiday it skipped
    assert D.fromisoformat(result["deadline"]) == counted_deadline(D(2026, 9, 28), 20)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "received",
    [D(2024, 1, 26), D(2024, 4, 30), D(2024, 9, 20), D(2025, 1, 20), D(2025, 9, 26), D(2026, 2, 13), D(2026, 4, 30), D(2026, 12, 1)],
)
def test_deadlines_across_holiday_blocks_agree_with_chinesecalendar(received):
    result = deadline("--received", received.isoformat())
    assert result["deadline"] == counted_deadline(received, 20).isoformat()
    assert result["provisional"] is False


@pytest.mark.django_db
def test_corrected_restarts_the_count_from_the_correction():
    result = deadline("--received", "2026-09-28", "--corrected", "2026-10-12")
    assert result["deadline"] == counted_deadline(D(2026, 10, 12), 20).isoformat()
    assert result["deadline"] != deadline("--received", "2026-09-28")["deadline"]
    assert any("补正" in line for line in result["explanation"])


@pytest.mark.django_db
def test_extended_adds_twenty_working_days():
    result = deadline("--received", "2026-09-28", "--extended")
    assert result["deadline"] == counted_deadline(D(2026, 9, 28), 40).isoformat()


@pytest.mark.django_db
def test_repeated_pauses_are_not_counted_and_overlaps_count_once():
    one = deadline("--received", "2026-03-02", "--pause", "2026-03-05:2026-03-11")
    assert one["deadline"] == counted_deadline(D(2026, 3, 2), 20, [(D(2026, 3, 5), D(2026, 3, 11))]).isoformat()
    two = deadline("--received", "2026-03-02", "--pause", "2026-03-05:2026-03-11", "--pause", "2026-03-09:2026-03-16")
    pauses = [(D(2026, 3, 5), D(2026, 3, 11)), (D(2026, 3, 9), D(2026, 3, 16))]
    assert two["deadline"] == counted_deadline(D(2026, 3, 2), 20, pauses).isoformat()
    assert two["deadline"] == counted_deadline(D(2026, 3, 2), 20, [(D(2026, 3, 5), D(2026, 3, 16))]).isoformat()
    assert two["deadline"] > one["deadline"]


@pytest.mark.django_db
def test_all_options_together():
    result = deadline("--received", "2026-09-01", "--corrected", "2026-09-07", "--pause", "2026-09-10:2026-09-17", "--extended")
    assert result["deadline"] == counted_deadline(D(2026, 9, 7), 40, [(D(2026, 9, 10), D(2026, 9, 17))]).isoformat()


@pytest.mark.django_db
def test_a_deadline_in_a_year_not_loaded_is_provisional():
    result = deadline("--received", "2040-12-20")
    assert result["provisional"] is True
    assert result["deadline"] == counted_weekdays(D(2040, 12, 20), 20).isoformat()
    assert any("暂定" in line for line in result["explanation"])


@pytest.mark.django_db
def test_text_format_prints_the_explanation():
    out = io.StringIO()
    call_command("deadline", "--received", "2026-09-28", stdout=out)
    assert out.getvalue().splitlines() == deadline("--received", "2026-09-28")["explanation"]


BAD_DEADLINE_ARGS = {
    "impossible date": (["--received", "2026-02-30"], ["收到日期", "不是有效日期"]),
    "not a date": (["--received", "9月28日"], ["不是有效日期"]),
    "bad corrected": (["--received", "2026-09-28", "--corrected", "2026-13-01"], ["补正", "不是有效日期"]),
    "corrected before received": (["--received", "2026-09-28", "--corrected", "2026-09-01"], ["不能早于"]),
    "pause without colon": (["--received", "2026-09-28", "--pause", "2026-10-10"], ["开始日期:结束日期"]),
    "pause ends before it starts": (["--received", "2026-09-28", "--pause", "2026-10-20:2026-10-10"], ["早于"]),
    "bad pause date": (["--received", "2026-09-28", "--pause", "2026-10-10:2026-10-32"], ["不是有效日期"]),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(BAD_DEADLINE_ARGS))
def test_bad_dates_are_refused_with_a_chinese_command_error(case):
    args, words = BAD_DEADLINE_ARGS[case]
    with pytest.raises(CommandError) as exc:
        call_command("deadline", *args, "--format", "json", stdout=io.StringIO())
    for w in words:
        assert w in str(exc.value), (case, w)


# -- gongkai fee ---------------------------------------------------------------------------


def pieces_fee(n: int) -> Decimal:
    """国办函〔2020〕109号第四条, written out from fees.md: 1–10 free; 11–30 100元/件; from the
    31st, each band of 10 costs 100元/件 more than the one before."""
    total = 0
    for k in range(1, n + 1):
        total += 0 if k <= 10 else 100 if k <= 30 else 100 + 100 * ((k - 31) // 10 + 1)
    return Decimal(total)


def pages_fee(n: int) -> Decimal:
    """第五条: 1–30 pages free; 31–100 10元/页; 101–200 20元/页; from 201 40元/页."""
    return Decimal(sum(0 if p <= 30 else 10 if p <= 100 else 20 if p <= 200 else 40 for p in range(1, n + 1)))


@pytest.mark.parametrize(("args", "amount"), [(["--pieces", "45"], "5500.00"), (["--pages", "250"], "4700.00"), (["--pages", "30"], "0.00")])
def test_the_fee_examples_of_the_issue(args, amount):
    assert fee(*args)["amount_yuan"] == amount


@pytest.mark.parametrize("n", [0, 1, 10, 11, 30, 31, 40, 41, 60, 61, 100, 137])
def test_fee_by_pieces_follows_article_4(n):
    assert Decimal(fee("--pieces", str(n))["amount_yuan"]) == pieces_fee(n)


@pytest.mark.parametrize("n", [0, 30, 31, 100, 101, 200, 201, 250, 1000])
def test_fee_by_pages_follows_article_5(n):
    assert Decimal(fee("--pages", str(n))["amount_yuan"]) == pages_fee(n)


def test_amounts_are_strings_with_two_decimals():
    for args in (["--pieces", "45"], ["--pages", "31"]):
        value = fee(*args)["amount_yuan"]
        assert isinstance(value, str) and value.count(".") == 1 and len(value.split(".")[1]) == 2


@pytest.mark.parametrize(("args", "words"), [(["--pieces", "-1"], "件数不能为负"), (["--pages", "-5"], "页数不能为负")])
def test_negative_counts_are_refused_in_chinese(args, words):
    with pytest.raises(CommandError, match=words):
        call_command("fee", *args, stdout=io.StringIO())


def test_pieces_and_pages_together_are_refused():
    with pytest.raises(CommandError):
        call_command("fee", "--pieces", "3", "--pages", "3", stdout=io.StringIO())


# -- the console script itself ---------------------------------------------------------------


def _gongkai() -> list[str]:
    script = Path(sys.executable).with_name("gongkai")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gongkai"]


def test_the_console_script_prints_the_fee_json():
    done = subprocess.run([*_gongkai(), "fee", "--pieces", "45", "--format", "json"], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["amount_yuan"] == "5500.00"


def test_the_console_script_exits_non_zero_with_the_chinese_message_for_a_bad_date():
    done = subprocess.run(
        [*_gongkai(), "deadline", "--received", "2026-02-30", "--format", "json"], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode != 0
    assert "不是有效日期" in done.stderr
    assert done.stdout == ""
