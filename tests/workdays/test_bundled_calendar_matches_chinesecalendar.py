"""The bundled cn_calendar.json is generated, never edited: it must equal what the seed
script produces from the pinned chinesecalendar package (chinesecalendar_seed.py)."""

from __future__ import annotations

import json

import pytest

from gongkai.workdays import chinesecalendar_seed
from tests.workdays.bundled import CALENDAR_FILE, bundled_data

GENERATED = chinesecalendar_seed.build()


def test_it_covers_exactly_the_seed_years():
    expected = [str(y) for y in range(chinesecalendar_seed.FIRST_YEAR, chinesecalendar_seed.LAST_YEAR + 1)]
    assert sorted(bundled_data()["years"]) == expected
    assert sorted(GENERATED["years"]) == expected


@pytest.mark.parametrize("year", [str(y) for y in range(chinesecalendar_seed.FIRST_YEAR, chinesecalendar_seed.LAST_YEAR + 1)])
def test_each_year_of_the_file_equals_the_generated_year(year):
    # Compared kind by kind so that a failure shows the dates that differ.
    for kind in ("holidays", "workdays"):
        assert bundled_data()["years"][year][kind] == GENERATED["years"][year][kind], kind


def test_the_file_names_the_package_version_it_came_from():
    assert bundled_data()["source"] == GENERATED["source"]


def test_the_file_is_byte_for_byte_what_the_seed_script_writes(tmp_path):
    out = tmp_path / "cn_calendar.json"
    chinesecalendar_seed.write(out)
    assert out.read_text(encoding="utf-8") == CALENDAR_FILE.read_text(encoding="utf-8")
    assert json.loads(out.read_text(encoding="utf-8")) == bundled_data()
