"""Fixtures of these tests: cheap password hashing for the personas."""

from __future__ import annotations

from tests.web_helpers import fast_passwords  # noqa: F401 (fixture)
