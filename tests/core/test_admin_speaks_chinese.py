"""The back office home is in Chinese, including the strings Wagtail's own catalogue leaves
in English (gongkai/locale overrides them)."""

from __future__ import annotations

from tests.web_helpers import client_for


def test_the_admin_home_has_no_english_left_from_wagtail(world):
    html = client_for(world.head_a).get("/admin/").content.decode()
    assert "搜索全部页面" in html and "Search all pages" not in html
    assert "编辑指南" in html and "editor guide" not in html
    assert "Pages <span" not in html


def test_the_dashboards_review_panels_are_chinese_in_every_wagtail_template():
    """Every string of Wagtail's dashboard panels (the review panels show only to people with
    items in review, so they are checked against the catalogue, template by template)."""
    import re
    from pathlib import Path

    import wagtail.admin
    from django.utils import translation

    home = Path(wagtail.admin.__file__).parent / "templates" / "wagtailadmin" / "home"
    left = []
    with translation.override("zh-hans"):
        for name in ("user_objects_in_workflow_moderation.html", "workflow_objects_to_moderate.html",
                     "locked_pages.html", "recent_edits.html"):
            text = (home / name).read_text()
            for msgid in set(re.findall(r'_\("([^"]+)"\)', text)) | set(re.findall(r'{% trans "([^"]+)" %}', text)):
                if translation.gettext(msgid) == msgid:
                    left.append(f"{name}: {msgid}")
    assert left == []
