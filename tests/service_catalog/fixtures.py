"""Fixtures of the 政务服务事项 / 办件 tests, shared as a plugin (tests/conftest.py loads it):
the annual report's tests build licence cases with them too."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest


@pytest.fixture
def case_today(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Pin the business date of the 办件 operations and status: ``case_today(date)``."""

    def _freeze(day: dt.date) -> None:
        from gongkai.service_catalog import services

        monkeypatch.setattr(services, "today", lambda: day)

    return _freeze


@pytest.fixture
def make_item(world: Any):  # type: ignore[no-untyped-def]
    """A published item of agency A (or of ``agency``), made with the real operations."""
    from gongkai.service_catalog import operations as ops

    serial = iter(range(1, 10000))
    editors: dict[Any, Any] = {world.agency_a: world.head_a}

    def editor_of(agency: Any) -> Any:
        if agency not in editors:  # B has only a clerk in the personas: give it an office admin
            from gongkai.agencies import operations as agency_ops
            from gongkai.agencies.models import Role

            editors[agency] = agency_ops.add_member(None, agency, username=f"head_{agency.slug}", role=Role.OFFICE_ADMIN, full_name="周主任").user
        return editors[agency]

    def _make(*, type_code: str = "XK", instant: bool = False, promised: int | None = None, legal: int = 20,
              agency: Any = None, name: str = "宗教活动场所筹备设立审批", publish: bool = True) -> Any:
        agency = agency or world.agency_a
        editor = editor_of(agency)
        n = next(serial)
        item = ops.create_item(editor, agency, ops.ItemData(
            code=f"62070000MZ-{type_code}-{n:04d}", name=name, type_code=type_code,
            legal_basis="《宗教事务条例》第二十三条", promised_workdays=0 if instant else (promised if promised is not None else 10),
            legal_workdays=legal, instant=instant, materials="申请书\n场所负责人身份证明",
        ))
        if publish:
            item = ops.publish_item(editor, item)
        return item

    return _make
