"""Generate the bundled calendar file from the chinesecalendar package (2019–2026).

chinesecalendar is the seed, not the source of truth: it stops at 2026, and from then on
years are entered from the State Council notice in the back office. The bundled JSON is
what the migration loads, so a deployment does not depend on the package's version.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib.metadata import version
from pathlib import Path

NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

FIRST_YEAR, LAST_YEAR = 2019, 2026


def build() -> dict:
    import chinese_calendar as cc  # the seed package

    years: dict[str, dict[str, dict[str, str]]] = {}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        hol = {d: NAMES.get(str(v), str(v)) for d, v in cc.holidays.items() if d.year == year}
        work = {d: NAMES.get(str(v), str(v)) for d, v in cc.workdays.items() if d.year == year}
        years[str(year)] = {
            "holidays": {d.isoformat(): n for d, n in sorted(hol.items())},
            "workdays": {d.isoformat(): n for d, n in sorted(work.items())},
        }
    return {"source": f"chinesecalendar {version('chinesecalendar')}（国务院办公厅历年节假日安排通知）", "years": years}


def write(path: Path) -> None:
    path.write_text(json.dumps(build(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write(Path(__file__).parent / "data" / "cn_calendar.json")
    print(dt.date.today(), "written")
