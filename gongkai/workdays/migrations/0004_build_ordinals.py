"""Fill the ordinal table from the calendar loaded by 0002 (later edits rebuild it)."""

import datetime as dt

from django.db import migrations, models

from gongkai.workdays.rules import TABLE_FIRST_YEAR, TABLE_LAST_YEAR, TableCalendar


def build(apps, schema_editor):
    CalendarYear = apps.get_model("workdays", "CalendarYear")
    DayOverride = apps.get_model("workdays", "DayOverride")
    WorkdayOrdinal = apps.get_model("workdays", "WorkdayOrdinal")
    OrdinalState = apps.get_model("workdays", "OrdinalState")
    holidays, workdays = {}, {}
    for date, kind, name in DayOverride.objects.values_list("date", "kind", "name"):
        (holidays if kind == "holiday" else workdays)[date] = name
    cal = TableCalendar(holidays, workdays, frozenset(CalendarYear.objects.values_list("year", flat=True)))
    rows, day, prev = [], dt.date(TABLE_FIRST_YEAR, 1, 1), 0
    while day <= dt.date(TABLE_LAST_YEAR, 12, 31):
        o = cal.workday_ordinal(day)
        rows.append(WorkdayOrdinal(day=day, ord=o, ord_before=prev))
        prev, day = o, day + dt.timedelta(days=1)
    WorkdayOrdinal.objects.bulk_create(rows, batch_size=2000)
    # The same version string as gongkai.workdays.services._version (checked by ensure_ordinals).
    agg = CalendarYear.objects.aggregate(n=models.Count("id"), at=models.Max("updated_at"))
    OrdinalState.objects.create(version=f"{agg['n']}:{agg['at'].isoformat() if agg['at'] else '-'}")


class Migration(migrations.Migration):
    dependencies = [("workdays", "0003_workday_ordinals")]
    operations = [migrations.RunPython(build, migrations.RunPython.noop)]
