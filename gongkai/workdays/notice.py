"""Read the State Council's annual holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知).

Pure: no Django import. Staff paste the notice's numbered lines; this returns the days
off and the make-up working days, or a Chinese message naming the line it cannot read.

A line looks like:
    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
    2月14日（周六）、2月28日（周六）上班。
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# A date as the notices write it: "10月1日", or with the year when it is not the notice's
# own ("2022年12月31日", for a 元旦 that begins in December of the year before).
_YMD = r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日"
_END = r"(?:(?:(\d{4})年)?(\d{1,2})月)?(\d{1,2})日"  # the end of a range may omit year and month
_PAREN = r"(?:[（(][^）)]*[）)])?"
_NUMBERED = re.compile(r"^\s*[一二三四五六七八九十]+[、.．]")
_LINE = re.compile(r"^\s*[一二三四五六七八九十]+[、.．]\s*([^：:]+)[：:](.*)$")
_RANGE = re.compile(rf"{_YMD}{_PAREN}\s*(?:至|—|－|-|~)\s*{_END}{_PAREN}")
_SINGLE = re.compile(rf"{_YMD}{_PAREN}\s*(?:放假|与周末连休)")
_DATE = re.compile(_YMD)
_SENTENCE = re.compile(r"[。；;]")
_TITLE = re.compile(r"关于(\d{4})年部分节假日安排")


class NoticeError(ValueError):
    pass


@dataclass(frozen=True)
class Arrangement:
    name: str
    days_off: tuple[dt.date, ...]
    makeup_workdays: tuple[dt.date, ...]


def _md(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def _day(year: int, month: int, day: int, line: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise NoticeError(f"“{line.strip()}”中的日期{month}月{day}日不存在") from None


def _year_for(month: int, year: int, name: str) -> int:
    # 元旦 of year Y may begin on 12月30/31日 of Y-1 ("12月30日至1月1日").
    return year - 1 if "元旦" in name and month == 12 else year


def _days_off(body: str, year: int, name: str, line: str) -> tuple[list[dt.date], int]:
    """The days off of one line, and where in ``body`` their mention ends."""
    r = _RANGE.search(body)
    if r:
        y1, m1, d1, y2, m2, d2 = r.groups()
        start = _day(int(y1) if y1 else _year_for(int(m1), year, name), int(m1), int(d1), line)
        if m2 is None:  # "2月15日至23日": same month and year as the start
            end = _day(start.year, start.month, int(d2), line)
        else:
            end = _day(int(y2) if y2 else _year_for(int(m2), year, name), int(m2), int(d2), line)
        if end < start:
            raise NoticeError(f"“{line}”的放假结束日期早于开始日期")
        if (end - start).days > 14:
            raise NoticeError(f"“{line}”的放假天数超过15天，请检查")
        return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)], r.end()
    s = _SINGLE.search(body)
    if not s:
        raise NoticeError(f"无法识别放假日期：“{line}”（应形如“10月1日至7日放假”或“1月1日放假”）")
    y, m, d = s.groups()
    return [_day(int(y) if y else _year_for(int(m), year, name), int(m), int(d), line)], s.end()


def _makeup_days(rest: str, year: int, name: str, line: str) -> list[dt.date]:
    """The 调休上班日: every date named before "上班" in a sentence that says 上班."""
    out: list[dt.date] = []
    for sentence in _SENTENCE.split(rest):
        if "上班" not in sentence:
            continue
        dates = _DATE.findall(sentence[: sentence.rindex("上班")])
        if not dates:
            raise NoticeError(f"无法识别上班日期：“{line}”（应形如“2月14日（周六）、2月28日（周六）上班”）")
        for y, m, d in dates:
            out.append(_day(int(y) if y else _year_for(int(m), year, name), int(m), int(d), line))
    return out


def parse_notice(text: str, year: int) -> list[Arrangement]:
    """Parse the numbered lines of a notice for ``year``."""
    title = _TITLE.search(text)
    if title and int(title.group(1)) != year:
        raise NoticeError(f"这是{title.group(1)}年的节假日安排通知，但要录入的是{year}年，请检查年份")
    out: list[Arrangement] = []
    off_seen: dict[dt.date, str] = {}
    work_seen: dict[dt.date, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        m = _LINE.match(line)
        if not m:
            if _NUMBERED.match(line):
                raise NoticeError(f"无法识别“{line}”：序号和节日名称后应有冒号（如“三、清明节：4月4日至6日放假”）")
            continue  # title, preamble, signature: not an arrangement line
        name = m.group(1).strip()
        body = m.group(2)
        days_off, end = _days_off(body, year, name, line)
        count = re.search(r"(?:共|放假)(\d+)天", body)
        if count and int(count.group(1)) != len(days_off):
            raise NoticeError(f"“{line}”写明共{count.group(1)}天，但起止日期之间是{len(days_off)}天")
        makeup = _makeup_days(body[end:], year, name, line)
        for d in makeup:
            if d.weekday() < 5:
                raise NoticeError(f"“{line}”中的上班日{_md(d)}不是周末，请检查")
            if d in days_off or d in off_seen:
                raise NoticeError(f"“{line}”中的上班日{_md(d)}同时是放假日，请检查")
        for d in days_off:
            if d in work_seen:
                raise NoticeError(f"“{line}”中的放假日{_md(d)}在“{work_seen[d]}”中是上班日，请检查")
        off_seen.update(dict.fromkeys(days_off, line))
        work_seen.update(dict.fromkeys(makeup, line))
        out.append(Arrangement(name, tuple(days_off), tuple(makeup)))
    if not out:
        raise NoticeError("没有找到节假日安排条目（每条应以“一、元旦：”这样的序号和节日名称开头）")
    return out
