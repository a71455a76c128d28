"""索引号: a per-agency pattern, filled with a serial that is never reused.

No national coding rule was found (catalog-metadata.md §3, UNVERIFIED); most portals use
``<organisation code>/<year>-<5-digit serial>``. The pattern is configurable per agency;
the serial restarts every year when the pattern contains ``{year}``.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

DEFAULT_PATTERN = "{credit_code}/{year}-{seq:05d}"
FIELDS = {"credit_code", "org_code", "year", "month", "seq"}


class PatternError(ValueError):
    pass


@dataclass(frozen=True)
class IndexContext:
    credit_code: str  # 统一社会信用代码, 18 characters
    year: int
    month: int

    @property
    def org_code(self) -> str:
        """The old 9-character 组织机构代码 inside the credit code (characters 9–17, GB 32100)."""
        return self.credit_code[8:17]


def fields_of(pattern: str) -> set[str]:
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        raise PatternError(f"索引号格式无法解析：{exc}") from None
    return {name for _, name, _, _ in parsed if name is not None}


def check_pattern(pattern: str) -> None:
    """Refuse a pattern that could produce duplicates or that names unknown fields."""
    names = fields_of(pattern)
    unknown = names - FIELDS
    if unknown or "" in names:
        raise PatternError("索引号格式只能使用 {credit_code} {org_code} {year} {month} {seq}：" + "、".join(sorted(unknown or {"{}"})))
    if "seq" not in names:
        raise PatternError("索引号格式必须包含流水号 {seq}，否则无法保证唯一")
    if "month" in names and "year" not in names:
        raise PatternError("使用 {month} 时必须同时使用 {year}")
    if not ({"credit_code", "org_code"} & names):
        raise PatternError("索引号格式应包含机关代码 {credit_code} 或 {org_code}")
    try:
        format_index_no(pattern, IndexContext("11620700MB1234567D", 2024, 1), 1)
    except (ValueError, KeyError, IndexError) as exc:
        raise PatternError(f"索引号格式无法使用：{exc}") from None


def sequence_scope(pattern: str, agency_id: int, year: int) -> str:
    """The counter a serial is drawn from: per agency, and per year when the year is in the number."""
    return f"publishing.index_no:{agency_id}:{year}" if "year" in fields_of(pattern) else f"publishing.index_no:{agency_id}"


def format_index_no(pattern: str, ctx: IndexContext, seq: int) -> str:
    return pattern.format(credit_code=ctx.credit_code, org_code=ctx.org_code, year=ctx.year, month=ctx.month, seq=seq)
