"""权责清单: categories, the revisions of an item and the list as of a date. Pure.

catalog-metadata.md §8: an item has 职权名称、职权类型、职权编码、设定依据、责任事项 (stage by
stage: 立案责任、调查取证责任、审理责任、告知责任、决定责任、送达责任、执行责任 …) and 追责情形.
The list is adjusted over time; each adjustment is dated (the day it takes effect) and
explained, and the list as of any date is the latest revision of each item on that date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

# catalog-metadata.md §8: the common 10-type list (UNVERIFIED; configurable with
# settings.GONGKAI_POWER_CATEGORIES). Note it differs from the 政务服务事项 types.
DEFAULT_CATEGORIES: tuple[str, ...] = (
    "行政许可", "行政处罚", "行政强制", "行政征收", "行政给付",
    "行政检查", "行政确认", "行政奖励", "行政裁决", "其他行政权力",
)

# The usual stages of 责任事项 (catalog-metadata.md §8), offered as a starting point.
COMMON_DUTY_STAGES: tuple[str, ...] = ("受理责任", "审查责任", "决定责任", "送达责任", "事后监管责任", "其他法律法规规章文件规定应履行的责任")


class RevisionKind(StrEnum):
    ADDED = "added"  # 新增 (also the first entry of the initial list)
    CHANGED = "changed"  # 调整
    REMOVED = "removed"  # 取消

    @property
    def label(self) -> str:
        return {"added": "新增", "changed": "调整", "removed": "取消"}[self.value]


@dataclass(frozen=True)
class Revision:
    seq: int
    kind: RevisionKind
    effective_on: dt.date
    name: str = ""
    category: str = ""


class RevisionError(ValueError):
    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def current(revisions: Sequence[Revision], on: dt.date) -> Revision | None:
    """The revision in force on ``on``: the last one (by date, then order) taking effect on or
    before it. None when the item did not exist yet or had been removed."""
    latest = None
    for r in sorted(revisions, key=lambda r: (r.effective_on, r.seq)):
        if r.effective_on > on:
            break
        latest = r
    if latest is None or latest.kind is RevisionKind.REMOVED:
        return None
    return latest


def check_revision(history: Sequence[Revision], new: Revision, categories: Iterable[str], reason: str) -> None:
    """Refuse an adjustment that would make the history unreadable. History is linear: a new
    revision cannot take effect before the latest one, so the list as of any date is defined."""
    last = max(history, key=lambda r: (r.effective_on, r.seq)) if history else None
    if last is not None and new.effective_on < last.effective_on:
        raise RevisionError(f"调整生效日期不能早于上一次调整的生效日期（{last.effective_on:%Y-%m-%d}）", "effective_on")
    active = last is not None and last.kind is not RevisionKind.REMOVED
    if new.kind is RevisionKind.ADDED and active:
        raise RevisionError("该事项已在清单中，请使用“调整”", "kind")
    if new.kind in (RevisionKind.CHANGED, RevisionKind.REMOVED) and not active:
        raise RevisionError("该事项不在清单中，不能调整或取消", "kind")
    if new.kind is not RevisionKind.REMOVED:
        if len(new.name.strip()) < 2:
            raise RevisionError("请填写职权名称", "name")
        if new.category not in set(categories):
            raise RevisionError("请从列表中选择职权类型", "category")
    # Every adjustment is explained (the seed report: 无法律政策依据的事项 are cancelled).
    if len(reason.strip()) < 4:
        raise RevisionError("请写明调整说明（新增、调整或取消的理由和依据）", "reason")


def count_by_category(items: Iterable[Revision], categories: Sequence[str]) -> list[tuple[str, int]]:
    """(category, count) in the configured order, then any category no longer configured."""
    counts: dict[str, int] = {}
    for r in items:
        counts[r.category] = counts.get(r.category, 0) + 1
    ordered = [(c, counts.pop(c)) for c in categories if c in counts]
    return ordered + sorted(counts.items())
