"""Reading the State Council's annual holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知).

The texts below are the notices as published (国办发明电〔2023〕7号 for 2024, 〔2024〕12号
for 2025, 〔2025〕7号 for 2026; 〔2022〕16号 for 2023, whose 元旦 starts in the previous
year). The calendar built from each parse must give every day of its year the same
working / non-working status as the bundled cn_calendar.json, which comes from the
chinesecalendar package, an independent reading of the same notices.
"""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.workdays.notice import NoticeError, parse_notice
from gongkai.workdays.rules import TableCalendar
from tests.workdays.bundled import bundled_calendar, days_of

D = dt.date

NOTICE_2023 = """国务院办公厅关于2023年部分节假日安排的通知
国办发明电〔2022〕16号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2023年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。
二、春节：1月21日至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。
三、清明节：4月5日放假，共1天。
四、劳动节：4月29日至5月3日放假调休，共5天。4月23日（星期日）、5月6日（星期六）上班。
五、端午节：6月22日至24日放假调休，共3天。6月25日（星期日）上班。
六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
国务院办公厅
2022年12月8日
"""

NOTICE_2024 = """国务院办公厅关于2024年部分节假日安排的通知
国办发明电〔2023〕7号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2024年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日放假，与周末连休。
二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。
三、清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。
四、劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。
五、端午节：6月10日放假，与周末连休。
六、中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。
七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
国务院办公厅
2023年10月25日
"""

NOTICE_2025 = """国务院办公厅关于2025年部分节假日安排的通知
国办发明电〔2024〕12号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
根据《国务院关于修改〈全国年节及纪念日放假办法〉的决定》，为便于各地区、各部门及早合理安排节假日旅游、交通运输、生产经营等有关工作，经国务院批准，现将2025年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
国务院办公厅
2024年11月11日
"""

NOTICE_2026 = """国务院办公厅关于2026年部分节假日安排的通知
国办发明电〔2025〕7号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
国务院办公厅
2025年11月4日
"""

NOTICES = {2023: NOTICE_2023, 2024: NOTICE_2024, 2025: NOTICE_2025, 2026: NOTICE_2026}


def calendar_from_notice(text: str, year: int) -> TableCalendar:
    holidays: dict[dt.date, str] = {}
    workdays: dict[dt.date, str] = {}
    for a in parse_notice(text, year):
        holidays.update(dict.fromkeys(a.days_off, a.name))
        workdays.update(dict.fromkeys(a.makeup_workdays, a.name))
    return TableCalendar(holidays, workdays, frozenset({year}))


@pytest.mark.parametrize("year", sorted(NOTICES))
def test_the_parsed_notice_gives_every_day_of_the_year_the_status_chinesecalendar_gives(year):
    parsed = calendar_from_notice(NOTICES[year], year)
    bundled = bundled_calendar()
    differences = [
        (f"{day:%Y-%m-%d}", "parsed: " + parsed.describe(day), "bundled: " + bundled.describe(day))
        for day in days_of(year)
        if parsed.is_workday(day) != bundled.is_workday(day)
    ]
    assert differences == []
    # The make-up working days are exactly the same (the strongest part of a notice).
    assert {d for d in parsed.makeup_workdays if d.year == year} == {
        d for d in bundled.makeup_workdays if d.year == year
    }


@pytest.mark.parametrize(
    ("year", "names"),
    [
        (2024, ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]),
        (2025, ["元旦", "春节", "清明节", "劳动节", "端午节", "国庆节、中秋节"]),
        (2026, ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]),
    ],
)
def test_it_reads_one_arrangement_per_numbered_line_and_ignores_the_rest(year, names):
    assert [a.name for a in parse_notice(NOTICES[year], year)] == names


