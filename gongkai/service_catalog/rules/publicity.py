"""Which 办件 results are shown to the public (公示), and how the holder is named. Pure.

- 条例第二十条第五项: 行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果 are
  proactively disclosed.
- 行政许可法第四十条: 行政机关作出的准予行政许可决定，应当予以公开，公众有权查阅.
- 条例第十五条: 个人隐私 is not disclosed, so a natural person is shown by a masked name;
  organisations (e.g. a 宗教活动场所, a registered legal person) are shown by their name.
"""

from __future__ import annotations

from collections.abc import Collection

from gongkai.service_catalog.rules.cases import Decision
from gongkai.service_catalog.rules.items import LICENSING

# Default: approved licences only (the one case the law names). Configurable in settings:
# GONGKAI_RULES["service_publish_types"].
DEFAULT_PUBLISHED_TYPES: tuple[str, ...] = (LICENSING,)


def is_published(item_type: str, decision: Decision | None, concluded: bool, published_types: Collection[str]) -> bool:
    """Whether a concluded case appears in the 公示 list."""
    return concluded and decision is Decision.APPROVED and item_type in published_types


def holder_name(name: str, is_person: bool) -> str:
    """The holder as shown in the 公示: organisations in full, people masked (条例第十五条)."""
    name = name.strip()
    if not is_person:
        return name
    if len(name) <= 1:
        return "*"
    return name[0] + "*" * (len(name) - 1)


def lookup_name_matches(given: str, recorded: str) -> bool:
    """The result lookup needs the applicant's exact name (spaces ignored, full-width
    spaces too): a wrong name finds nothing, so a 办件编号 alone reveals no one's case."""

    def norm(v: str) -> str:
        return "".join(v.split()).replace("\u3000", "")

    return bool(norm(given)) and norm(given) == norm(recorded)
