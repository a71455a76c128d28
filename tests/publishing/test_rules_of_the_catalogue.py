"""The pure rules: 索引号 patterns, 条例第二十六条, metadata checks and search terms —
table-style cases and properties (hypothesis)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.publishing.rules import metadata as md
from gongkai.publishing.rules import search as sr
from gongkai.publishing.rules.index_no import (
    IndexContext,
    PatternError,
    check_pattern,
    format_index_no,
    sequence_scope,
)
from gongkai.publishing.rules.timeliness import timeliness
from gongkai.workdays.rules import weekday_only_calendar

CTX = IndexContext("11620700MB1234567D", 2024, 3)


@pytest.mark.parametrize(("pattern", "seq", "expected"), [
    ("{credit_code}/{year}-{seq:05d}", 7, "11620700MB1234567D/2024-00007"),
    ("{org_code}/{year}-{seq:05d}", 185, "MB1234567/2024-00185"),
    ("{credit_code}/{year}{month:02d}-{seq:05d}", 13, "11620700MB1234567D/202403-00013"),
    ("{org_code}-{year}-{seq}", 153077, "MB1234567-2024-153077"),
])
def test_patterns_seen_on_portals(pattern, seq, expected):
    check_pattern(pattern)
    assert format_index_no(pattern, CTX, seq) == expected


@pytest.mark.parametrize("pattern", ["{credit_code}/{year}", "{year}-{seq:05d}", "{credit_code}/{month}-{seq}", "{agency}/{seq}", "{credit_code}/{seq:zz}", "{credit_code}/{", "{}/{seq}"])
def test_patterns_that_could_repeat_or_break_are_refused(pattern):
    with pytest.raises(PatternError):
        check_pattern(pattern)


def test_the_serial_restarts_yearly_only_when_the_year_is_in_the_number():
    assert sequence_scope("{credit_code}/{year}-{seq:05d}", 3, 2024) != sequence_scope("{credit_code}/{year}-{seq:05d}", 3, 2025)
    assert sequence_scope("{credit_code}-{seq:06d}", 3, 2024) == sequence_scope("{credit_code}-{seq:06d}", 3, 2025)


@given(st.integers(1, 99_999), st.integers(1, 99_999))
def test_different_serials_give_different_numbers(a, b):
    p = "{credit_code}/{year}-{seq:05d}"
    assert (format_index_no(p, CTX, a) == format_index_no(p, CTX, b)) == (a == b)


# 条例第二十六条 on a Monday–Friday calendar (holidays are the calendar's business, tested in workdays)
CAL = weekday_only_calendar()


@pytest.mark.parametrize(("formed", "published", "taken", "late"), [
    (dt.date(2024, 3, 1), dt.date(2024, 3, 1), 0, False),  # same day
    (dt.date(2024, 3, 1), dt.date(2024, 3, 29), 20, False),  # Friday + 20 working days = Friday four weeks on
    (dt.date(2024, 3, 1), dt.date(2024, 4, 1), 21, True),
    (dt.date(2024, 3, 2), dt.date(2024, 3, 29), 20, False),  # formed on a Saturday
    (dt.date(2024, 3, 10), dt.date(2024, 3, 1), 0, False),  # published "before" formation: an entry error, not late
])
def test_twenty_working_days(formed, published, taken, late):
    t = timeliness(formed, published, CAL)
    assert (t.workdays_taken, t.late) == (taken, late)


@given(st.dates(dt.date(2019, 1, 1), dt.date(2030, 12, 31)), st.integers(1, 60))
def test_late_exactly_after_the_twentieth_working_day(formed, n):
    published = CAL.add_workdays(formed, n)
    t = timeliness(formed, published, CAL)
    assert t.workdays_taken == n and t.late == (n > 20) and t.days_late == max(0, n - 20)


@pytest.mark.parametrize(("value", "fixed", "problem"), [
    ("张民宗发〔2024〕3号", "张民宗发〔2024〕3号", False),
    ("张民宗发[2024]3号", "张民宗发〔2024〕3号", False),
    ("张民宗发【2024】3号", "张民宗发〔2024〕3号", False),
    ("张民宗发（2024）3号", "张民宗发〔2024〕3号", False),
    ("张民宗发〔2024〕03号", None, True),
    ("张民宗发〔24〕3号", None, True),
    ("张民宗发2024年3号", None, True),
    ("", "", False),
])
def test_document_numbers(value, fixed, problem):
    assert (md.doc_no_problem(value) is not None) == problem
    if fixed is not None:
        assert md.normalise_doc_no(value) == fixed


def test_summary_and_validity_checks():
    assert md.summary_problem("字" * 100) is None and md.summary_problem("字" * 101)
    assert md.summary_problem("张掖市宗教活动场所管理办法", "张掖市宗教活动场所管理办法")
    assert md.validity_problem("废止", None, dt.date(2024, 1, 1))
    assert md.validity_problem("有效", dt.date(2024, 1, 1), dt.date(2023, 1, 1))
    assert md.validity_problem("废止", dt.date(2023, 1, 1), dt.date(2024, 1, 1))
    assert md.validity_problem("废止", dt.date(2024, 6, 1), dt.date(2024, 1, 1)) is None
    assert len(md.OFFICIAL_GENRES) == 15


@pytest.mark.parametrize(("text", "tokens"), [
    ("宗教事务", ["宗教", "教事", "事务"]),
    ("宗教，事务", ["宗教", sr.BREAK, "事务"]),
    ("〔2024〕3号", ["20", "02", "24", sr.BREAK, "3号"]),
    ("ＡＢ宗", ["ab", "b宗"]),
    ("教", []),
])
def test_token_documents(text, tokens):
    assert sr.token_document(text) == tokens


@given(st.text(alphabet="宗教事务许可民族团结工作通知，。 ab12", min_size=0, max_size=60), st.integers(0, 59), st.integers(2, 4))
def test_any_substring_of_a_document_has_its_bigrams_in_the_document(text, start, length):
    norm = sr.normalise(text)
    piece = norm[start : start + length]
    q = sr.parse_query(piece)
    doc_codes = set(sr.codes(sr.token_document(norm)))
    for ph in q.phrases:
        assert ph in norm
        assert {sr.code(p) for p in sr.bigrams(ph)} <= doc_codes


@given(st.text(min_size=2, max_size=2).filter(lambda s: all(c.isalnum() and ord(c) <= 0xFFFF for c in s)))
def test_bigram_codes_are_32_bit_and_exact_in_the_bmp(pair):
    c = sr.code(pair)
    assert -(2**31) <= c < 2**31
    assert c == sr.code(pair) and sr.is_exact_pair(pair)


def test_queries_split_words_and_keep_short_ones_apart():
    q = sr.parse_query("  宗教　许可 教 ")
    assert q.phrases == ("宗教", "许可") and q.short == ("教",)
    assert q.fts_match() == '"宗教" AND "许可"'
    assert not sr.parse_query("，。！").searchable
    assert len(sr.parse_query("宗教事务" * 30).lookup_codes()) <= sr.MAX_CODES
