"""Read side of the 权责清单: configured categories, the list as of a date."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.utils import timezone

from gongkai.powers.models import PowerItem, PowerRevision
from gongkai.powers.rules import DEFAULT_CATEGORIES, current


def today() -> dt.date:
    return timezone.localdate()


def categories() -> tuple[str, ...]:
    return tuple(getattr(settings, "GONGKAI_POWER_CATEGORIES", None) or DEFAULT_CATEGORIES)


def list_as_of(items: Any, on: dt.date) -> list[PowerRevision]:
    """The revisions in force on ``on`` of the given items (a queryset of PowerItem), in
    category order then code: the 权责清单 as it stood that day."""
    by_item: dict[int, list[PowerRevision]] = defaultdict(list)
    for r in PowerRevision.objects.filter(item__in=items, effective_on__lte=on).select_related("item").order_by("item_id", "seq"):
        by_item[r.item_id].append(r)
    out = []
    for revisions in by_item.values():
        rule = current([r.as_rule() for r in revisions], on)
        if rule is not None:
            out.append(next(r for r in revisions if r.seq == rule.seq))
    order = {c: n for n, c in enumerate(categories())}
    return sorted(out, key=lambda r: (order.get(r.category, len(order)), r.item.code))


def history(item: PowerItem) -> list[PowerRevision]:
    return list(item.revisions.order_by("effective_on", "seq"))
