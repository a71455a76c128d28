"""The register of 规章 and 行政规范性文件 behind one interface (表二 第二十条第（一）项).

Today the register is ``RegisteredDocument``; when the 主动公开 catalogue lands, its items
of these types (with 成文日期 and 废止日期) feed 表二 by implementing ``DocumentRegister``
and being named in ``settings.GONGKAI_DOCUMENT_REGISTER``.

Counting for year Y (annual-report-format.md §3 and §8.1):
- 本年制发件数 (2021) / 本年新制作数量 (2019): 成文日期 in Y;
- 本年废止件数: 废止日期 in Y;
- 现行有效件数: 成文日期 <= Y-12-31 and (no 废止日期 or 废止日期 > Y-12-31);
- 本年新公开数量 (2019): 公开日期 in Y;
- 对外公开总数量 (2019): 公开日期 <= Y-12-31 and in force at year end (our reading:
  the documents publicly available at the end of the year; the format text is UNVERIFIED).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.db.models import Count, Q
from django.utils.module_loading import import_string

from gongkai.annual_report.models import RegisteredDocument

MEASURES = ("issued", "repealed", "in_force", "in_force_prev", "published", "total_public")


@dataclass(frozen=True)
class KindCounts:
    issued: int = 0
    repealed: int = 0
    in_force: int = 0
    in_force_prev: int = 0  # 现行有效 at the end of Y−1 (for D2)
    published: int = 0
    total_public: int = 0
    records: int = 0  # documents looked at, for provenance


class DocumentRegister(Protocol):
    """Anything that can count an agency's 规章 / 行政规范性文件 for a year."""

    name: str  # for provenance, e.g. "规章和规范性文件登记簿"

    def counts(self, agency_q: Q, year: int) -> dict[str, KindCounts]:
        """{kind: counts} for kinds "rules" and "normative"; ``agency_q`` filters on ``agency``."""
        ...


def _in_force_at(end: dt.date) -> Q:
    return Q(written_on__lte=end) & (Q(repealed_on__isnull=True) | Q(repealed_on__gt=end))


class RegisterTable:
    name = "规章和规范性文件登记簿"

    def counts(self, agency_q: Q, year: int) -> dict[str, KindCounts]:
        start, end, prev_end = dt.date(year, 1, 1), dt.date(year, 12, 31), dt.date(year - 1, 12, 31)
        rows = (
            RegisteredDocument.objects.filter(agency_q)
            .filter(written_on__lte=end)
            .values("kind")
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
        return {r["kind"]: KindCounts(**{k: r[k] for k in (*MEASURES, "records")}) for r in rows}


class CombinedRegister:
    """This register plus the registers other apps supply (the 主动公开 catalogue): 表二
    counts documents published through the catalogue and documents registered here —
    which is for those that were never published through the platform (earlier years,
    documents published elsewhere). A document must be in one of them, not both."""

    def __init__(self, registers: list[DocumentRegister]) -> None:
        self.registers = registers
        self.name = "、".join(r.name for r in registers)

    def counts(self, agency_q: Q, year: int) -> dict[str, KindCounts]:
        total: dict[str, dict[str, int]] = {}
        for register in self.registers:
            for kind, c in register.counts(agency_q, year).items():
                acc = total.setdefault(kind, dict.fromkeys((*MEASURES, "records"), 0))
                for key in acc:
                    acc[key] += getattr(c, key)
        return {kind: KindCounts(**values) for kind, values in total.items()}


def document_register() -> DocumentRegister:
    """The register 表二 counts: this app's table, plus ``settings.GONGKAI_DOCUMENT_REGISTER``
    (an import path, e.g. the 主动公开 catalogue) when one is configured."""
    path = getattr(settings, "GONGKAI_DOCUMENT_REGISTER", "")
    if not path:
        return RegisterTable()
    return CombinedRegister([import_string(path)(), RegisterTable()])
