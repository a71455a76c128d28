"""The back office home is in Chinese, including the strings Wagtail's own catalogue leaves
in English (gongkai/locale overrides them)."""

from __future__ import annotations

from tests.web_helpers import client_for


def test_the_admin_home_has_no_english_left_from_wagtail(world):
    html = client_for(world.head_a).get("/admin/").content.decode()
    assert "搜索全部页面" in html and "Search all pages" not in html
    assert "编辑指南" in html and "editor guide" not in html
    assert "Pages <span" not in html
