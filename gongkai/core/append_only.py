"""Append-only tables: the model refuses updates and deletes, and so does the database.

Model guards catch mistakes in our own code; the triggers, installed by a migration,
catch everything else (raw SQL, the Django admin, a console session).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import migrations, models


class AppendOnlyError(RuntimeError):
    pass


class AppendOnlyModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} 为只追加记录，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError(f"{type(self).__name__} 为只追加记录，不能删除")


# SQLite has no TRUNCATE: Django's test teardown (flush) empties tables with DELETE, which
# the trigger would refuse. The DELETE trigger therefore consults a one-row flag table that
# is not a Django model (flush leaves it alone); tests raise the flag only around their own
# teardown flush (tests/conftest.py). On PostgreSQL flush uses TRUNCATE, which row triggers
# do not see; production roles should not be granted TRUNCATE on these tables.
BYPASS_TABLE = "gongkai_append_only_bypass"


class EventRecord(AppendOnlyModel):
    """One entry of a record's event log: the business date it concerns, its facts, and who
    recorded it when. Subclasses add the record it belongs to and the kind of event."""

    on = models.DateField("日期")
    data = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField("经办人", max_length=150, blank=True)
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        abstract = True


def _install(apps: Any, schema_editor: Any, table: str) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(f'CREATE TABLE IF NOT EXISTS "{BYPASS_TABLE}" (allow INTEGER NOT NULL)')
        schema_editor.execute(
            f'INSERT INTO "{BYPASS_TABLE}" (allow) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM "{BYPASS_TABLE}")'  # noqa: S608 (constant)
        )
        schema_editor.execute(
            f'CREATE TRIGGER "{table}_no_update" BEFORE UPDATE ON "{table}" '
            f"BEGIN SELECT RAISE(ABORT, 'append-only table {table}'); END;"
        )
        schema_editor.execute(  # table names are code constants, not input
            f'CREATE TRIGGER "{table}_no_delete" BEFORE DELETE ON "{table}" '  # noqa: S608
            f'WHEN (SELECT max(allow) FROM "{BYPASS_TABLE}") IS NOT 1 '
            f"BEGIN SELECT RAISE(ABORT, 'append-only table {table}'); END;"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE OR REPLACE FUNCTION gongkai_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'append-only table %%', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql;"  # %% : psycopg placeholders
        )
        schema_editor.execute(
            f'CREATE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION gongkai_append_only();"
        )


def _remove(apps: Any, schema_editor: Any, table: str) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for op in ("update", "delete"):
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{table}_no_{op}"')
    elif vendor == "postgresql":
        schema_editor.execute(f'DROP TRIGGER IF EXISTS "{table}_append_only" ON "{table}"')


def install_append_only_trigger(table: str) -> migrations.RunPython:
    """A migration operation that makes ``table`` append-only in the database."""
    return migrations.RunPython(
        lambda apps, se: _install(apps, se, table),
        lambda apps, se: _remove(apps, se, table),
    )
