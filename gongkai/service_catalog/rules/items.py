"""政务服务事项: the types, the item code and the checks on an item's facts. Pure.

Sources: catalog-metadata.md §7 (国发〔2022〕5号 as restated by a district plan):
政务服务事项 = 依申请办理的行政权力事项 (行政许可、行政确认、行政裁决、行政给付、行政奖励、
行政备案及其他行政权力事项) + 公共服务事项.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# The type whose decisions 表二 counts (条例第二十条第五项; catalog-metadata.md §7).
LICENSING = "XK"


@dataclass(frozen=True)
class ItemType:
    code: str  # the 事项类型代码 of the item code, e.g. XK in 62052400MZ-XK-0001
    label: str


# The default list (configurable: settings.GONGKAI_SERVICE_ITEM_TYPES). The two-letter codes
# follow the example pattern of catalog-metadata.md §7 (XK = 许可); the others are ours.
DEFAULT_ITEM_TYPES: tuple[ItemType, ...] = (
    ItemType("XK", "行政许可"),
    ItemType("QR", "行政确认"),
    ItemType("JF", "行政给付"),
    ItemType("JL", "行政奖励"),
    ItemType("CJ", "行政裁决"),
    ItemType("BA", "行政备案"),
    ItemType("QT", "其他行政权力"),
    ItemType("GG", "公共服务"),
)

# 事项编码 (catalog-metadata.md §7): "<10-char 办理主体编码>-<事项类型代码>-<4-digit serial>",
# e.g. 62052400MZ-XK-0001. Local catalogues differ, so we accept any code of letters, digits
# and hyphens, and only check the type part when the code has that shape.
CODE_RE = re.compile(r"^[0-9A-Z][0-9A-Z-]{2,39}$")
PATTERN_RE = re.compile(r"^(?P<subject>[0-9A-Z]{10})-(?P<type>[A-Z]{2})-(?P<serial>\d{4})$")

MAX_WORKDAYS = 365


class ItemError(ValueError):
    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def normalise_code(code: str) -> str:
    return (code or "").strip().upper().replace("－", "-").replace("—", "-")


@dataclass(frozen=True)
class ItemFacts:
    code: str
    name: str
    type_code: str
    legal_basis: str
    promised_workdays: int
    legal_workdays: int
    instant: bool


def check_item(facts: ItemFacts, types: Sequence[ItemType]) -> None:
    """Refuse an item whose facts cannot be published as a 办事指南 (条例第二十条第五项:
    依据、条件、程序). Raises ``ItemError`` naming the field."""
    code = normalise_code(facts.code)
    if not CODE_RE.match(code):
        raise ItemError("事项编码只能包含大写字母、数字和连字符，3到40位，如 62070000MZ-XK-0001", "code")
    known = {t.code for t in types}
    if facts.type_code not in known:
        raise ItemError("请从列表中选择事项类型", "type_code")
    m = PATTERN_RE.match(code)
    if m and m["type"] in known and m["type"] != facts.type_code:
        label = next(t.label for t in types if t.code == m["type"])
        raise ItemError(f"事项编码中的类型代码“{m['type']}”表示{label}，与所选事项类型不一致", "code")
    if not facts.name.strip():
        raise ItemError("请填写事项名称", "name")
    # 设定依据 (catalog-metadata.md §7): laws, regulations, rules or normative documents.
    if len(facts.legal_basis.strip()) < 4:
        raise ItemError("请填写设定依据（法律、法规、规章或规范性文件的名称和条款）", "legal_basis")
    for field, value, label in (
        ("legal_workdays", facts.legal_workdays, "法定时限"),
        ("promised_workdays", facts.promised_workdays, "承诺时限"),
    ):
        if not 0 <= value <= MAX_WORKDAYS:
            raise ItemError(f"{label}应为0到{MAX_WORKDAYS}之间的工作日数", field)
    # A promise may be shorter than the law, never longer.
    if facts.legal_workdays and facts.promised_workdays > facts.legal_workdays:
        raise ItemError("承诺时限不能长于法定时限", "promised_workdays")
    # 即办件: concluded on the day of acceptance, so the promise is 0 working days.
    if facts.instant and facts.promised_workdays != 0:
        raise ItemError("即办件当场办结，承诺时限应为0个工作日", "promised_workdays")
    if not facts.instant and facts.promised_workdays == 0:
        raise ItemError("承诺时限为0个工作日的事项应勾选“即办件”", "instant")
