"""The audit log: every operation writes who did what to which agency's record, and the
log (like the application event log) cannot be changed afterwards: the models refuse, and
on whatever database the suite runs, so does the database itself."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from gongkai.core.append_only import AppendOnlyError
from gongkai.core.models import AuditEvent
from gongkai.foi import operations as ops
from gongkai.foi.models import ApplicationEvent
from tests.web_helpers import (
    client_for,
    fast_passwords,  # noqa: F401 (fixture)
    register_app,
    submit_online,
    valid_action_data,
)

pytestmark = pytest.mark.usefixtures("fast_passwords")

TODAY = dt.date(2026, 11, 16)


@pytest.fixture(autouse=True)
def _today(freeze_today):
    freeze_today(TODAY)


def latest() -> AuditEvent:
    return AuditEvent.objects.order_by("-id").first()


# -- what operations write -----------------------------------------------------------------


def test_registering_writes_an_audit_row_with_actor_agency_and_object(world):
    before = AuditEvent.objects.count()
    app, _ = register_app(world.clerk_a, world.agency_a, received=dt.date(2026, 11, 2))
    assert AuditEvent.objects.count() == before + 1
    row = latest()
    assert row.actor == world.clerk_a
    assert row.actor_label == world.clerk_a.get_full_name()
    assert row.agency_id == world.agency_a.pk
    assert (row.object_type, row.object_id) == ("foi.application", str(app.pk))
    assert row.action == "foi.registered"
    assert app.number in row.summary


@pytest.mark.parametrize(
    ("who", "action", "expected"),
    [("clerk_a", "correction", "foi.correction_requested"), ("clerk_a", "consult", "foi.consultation_started"),
     ("head_a", "extend", "foi.extension_approved"), ("clerk_a", "note", "foi.note"), ("clerk_a", "reply", "foi.reply_issued")],
)
def test_each_action_through_the_back_office_is_audited_with_its_actor(world, who, action, expected):
    app, _ = register_app(world.clerk_a, world.agency_a, received=dt.date(2026, 11, 2))
    before = AuditEvent.objects.count()
    r = client_for(getattr(world, who)).post(reverse("foi_act", args=[app.pk, action]), valid_action_data(action, TODAY))
    assert r.status_code == 302
    assert AuditEvent.objects.count() == before + 1
    row = latest()
    assert (row.action, row.actor, row.agency_id, row.object_id) == (expected, getattr(world, who), world.agency_a.pk, str(app.pk))
    assert row.data["on"] == TODAY.isoformat()


def test_refused_operations_write_no_audit_row(world):
    app, _ = register_app(world.clerk_a, world.agency_a, received=dt.date(2026, 11, 2))
    before = AuditEvent.objects.count()
    client_for(world.clerk_b).post(reverse("foi_act", args=[app.pk, "note"]), {"text": "越权"})
    client_for(world.clerk_a).post(reverse("foi_act", args=[app.pk, "extend"]), valid_action_data("extend", TODAY))
    client_for(world.clerk_a).post(reverse("foi_act", args=[app.pk, "deliver"]), valid_action_data("deliver", TODAY))
    assert AuditEvent.objects.count() == before


def test_each_agencys_audit_rows_carry_its_own_agency(world):
    register_app(world.clerk_a, world.agency_a, received=dt.date(2026, 11, 2))
    b, _ = register_app(world.clerk_b, world.agency_b, received=dt.date(2026, 11, 2))
    ops.add_note(world.clerk_b, b, text="统计局的备注")
    rows = AuditEvent.objects.filter(action__startswith="foi.")
    assert {r.actor.username: r.agency_id for r in rows} == {"clerk_a": world.agency_a.pk, "clerk_b": world.agency_b.pk}


def test_an_online_application_is_audited_without_a_staff_actor(world):
    app, _ = submit_online(world.agency_a)
    row = latest()
    assert row.actor is None and row.actor_label  # never attributed to a member of staff
    assert (row.agency_id, row.object_id) == (world.agency_a.pk, str(app.pk))


# -- append-only: the models -----------------------------------------------------------------


@pytest.fixture
def rows(world):
    app, _ = register_app(world.clerk_a, world.agency_a, received=dt.date(2026, 11, 2))
    return latest(), app.events.get()


def test_the_models_refuse_to_change_or_delete_a_row(rows):
    audit, event = rows
    for row in (audit, event):
        row.actor_label = "改写"
        with pytest.raises(AppendOnlyError):
            row.save()
        with pytest.raises(AppendOnlyError):
            row.delete()
    assert AuditEvent.objects.get(pk=audit.pk).actor_label != "改写"
    assert ApplicationEvent.objects.get(pk=event.pk).actor_label != "改写"


# -- append-only: the database ---------------------------------------------------------------


def _refused(sql: str, params: list[object]) -> None:
    with pytest.raises(DatabaseError) as exc, transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, params)
    assert "append-only" in str(exc.value)


@pytest.mark.parametrize("model", [AuditEvent, ApplicationEvent])
def test_the_database_refuses_raw_sql_update_and_delete(rows, model):
    table = model._meta.db_table
    pk = (rows[0] if model is AuditEvent else rows[1]).pk
    column = "summary" if model is AuditEvent else "kind"
    before = model.objects.filter(pk=pk).values().get()
    _refused(f'UPDATE "{table}" SET "{column}" = %s WHERE id = %s', ["改写", pk])
    _refused(f'DELETE FROM "{table}" WHERE id = %s', [pk])
    _refused(f'DELETE FROM "{table}"', [])
    assert model.objects.filter(pk=pk).values().get() == before


@pytest.mark.parametrize("model", [AuditEvent, ApplicationEvent])
def test_the_database_refuses_bulk_queryset_update_and_delete(rows, model):
    """QuerySet.update() and .delete() skip the model's save/delete: only the trigger stops them."""
    with pytest.raises(DatabaseError), transaction.atomic():
        model.objects.all().update(actor_label="改写")
    with pytest.raises(DatabaseError), transaction.atomic():
        model.objects.all()._raw_delete(model.objects.db)
    assert model.objects.count() >= 1
    assert not model.objects.filter(actor_label="改写").exists()


def test_inserting_is_still_allowed(rows):
    before = AuditEvent.objects.count()
    AuditEvent.objects.create(action="test.inserted", summary="追加")
    assert AuditEvent.objects.count() == before + 1
