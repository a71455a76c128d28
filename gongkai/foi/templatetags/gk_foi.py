from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def absval(value: int | None) -> int | None:
    return abs(value) if value is not None else None