@pytest.mark.parametrize(
    ("line", "year", "days_off", "makeup"),
    [
        # the 2026 Spring Festival line, with the lunar dates in the brackets
        (
            "二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。",
            2026,
            (D(2026, 2, 15), D(2026, 2, 23), 9),
            [D(2026, 2, 14), D(2026, 2, 28)],
        ),
        # a single day joined to a weekend, with and without 放假
        ("五、端午节：6月10日放假，与周末连休。", 2024, (D(2024, 6, 10), D(2024, 6, 10), 1), []),
        ("四、端午节：6月10日与周末连休。", 2024, (D(2024, 6, 10), D(2024, 6, 10), 1), []),
        ("一、元旦：1月1日（周三）放假1天，不调休。", 2025, (D(2025, 1, 1), D(2025, 1, 1), 1), []),
        # a block crossing a month, the end month written out
        ("五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。", 2025, (D(2025, 5, 31), D(2025, 6, 2), 3), []),
        # 元旦 of the notice's year beginning in December of the year before, years written out
        (
            "一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。",
            2023,
            (D(2022, 12, 31), D(2023, 1, 2), 3),
            [],
        ),
        (
            "一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。",
            2019,
            (D(2018, 12, 30), D(2019, 1, 1), 3),
            [D(2018, 12, 29)],
        ),
        # and the same without the years
        (
            "一、元旦：12月30日至1月1日放假调休，共3天。12月29日（星期六）上班。",
            2019,
            (D(2018, 12, 30), D(2019, 1, 1), 3),
            [D(2018, 12, 29)],
        ),
        # make-up days listed with 和 instead of 、
        (
            "二、春节：2月15日至23日放假调休，共9天。2月14日（周六）和2月28日（周六）上班。",
            2026,
            (D(2026, 2, 15), D(2026, 2, 23), 9),
            [D(2026, 2, 14), D(2026, 2, 28)],
        ),
        # half-width brackets and colon
        (
            "七、国庆节:10月1日(周四)至7日(周三)放假调休,共7天。9月20日(周日)、10月10日(周六)上班。",
            2026,
            (D(2026, 10, 1), D(2026, 10, 7), 7),
            [D(2026, 9, 20), D(2026, 10, 10)],
        ),
    ],
    ids=[
        "lunar-dates-in-brackets",
        "single-day-with-weekend",
        "single-day-without-fangjia",
        "one-day-no-makeup",
        "range-across-months",
        "yuandan-from-previous-year-with-years",
        "yuandan-2019-with-years-and-makeup",
        "yuandan-2019-without-years",
        "makeup-days-joined-by-he",
        "half-width-punctuation",
    ],
)
def test_it_reads_the_forms_a_line_takes(line, year, days_off, makeup):
    (a,) = parse_notice(line, year)
    first, last, count = days_off
    assert a.days_off[0] == first
    assert a.days_off[-1] == last
    assert len(a.days_off) == count
    assert list(a.makeup_workdays) == makeup


# -- bad input: a Chinese message that names the line ---------------------------------------------

BAD_LINES = [
    # no date the parser can read
    ("三、清明节：放假三天。", "无法识别放假日期"),
    # a date that does not exist
    ("三、清明节：4月31日放假，共1天。", "4月31日不存在"),
    ("二、春节：2月15日至30日放假调休，共16天。", "2月30日不存在"),
    ("二、春节：13月1日至3日放假，共3天。", "13月1日不存在"),
    # the end before the start
    ("四、劳动节：5月5日至1日放假调休，共5天。", "结束日期早于开始日期"),
    # the stated number of days disagrees with the dates
    ("三、清明节：4月4日至6日放假，共4天。", "共4天"),
    # an implausibly long block
    ("七、国庆节：10月1日至20日放假调休，共20天。", "超过15天"),
    # a make-up "working day" that is a weekday already
    ("四、劳动节：5月1日至5日放假调休，共5天。4月29日（周三）上班。", "4月29日不是周末"),
    # a make-up day inside the block it makes up for
    ("七、国庆节：10月1日至7日放假调休，共7天。10月3日（周六）上班。", "10月3日同时"),
    # 上班 with no date the parser can read
    ("七、国庆节：10月1日至7日放假调休，共7天。周六上班。", "上班日期"),
    # a numbered line without the colon after the festival's name
    ("三、清明节4月4日至6日放假，共3天。", "清明节4月4日"),
]


@pytest.mark.parametrize(("line", "why"), BAD_LINES, ids=[why for _, why in BAD_LINES])
def test_a_malformed_line_gives_a_chinese_error_naming_the_line(line, why):
    text = NOTICE_2026.replace("三、清明节：4月4日（周六）至6日（周一）放假，共3天。", line)
    assert line in text
    with pytest.raises(NoticeError) as err:
        parse_notice(text, 2026)
    message = str(err.value)
    assert why in message
    assert line.strip() in message  # the line is named, so staff can find it


def test_a_text_without_numbered_lines_is_refused():
    with pytest.raises(NoticeError, match="没有找到节假日安排条目"):
        parse_notice("国务院办公厅关于2026年部分节假日安排的通知\n经国务院批准，现将……通知如下。", 2026)


def test_a_notice_for_another_year_is_refused():
    with pytest.raises(NoticeError, match=r"2025年.*2026年"):
        parse_notice(NOTICE_2025, 2026)


def test_the_same_day_off_and_at_work_in_two_lines_is_refused():
    text = "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。\n二、其他：1月4日（周日）放假。"
    with pytest.raises(NoticeError, match="1月4日"):
        parse_notice(text, 2026)


# -- through the back office: a loaded notice replaces the bundled year, day for day -------------


@pytest.mark.django_db
def test_loading_the_2026_notice_in_the_back_office_keeps_every_day_of_2026():
    from gongkai.workdays import operations, services

    before = services.build_calendar()
    operations.load_year_from_notice(None, year=2026, source="", text=NOTICE_2026)
    after = services.build_calendar()
    assert [d for d in days_of(2026) if before.is_workday(d) != after.is_workday(d)] == []
    assert after.is_loaded(2026)
