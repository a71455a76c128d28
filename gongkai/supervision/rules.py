"""互联网+监管: grades, the 双随机 draw and the publication period of results. Pure.

双随机、一公开 (国办发〔2015〕58号 推广随机抽查规范事中事后监管): the entities to inspect and
the inspectors who go are both drawn at random, and the results are made public. We add:

- frequency by grade: each grade has the share of its entities drawn in one plan (守法诚信
  venues less often — the seed agency's report); ``quota = ceil(n × share / 100)``;
- 回避: an inspector recorded as conflicted with an entity is never assigned to it
  (行政处罚法第四十三条: 执法人员与案件有直接利害关系或者有其他关系可能影响公正执法的，应当回避);
- two inspectors per entity by default (行政处罚法第四十二条: 执法人员不得少于两人);
- reproducible: the draw is a function of its inputs and a recorded seed. Priorities are
  SHA-256 of (seed, purpose, ids), so the same record gives the same draw on any machine and
  any Python version, whatever the order the inputs are listed in.
"""

from __future__ import annotations

import hashlib
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Grade:
    code: str
    label: str
    share_percent: int  # share of the grade's entities drawn in one plan


# Configurable: settings.GONGKAI_SUPERVISION_GRADES. The shares are our defaults (UNVERIFIED):
# the law asks for a lower frequency for trustworthy entities, not for these numbers.
DEFAULT_GRADES: tuple[Grade, ...] = (
    Grade("A", "守法诚信", 10),
    Grade("B", "一般", 30),
    Grade("C", "重点", 100),
)

# 行政处罚法第四十二条: at least two 执法人员.
DEFAULT_INSPECTORS_PER_ENTITY = 2


class DrawError(ValueError):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class DrawInput:
    entities: Mapping[int, str]  # entity id -> grade code
    inspectors: frozenset[int]
    conflicts: frozenset[tuple[int, int]]  # (inspector id, entity id): 回避
    shares: Mapping[str, int]  # grade code -> percent
    per_entity: int = DEFAULT_INSPECTORS_PER_ENTITY


@dataclass(frozen=True)
class Assignment:
    entity: int
    inspectors: tuple[int, ...]


@dataclass(frozen=True)
class Draw:
    seed: int
    assignments: tuple[Assignment, ...]  # ordered by entity id
    quotas: Mapping[str, int]  # grade -> entities drawn

    def as_dict(self) -> dict[int, tuple[int, ...]]:
        return {a.entity: a.inspectors for a in self.assignments}


def quota(count: int, share_percent: int) -> int:
    """Entities of a grade drawn in one plan: the share rounded up (a grade with any entity
    and a share above 0 always gets at least one inspection)."""
    if count <= 0 or share_percent <= 0:
        return 0
    return min(count, math.ceil(count * share_percent / 100))


def priority(seed: int, *parts: object) -> bytes:
    """A reproducible pseudo-random key for (seed, parts)."""
    text = ":".join(str(p) for p in (seed, *parts))
    return hashlib.sha256(text.encode()).digest()


def eligible(inspectors: Iterable[int], entity: int, conflicts: frozenset[tuple[int, int]]) -> list[int]:
    return sorted(i for i in inspectors if (i, entity) not in conflicts)


def draw(inp: DrawInput, seed: int) -> Draw:
    """Draw the entities of each grade (their quota) and the inspectors of each entity.

    Inspectors are spread evenly: each entity takes the eligible inspectors with the fewest
    assignments so far, ties broken by the seeded priority. Raises ``DrawError`` when a grade
    is unknown or a drawn entity has fewer eligible inspectors than needed.
    """
    if inp.per_entity < 1:
        raise DrawError("每个检查对象至少派出1名检查人员", "per_entity")
    by_grade: dict[str, list[int]] = {}
    for entity, grade in inp.entities.items():
        if grade not in inp.shares:
            raise DrawError(f"检查对象的信用等级“{grade}”不在等级设置中", "grade")
        by_grade.setdefault(grade, []).append(entity)
    chosen: list[int] = []
    quotas: dict[str, int] = {}
    for grade in sorted(by_grade):
        members = by_grade[grade]
        k = quota(len(members), inp.shares[grade])
        quotas[grade] = k
        chosen += sorted(members, key=lambda e: priority(seed, "entity", e))[:k]
    load = dict.fromkeys(inp.inspectors, 0)
    assignments = []
    # Entities in a seeded order, so no entity id systematically gets the least-loaded pick.
    for entity in sorted(chosen, key=lambda e: priority(seed, "order", e)):
        pool = eligible(inp.inspectors, entity, inp.conflicts)
        if len(pool) < inp.per_entity:
            raise DrawError(
                f"检查对象（编号{entity}）回避后可派的检查人员只有{len(pool)}名，少于每个对象{inp.per_entity}名", "inspectors"
            )
        picked = sorted(pool, key=lambda i: (load[i], priority(seed, "inspector", entity, i)))[: inp.per_entity]
        for i in picked:
            load[i] += 1
        assignments.append(Assignment(entity, tuple(sorted(picked))))
    return Draw(seed, tuple(sorted(assignments, key=lambda a: a.entity)), quotas)


def shares_of(grades: Sequence[Grade]) -> dict[str, int]:
    return {g.code: g.share_percent for g in grades}


def check_grades(grades: Sequence[Grade]) -> None:
    """Grades are unique, shares within 0–100, and a better grade is never drawn more often
    than a worse one (grades are listed best first)."""
    codes = [g.code for g in grades]
    if len(set(codes)) != len(codes) or not codes:
        raise DrawError("信用等级代码不能为空或重复", "grades")
    for g in grades:
        if not 0 <= g.share_percent <= 100:
            raise DrawError(f"等级{g.code}的抽查比例应在0到100之间", "grades")
    for better, worse in itertools.pairwise(grades):
        if better.share_percent > worse.share_percent:
            raise DrawError(f"等级{better.code}（{better.label}）的抽查比例不应高于等级{worse.code}（{worse.label}）", "grades")


# 双随机、一公开: results are published. The period is our default (UNVERIFIED), configurable:
# settings.GONGKAI_RULES["inspection_publish_workdays"].
DEFAULT_PUBLISH_WORKDAYS = 20


class Result:
    """Results of an inspection (抽查结果), as commonly published."""

    NO_PROBLEM = "no_problem"
    RECTIFY = "rectify"
    CASE_FILED = "case_filed"
    NOT_FOUND = "not_found"

    LABELS: Mapping[str, str] = {
        NO_PROBLEM: "未发现问题",
        RECTIFY: "发现问题，已责令整改",
        CASE_FILED: "发现问题，已立案查处",
        NOT_FOUND: "未找到检查对象",
    }
    # Findings must be described when something was found.
    NEEDS_FINDINGS = frozenset({RECTIFY, CASE_FILED})
