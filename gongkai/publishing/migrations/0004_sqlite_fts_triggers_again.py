"""SQLite rebuilds a table to drop columns (0003), and its triggers go with the old table:
install the FTS5 triggers of 0002 again and rebuild the index from the documents."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for t in ("ai", "ad", "au"):
        schema_editor.execute("DROP TRIGGER IF EXISTS publishing_searchdoc_fts_" + t)
    schema_editor.execute(
        "CREATE TRIGGER publishing_searchdoc_fts_ai AFTER INSERT ON publishing_searchdoc BEGIN "
        "INSERT INTO publishing_searchdoc_fts(rowid, bigrams) VALUES (new.entry_id, new.bigrams); END"
    )
    schema_editor.execute(
        "CREATE TRIGGER publishing_searchdoc_fts_ad AFTER DELETE ON publishing_searchdoc BEGIN "
        "INSERT INTO publishing_searchdoc_fts(publishing_searchdoc_fts, rowid, bigrams) VALUES ('delete', old.entry_id, old.bigrams); END"
    )
    schema_editor.execute(
        "CREATE TRIGGER publishing_searchdoc_fts_au AFTER UPDATE ON publishing_searchdoc BEGIN "
        "INSERT INTO publishing_searchdoc_fts(publishing_searchdoc_fts, rowid, bigrams) VALUES ('delete', old.entry_id, old.bigrams); "
        "INSERT INTO publishing_searchdoc_fts(rowid, bigrams) VALUES (new.entry_id, new.bigrams); END"
    )
    schema_editor.execute("INSERT INTO publishing_searchdoc_fts(publishing_searchdoc_fts) VALUES ('rebuild')")


class Migration(migrations.Migration):
    dependencies = [("publishing", "0003_searchdoc_column_path")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
