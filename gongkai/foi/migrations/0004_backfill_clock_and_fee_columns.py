"""Fill the new projection columns of existing applications from their folded state."""

from django.db import migrations


def backfill(apps, schema_editor):
    from gongkai.foi.models import PROJECTION_FIELDS, project, state_from_json

    Application = apps.get_model("foi", "Application")
    batch = []
    for app in Application.objects.all().iterator(chunk_size=2000):
        project(app, state_from_json(app.state), app.events_folded)
        batch.append(app)
        if len(batch) >= 2000:
            Application.objects.bulk_update(batch, PROJECTION_FIELDS)
            batch = []
    if batch:
        Application.objects.bulk_update(batch, PROJECTION_FIELDS)


class Migration(migrations.Migration):
    dependencies = [("foi", "0003_clock_and_fee_columns")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
