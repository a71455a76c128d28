"""Shared personas for every test (like healthchecks' Alice/Bob/Charlie).

Region 甘肃省 › 张掖市. Agency A is the seed agency (张掖市民族宗教事务委员会);
agency B is a neighbour (张掖市统计局). People:

- ``clerk_a``      科员 at A — handles applications
- ``head_a``       公开办管理员 at A — may approve extensions, maintain the calendar
- ``leader_a``     分管领导 at A — may approve extensions, does not handle cases
- ``principal_a``  主要领导 at A
- ``secrecy_a``    保密审查员 at A
- ``clerk_b``      科员 at B — must never see A's records
- ``supervisor``   政务公开办 over 张掖市 — reads A and B, acts on neither
- ``outsider``     a logged-in user with no role anywhere
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API in live-server tests

# Fixtures other areas' tests reuse (e.g. the annual report counts licences from 办件).
pytest_plugins = ["tests.service_catalog.fixtures"]

AGENCY_A_CODE = "11620700MB1234567D"
AGENCY_B_CODE = "11620700MB2345678Y"
PASSWORD = "Gongkai-test-2026"


@dataclass
class World:
    province: Any
    city: Any
    agency_a: Any
    agency_b: Any
    office_a: Any
    clerk_a: Any
    head_a: Any
    leader_a: Any
    principal_a: Any
    secrecy_a: Any
    clerk_b: Any
    supervisor: Any
    outsider: Any


@pytest.fixture
def world(db: Any) -> World:
    from django.contrib.auth import get_user_model

    from gongkai.agencies import operations as ops
    from gongkai.agencies.models import Role

    province = ops.add_region(None, code="620000", name="甘肃省")
    city = ops.add_region(None, code="620700", name="张掖市", parent=province)
    a = ops.add_agency(None, code=AGENCY_A_CODE, name="张掖市民族宗教事务委员会", region=city, slug="mzw")
    b = ops.add_agency(None, code=AGENCY_B_CODE, name="张掖市统计局", region=city, slug="tjj")
    office_a = ops.add_department(None, a, "办公室")

    def member(agency: Any, username: str, role: str, name: str) -> Any:
        return ops.add_member(None, agency, username=username, role=role, full_name=name, password=PASSWORD, department=office_a if agency == a else None).user

    clerk_a = member(a, "clerk_a", Role.CLERK, "王科员")
    head_a = member(a, "head_a", Role.OFFICE_ADMIN, "李主任")
    leader_a = member(a, "leader_a", Role.DEPUTY_LEADER, "赵副主任")
    principal_a = member(a, "principal_a", Role.PRINCIPAL_LEADER, "钱主任")
    secrecy_a = member(a, "secrecy_a", Role.SECRECY_REVIEWER, "孙审查员")
    clerk_b = member(b, "clerk_b", Role.CLERK, "周科员")
    supervisor = ops.add_supervisor(None, city, username="supervisor", full_name="吴督查", password=PASSWORD).user
    outsider = get_user_model().objects.create_user("outsider", password=PASSWORD)
    return World(province, city, a, b, office_a, clerk_a, head_a, leader_a, principal_a, secrecy_a, clerk_b, supervisor, outsider)


@pytest.fixture
def freeze_today(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Pin the business date used by operations and status: ``freeze_today(date)``."""

    def _freeze(day: dt.date) -> None:
        from gongkai.foi import services

        monkeypatch.setattr(services, "today", lambda: day)

    return _freeze


@pytest.fixture(autouse=True)
def _sqlite_append_only_flush(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Let the teardown flush of transactional tests empty append-only tables on SQLite.

    The flag is lowered when the test starts and raised only after the test body, just
    before pytest-django flushes (see gongkai.core.append_only.BYPASS_TABLE).
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or "transactional_db" in request.fixturenames or "live_server" in request.fixturenames
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")
    from django.db import connection

    from gongkai.core.append_only import BYPASS_TABLE

    def _set(value: int) -> None:
        if connection.vendor == "sqlite":
            with connection.cursor() as cur:
                cur.execute(f'UPDATE "{BYPASS_TABLE}" SET allow = %s', [value])

    _set(0)
    yield
    _set(1)


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):  # type: ignore[no-untyped-def]
    """Tests (and the live server) serve static files by their source names; the hashed
    manifest storage of production is exercised by ``make run`` (collectstatic)."""
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    """Hash the personas' passwords cheaply: the default PBKDF2 rounds cost seconds per
    test on this 2-core machine, and no test is about hashing strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fast_passwords() -> None:
    """Kept for the modules that ask for it by name (now the default for every test)."""


@pytest.fixture(autouse=True)
def _fresh_process_caches():  # type: ignore[no-untyped-def]
    """Process-level caches (the calendar, the derived-status memo) are keyed for a live
    database; tests roll back and reuse primary keys, so each test starts without them."""
    from gongkai.foi import services as foi_services
    from gongkai.workdays import services as workday_services

    workday_services.invalidate()
    foi_services.forget_statuses()
    yield
    workday_services.invalidate()
    foi_services.forget_statuses()
