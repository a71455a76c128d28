"""A 补正 notice's own period (not the configured default) sets the due date everywhere:
in the derived status the workbench and the citizen see, and in the expiry check."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.core.errors import OperationError
from gongkai.foi import operations as ops
from gongkai.foi import services

D = dt.date
pytestmark = pytest.mark.usefixtures("fast_passwords")


def test_the_due_date_follows_the_period_written_in_the_notice(world, freeze_today):
    freeze_today(D(2026, 11, 27))
    app, _ = ops.register(
        world.clerk_a, world.agency_a,
        ops.ApplicantData(kind="natural_person", name="李四", id_type="resident_id", id_number="11010519491231002X"),
        ops.RequestData(content="有关文件"), channel="in_person", submitted_on=D(2026, 11, 2),
    )
    # Notice on Wed 2026-11-04 with 5 working days: Thu 5, Fri 6, Mon 9, Tue 10, Wed 11 → due 2026-11-11
    # (the default of 15 would give 2026-11-25).
    app = ops.request_correction(world.clerk_a, app, on=D(2026, 11, 4), items="请写明文件名称", period_workdays=5)
    assert services.status_of(app).correction_due == D(2026, 11, 11)
    with pytest.raises(OperationError, match="2026年11月11日"):
        ops.expire_correction(world.clerk_a, app, on=D(2026, 11, 11))
    app = ops.expire_correction(world.clerk_a, app, on=D(2026, 11, 12))
    assert app.outcome == "other.no_correction"
