"""信息处理费 per 国办函〔2020〕109号《政府信息公开信息处理费管理办法》 (fees.md).

Two methods, both 超额累进 (marginal bands); one method per application, never both
(第三条). Amounts are whole 元, returned as Decimal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class FeeMethod(StrEnum):
    PER_PIECE = "per_piece"  # 按件计收
    PER_PAGE = "per_page"  # 按量计收

    @property
    def label(self) -> str:
        return "按件计收" if self is FeeMethod.PER_PIECE else "按量计收"


LEDGER_METHODS = {"按件": FeeMethod.PER_PIECE, "按量": FeeMethod.PER_PAGE}
METHOD_TO_LEDGER = {FeeMethod.PER_PIECE: "按件", FeeMethod.PER_PAGE: "按量"}


@dataclass(frozen=True)
class Band:
    first: int  # first piece/page of the band (1-based, inclusive)
    last: int | None  # inclusive; None = open-ended
    rate: int  # 元 per piece/page


@dataclass(frozen=True)
class BandCharge:
    first: int
    last: int
    rate: int
    count: int
    subtotal: int


def piece_rate(k: int) -> int:
    """The rate in 元 for the k-th piece an applicant files in a natural month.

    # 109号第四条: 同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；
    #   11—30件（含30件）的部分：100元/件；31件以上的部分：以10件为一档，
    #   每增加一档，收费标准提高100元/件。
    """
    if k < 1:
        raise ValueError("件数序号从1开始")
    if k <= 10:
        return 0
    if k <= 30:
        return 100
    return 100 + 100 * ((k - 30 + 9) // 10)  # ceil((k - 30) / 10)


def page_rate(p: int) -> int:
    """The rate in 元 for the p-th page of one application's output.

    # 109号第五条: 30页以下（含30页）的，不收费；31—100页（含100页）的部分：10元/页；
    #   101—200页（含200页）的部分：20元/页；201页以上的部分：40元/页。
    """
    if p < 1:
        raise ValueError("页数序号从1开始")
    if p <= 30:
        return 0
    if p <= 100:
        return 10
    if p <= 200:
        return 20
    return 40


def _charges(rate_of, first: int, count: int) -> list[BandCharge]:  # type: ignore[no-untyped-def]
    """Group consecutive units by rate. Units run first..first+count-1."""
    out: list[BandCharge] = []
    for unit in range(first, first + count):
        rate = rate_of(unit)
        if out and out[-1].rate == rate and out[-1].last == unit - 1:
            c = out[-1]
            out[-1] = BandCharge(c.first, unit, rate, c.count + 1, c.subtotal + rate)
        else:
            out.append(BandCharge(unit, unit, rate, 1, rate))
    return out


def pieces_charges(first_ordinal: int, count: int) -> list[BandCharge]:
    """Charges for ``count`` pieces whose monthly ordinals start at ``first_ordinal``.

    An application split by "一事一申请" into several pieces takes consecutive ordinals
    after the applicant's earlier pieces of the same natural month (fees.md example 6).
    """
    if first_ordinal < 1 or count < 0:
        raise ValueError("件数必须为正")
    return _charges(piece_rate, first_ordinal, count)


def pieces_fee(first_ordinal: int, count: int) -> Decimal:
    return Decimal(sum(c.subtotal for c in pieces_charges(first_ordinal, count)))


def pages_charges(pages: int) -> list[BandCharge]:
    if pages < 0:
        raise ValueError("页数不能为负")
    return _charges(page_rate, 1, pages)


def pages_fee(pages: int) -> Decimal:
    return Decimal(sum(c.subtotal for c in pages_charges(pages)))


def same_month(a: dt.date, b: dt.date) -> bool:
    """The piece count resets every natural month (自然月)."""
    return (a.year, a.month) == (b.year, b.month)


def format_yuan(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('0.01'))}"
