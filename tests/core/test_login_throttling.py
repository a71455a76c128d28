"""Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
username from one address, that pair is locked out; the right password is refused too;
other users, and the same user from another address, are not affected."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.web_helpers import fast_passwords  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("fast_passwords")

IP = "203.0.113.7"


def login(client: Client, username: str, password: str, ip: str = IP) -> Any:
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def lock_out(username: str, ip: str = IP) -> list[Any]:
    c = Client()
    return [login(c, username, "wrong-password", ip) for _ in range(settings.AXES_FAILURE_LIMIT)]


def test_the_limit_is_five_failures():
    assert settings.AXES_ENABLED and settings.AXES_FAILURE_LIMIT == 5


def test_the_right_password_logs_in(world):
    c = Client()
    r = login(c, "clerk_a", PASSWORD)
    assert r.status_code == 302 and logged_in(c)


def test_fewer_wrong_passwords_than_the_limit_do_not_lock(world):
    c = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        r = login(c, "clerk_a", "wrong-password")
        assert r.status_code == 200 and not logged_in(c)  # the form again, with its error
    r = login(c, "clerk_a", PASSWORD)
    assert r.status_code == 302 and logged_in(c)


def test_five_wrong_passwords_lock_the_account_from_that_address_even_for_the_right_password(world):
    responses = lock_out("clerk_a")
    assert [r.status_code for r in responses[:-1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert responses[-1].status_code == 429  # the last failure answers with the lockout
    c = Client()
    r = login(c, "clerk_a", PASSWORD)
    assert r.status_code == 429
    assert not logged_in(c)
    page = r.content.decode()
    assert "登录已暂时锁定" in page and f"连续{settings.AXES_FAILURE_LIMIT}次" in page
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    assert f"请{minutes}分钟后再试" in page
    assert c.get(reverse("wagtailadmin_home")).status_code == 302  # still sent to the login page


def test_another_user_from_the_same_address_is_not_affected(world):
    lock_out("clerk_a")
    c = Client()
    r = login(c, "head_a", PASSWORD)
    assert r.status_code == 302 and logged_in(c)


def test_the_same_user_from_another_address_is_not_affected(world):
    lock_out("clerk_a")
    c = Client()
    r = login(c, "clerk_a", PASSWORD, ip="198.51.100.20")
    assert r.status_code == 302 and logged_in(c)


def test_an_unknown_username_is_throttled_the_same_way(world):
    responses = lock_out("nobody")
    assert responses[-1].status_code == 429
