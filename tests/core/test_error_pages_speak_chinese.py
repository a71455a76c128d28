"""A citizen who mistypes an address, or meets a fault, reads Chinese, not Django's English."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.views import defaults

pytestmark = pytest.mark.django_db


def test_an_unknown_address_answers_404_in_chinese(client):
    response = client.get("/no-such-portal/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "您访问的页面不存在" in body
    assert "Not Found" not in body
    assert 'href="/"' in body


@pytest.mark.parametrize(
    ("view", "status", "words"),
    [
        (defaults.server_error, 500, "系统暂时出错"),
        (lambda r: defaults.permission_denied(r, PermissionError()), 403, "没有访问此页面的权限"),
        (lambda r: defaults.bad_request(r, ValueError()), 400, "请求有误"),
    ],
)
def test_error_pages_are_chinese(view, status, words):
    response = view(RequestFactory().get("/"))
    assert response.status_code == status
    body = response.content.decode()
    assert words in body
    assert '<html lang="zh-Hans">' in body
