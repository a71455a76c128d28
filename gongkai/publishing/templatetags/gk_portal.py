from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.template.defaultfilters import date as date_filter

from gongkai.publishing.services import page_url

register = template.Library()


@register.filter
def purl(page: Any, portal: Any) -> str:
    """The URL of a portal page, computed from its url_path (no per-page site lookup)."""
    return page_url(portal, page.url_path)


@register.filter
def ymd(value: Any) -> str:
    """``|date:"Y-m-d"`` for a date (a tenth of its cost: Django's filter looks the format up in
    the active language's formats on every call, 20 times on a list page). Datetimes go to
    Django's filter, which shows them in the current time zone."""
    if type(value) is dt.date:
        return value.isoformat()
    return date_filter(value, "Y-m-d")
