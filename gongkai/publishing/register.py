"""The catalogue as the annual report's document register (表二 第二十条第（一）项).

Implements ``gongkai.annual_report.register.DocumentRegister`` structurally (this app sits
below annual_report and does not import it): ``settings.GONGKAI_DOCUMENT_REGISTER =
"gongkai.publishing.register.CatalogueRegister"``. The entries counted are live entries
marked 规章 or 行政规范性文件; the counting rules are those of the interface's docstring:

- 本年制发件数: 成文日期 in Y;
- 本年废止件数: 废止日期 in Y;
- 现行有效件数: 成文日期 <= Y-12-31, not repealed by then, and not marked 失效 (an expired
  document has no date in the catalogue; it is no longer 现行有效);
- 本年新公开数量 / 对外公开总数量 (2019 format): 发布日期 in Y / published by Y-12-31 and in force.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from gongkai.publishing.models import CatalogEntry
from gongkai.publishing.rules.metadata import EXPIRED


@dataclass(frozen=True)
class KindCounts:
    """Same fields as annual_report.register.KindCounts."""

    issued: int = 0
    repealed: int = 0
    in_force: int = 0
    in_force_prev: int = 0
    published: int = 0
    total_public: int = 0
    records: int = 0


def _in_force_at(end: dt.date) -> Q:
    return Q(written_on__lte=end) & (Q(repealed_on__isnull=True) | Q(repealed_on__gt=end)) & ~Q(validity=EXPIRED)


class CatalogueRegister:
    name = "政府信息公开目录（规章、行政规范性文件）"

    def counts(self, agency_q: Q, year: int) -> dict[str, KindCounts]:
        start, end, prev_end = dt.date(year, 1, 1), dt.date(year, 12, 31), dt.date(year - 1, 12, 31)
        rows = (
            CatalogEntry.objects.live().filter(agency_q).exclude(document_kind="")
            .filter(written_on__lte=end)
            .values("document_kind")
            .annotate(
                issued=Count("pk", filter=Q(written_on__gte=start)),
                repealed=Count("pk", filter=Q(repealed_on__gte=start, repealed_on__lte=end)),
                in_force=Count("pk", filter=_in_force_at(end)),
                in_force_prev=Count("pk", filter=_in_force_at(prev_end)),
                published=Count("pk", filter=Q(published_on__gte=start, published_on__lte=end)),
                total_public=Count("pk", filter=Q(published_on__lte=end) & _in_force_at(end)),
                records=Count("pk"),
            )
            .order_by()
        )
        fields = ("issued", "repealed", "in_force", "in_force_prev", "published", "total_public", "records")
        return {r["document_kind"]: KindCounts(**{k: r[k] for k in fields}) for r in rows}
