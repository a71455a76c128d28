"""Figures for the annual report, counted from 办件 in the database.

表二 第二十条第（五）项 行政许可 “本年处理决定数量” (catalog-metadata.md §7): the 行政许可
办件 concluded in the report year whose decision is one of the configured kinds
(``GONGKAI_RULES["licensing_decisions_counted"]``, default 准予许可 and 不予许可; which
kinds count is UNVERIFIED, see docs/rules.md). A case counts in the year of its 办结日期,
under the type the item had when the application was registered.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from gongkai.service_catalog import services
from gongkai.service_catalog.models import Case
from gongkai.service_catalog.rules.cases import Decision, decision_label
from gongkai.service_catalog.rules.items import LICENSING


def supplies_licensing(agency_ids: list[int]) -> bool:
    """Whether these agencies keep 行政许可 items in the catalogue: then the annual report
    counts the figure from 办件 instead of asking staff to type it."""
    from gongkai.service_catalog.models import ServiceItem

    return ServiceItem.objects.filter(agency_id__in=list(agency_ids), type_code=LICENSING).exists()


def licensing_decisions(agency_ids: list[int], year: int) -> tuple[int, str]:
    """(count, provenance in Chinese) of 行政许可 decisions of ``agency_ids`` in ``year``."""
    counted = services.counted_decisions()
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    by_decision = dict(
        Case.objects.filter(
            agency_id__in=list(agency_ids), item_type=LICENSING, concluded_on__gte=start, concluded_on__lte=end,
            decision__in=[d.value for d in counted],
        )
        .values_list("decision")
        .annotate(n=Count("pk"))
        .order_by()
    )
    total = sum(by_decision.values())
    parts = "、".join(f"{decision_label(d, True)}{by_decision.get(d.value, 0)}件" for d in Decision if d in counted)
    text = f"由{total}件行政许可办件计算（{parts}；按{year}年内的办结日期计入）"
    return total, text


def licensing_decision_numbers(agency_ids: list[int], year: int) -> list[str]:
    """The 办件编号 behind ``licensing_decisions`` (for a check list or a drill-down)."""
    counted = [d.value for d in services.counted_decisions()]
    return list(
        Case.objects.filter(
            Q(agency_id__in=list(agency_ids)), item_type=LICENSING, concluded_on__year=year, decision__in=counted
        ).order_by("number").values_list("number", flat=True)
    )
