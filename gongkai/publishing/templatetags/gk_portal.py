from __future__ import annotations

from typing import Any

from django import template

from gongkai.publishing.services import page_url

register = template.Library()


@register.filter
def purl(page: Any, portal: Any) -> str:
    """The URL of a portal page, computed from its url_path (no per-page site lookup)."""
    return page_url(portal, page.url_path)
