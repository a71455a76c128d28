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

_NUM = r"(?:(\d{1,2})月)?(\d{1,2})日"
_PAREN = r"(?:[（(][^）)]*[）)])?"
_LINE = re.compile(r"^\s*[一二三四五六七八九十]+[、.．]\s*([^：:]+)[：:](.*)$")
_RANGE = re.compile(rf"(\d{{1,2}})月(\d{{1,2}})日{_PAREN}\s*(?:至|—|－|-|~)\s*{_NUM}{_PAREN}")
_SINGLE = re.compile(rf"(\d{{1,2}})月(\d{{1,2}})日{_PAREN}\s*(?:放假|与周末连休)")
_WORK = re.compile(rf"((?:\d{{1,2}}月\d{{1,2}}日{_PAREN}[、，,\s]*)+)上班")
_WORKDAY = re.compile(r"(\d{1,2})月(\d{1,2})日")


class NoticeError(ValueError):
    pass


@dataclass(frozen=True)
class Arrangement:
    name: str
    days_off: tuple[dt.date, ...]
    makeup_workdays: tuple[dt.date, ...]


def _day(year: int, month: int, day: int, line: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise NoticeError(f"“{line.strip()}”中的日期{month}月{day}日不存在") from None


def _year_for(month: int, year: int, name: str) -> int:
    # 元旦 of year Y may begin on 12月30/31日 of Y-1 ("12月30日至1月1日").
    return year - 1 if "元旦" in name and month == 12 else year


def parse_notice(text: str, year: int) -> list[Arrangement]:
    """Parse the numbered lines of a notice for ``year``."""
    out: list[Arrangement] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        m = _LINE.match(line)
        if not m:
            continue  # title, preamble, signature: not an arrangement line
        name = m.group(1).strip()
        body = m.group(2)
        days_off: list[dt.date] = []
        r = _RANGE.search(body)
        if r:
            m1, d1 = int(r.group(1)), int(r.group(2))
            m2 = int(r.group(3)) if r.group(3) else m1
            d2 = int(r.group(4))
            start = _day(_year_for(m1, year, name), m1, d1, line)
            end = _day(_year_for(m2, year, name) if m2 == 12 else year, m2, d2, line)
            if end < start:
                raise NoticeError(f"“{line}”的放假结束日期早于开始日期")
            if (end - start).days > 14:
                raise NoticeError(f"“{line}”的放假天数超过15天，请检查")
            days_off = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
        else:
            s = _SINGLE.search(body)
            if not s:
                raise NoticeError(f"无法识别放假日期：“{line}”（应形如“10月1日至7日放假”或“1月1日放假”）")
            month, day = int(s.group(1)), int(s.group(2))
            days_off = [_day(_year_for(month, year, name), month, day, line)]
        count = re.search(r"共(\d+)天", body)
        if count and int(count.group(1)) != len(days_off):
            raise NoticeError(f"“{line}”写明共{count.group(1)}天，但起止日期之间是{len(days_off)}天")
        makeup: list[dt.date] = []
        w = _WORK.search(body)
        if w:
            for mm, dd in _WORKDAY.findall(w.group(1)):
                month, day = int(mm), int(dd)
                makeup.append(_day(_year_for(month, year, name) if month == 12 else year, month, day, line))
        for d in makeup:
            if d.weekday() < 5:
                raise NoticeError(f"“{line}”中的上班日{d:%m月%d日}不是周末，请检查")
        out.append(Arrangement(name, tuple(days_off), tuple(makeup)))
    if not out:
        raise NoticeError("没有找到节假日安排条目（每条应以“一、元旦：”这样的序号和节日名称开头）")
    return out
