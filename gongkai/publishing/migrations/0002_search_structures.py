"""Search structures each database builds itself, the append-only publication records, and
the default 主题分类 vocabulary."""

from django.db import migrations

from gongkai.core.append_only import install_append_only_trigger

def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS searchdoc_bigrams_gin ON publishing_searchdoc USING gin (bigrams) WITH (fastupdate = off)")
        schema_editor.execute("ALTER TABLE publishing_searchdoc ALTER COLUMN bigrams SET STATISTICS 1000")
    elif vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE publishing_searchdoc_fts USING fts5(bigrams, content='publishing_searchdoc', content_rowid='entry_id', tokenize='unicode61')"
        )
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


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS searchdoc_bigrams_gin")
    elif vendor == "sqlite":
        for t in ("ai", "ad", "au"):
            schema_editor.execute("DROP TRIGGER IF EXISTS publishing_searchdoc_fts_" + t)
        schema_editor.execute("DROP TABLE IF EXISTS publishing_searchdoc_fts")


def topics(apps, schema_editor):
    from gongkai.publishing.rules.metadata import DEFAULT_TOPICS

    TopicCategory = apps.get_model("publishing", "TopicCategory")
    for i, name in enumerate(DEFAULT_TOPICS):
        TopicCategory.objects.get_or_create(name=name, defaults={"sort_order": i})


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]

    operations = [
        migrations.RunPython(forwards, backwards),
        install_append_only_trigger("publishing_publicationrecord"),
        migrations.RunPython(topics, migrations.RunPython.noop),
    ]
