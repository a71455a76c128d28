"""Load the bundled 2019–2026 calendar (generated from chinesecalendar) into the tables."""

import datetime as dt
import json
from pathlib import Path

from django.db import migrations

SEED = Path(__file__).resolve().parent.parent / "data" / "cn_calendar.json"


def seed(apps, schema_editor):
    CalendarYear = apps.get_model("workdays", "CalendarYear")
    DayOverride = apps.get_model("workdays", "DayOverride")
    data = json.loads(SEED.read_text(encoding="utf-8"))
    for y, entry in data["years"].items():
        cy, _ = CalendarYear.objects.get_or_create(year=int(y), defaults={"source": data["source"]})
        rows = [DayOverride(calendar_year=cy, date=dt.date.fromisoformat(d), kind="holiday", name=n) for d, n in entry["holidays"].items()]
        rows += [DayOverride(calendar_year=cy, date=dt.date.fromisoformat(d), kind="workday", name=n) for d, n in entry["workdays"].items()]
        DayOverride.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
