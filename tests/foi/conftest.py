"""Fixtures of the 依申请公开 rule tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def fast_passwords(settings):  # type: ignore[no-untyped-def]
    """The personas' passwords are hashed with a cheap hasher: these tests never log in,
    and the default PBKDF2 rounds make the ``world`` fixture cost seconds per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
