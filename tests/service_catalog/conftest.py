"""Fixtures of the 政务服务事项 / 办件 tests: ``case_today`` and ``make_item`` live in
tests/service_catalog/fixtures.py (a plugin loaded by tests/conftest.py)."""

from __future__ import annotations

from tests.web_helpers import fast_passwords  # noqa: F401 (fixture)
