"""The bundled 2019–2026 calendar as a pure TableCalendar, for rule tests without a database.

Built the same way ``workdays.services.build_calendar`` builds it from the tables the
migration seeds from this file: every holiday and make-up day of every year, and the
years present as the loaded years.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path

from gongkai.workdays.rules import TableCalendar

CALENDAR_FILE = Path(__file__).resolve().parents[2] / "gongkai" / "workdays" / "data" / "cn_calendar.json"


@functools.cache
def bundled_data() -> dict:
    return json.loads(CALENDAR_FILE.read_text(encoding="utf-8"))


@functools.cache
def bundled_calendar() -> TableCalendar:
    holidays: dict[dt.date, str] = {}
    workdays: dict[dt.date, str] = {}
    for entry in bundled_data()["years"].values():
        holidays.update({dt.date.fromisoformat(d): n for d, n in entry["holidays"].items()})
        workdays.update({dt.date.fromisoformat(d): n for d, n in entry["workdays"].items()})
    years = frozenset(int(y) for y in bundled_data()["years"])
    return TableCalendar(holidays, workdays, years, version="bundled")


def days_of(year: int) -> list[dt.date]:
    day, out = dt.date(year, 1, 1), []
    while day.year == year:
        out.append(day)
        day += dt.timedelta(days=1)
    return out
