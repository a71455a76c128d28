"""行政复议 / 行政诉讼 cases about disclosure decisions: kinds, results, decisions. Pure.

The annual report counts these cases in 表四 (annual-report-format.md §5): three blocks
(行政复议, 行政诉讼 未经复议直接起诉, 行政诉讼 复议后起诉), each by result 维持 / 纠正 / 其他,
or 尚未审结. The format does not define which decision counts as which result
(UNVERIFIED), so the mapping from the decision types of the laws to the three results is
data with a default (§5) that a deployment may replace.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class CaseKind(StrEnum):
    # Keys are the block keys of 表四 in the report schema.
    REVIEW = "review"
    LIT_DIRECT = "lit_direct"
    LIT_AFTER_REVIEW = "lit_after_review"

    @property
    def label(self) -> str:
        return CASE_KIND_LABELS[self]

    @property
    def is_litigation(self) -> bool:
        return self is not CaseKind.REVIEW


# The ledger's 类型 words (ledger-format.md §2).
CASE_KIND_LABELS: dict[CaseKind, str] = {
    CaseKind.REVIEW: "行政复议",
    CaseKind.LIT_DIRECT: "行政诉讼-直接起诉",
    CaseKind.LIT_AFTER_REVIEW: "行政诉讼-复议后起诉",
}


class Result(StrEnum):
    # Keys are the result columns of 表四 in the report schema.
    MAINTAIN = "maintain"
    CORRECT = "correct"
    OTHER = "other"

    @property
    def label(self) -> str:
        return RESULT_LABELS[self]


# The ledger's 结果 words (ledger-format.md §2).
RESULT_LABELS: dict[Result, str] = {Result.MAINTAIN: "维持", Result.CORRECT: "纠正", Result.OTHER: "其他"}


def kind_from_text(text: str) -> CaseKind:
    value = (text or "").strip().replace(" ", "").replace("－", "-").replace("—", "-")
    for kind, label in CASE_KIND_LABELS.items():
        if value in (label, kind.value):
            return kind
    allowed = " / ".join(CASE_KIND_LABELS.values())
    raise ValueError(f"类型“{text}”不在允许的取值内（{allowed}）")


def result_from_text(text: str) -> Result:
    value = (text or "").strip()
    for result, label in RESULT_LABELS.items():
        if value in (label, result.value):
            return result
    raise ValueError(f"结果“{text}”不在允许的取值内（维持 / 纠正 / 其他）")


# -- decision types and the default mapping (annual-report-format.md §5) -------------------

# 《中华人民共和国行政复议法》(2023年修订) decision types.
REVIEW_DECISIONS: dict[str, tuple[str, Result]] = {
    "维持": ("行政复议法第六十八条", Result.MAINTAIN),
    "变更": ("行政复议法第六十三条", Result.CORRECT),
    "撤销": ("行政复议法第六十四条", Result.CORRECT),
    "确认违法": ("行政复议法第六十五条", Result.CORRECT),
    "责令履行": ("行政复议法第六十六条", Result.CORRECT),
    "确认无效": ("行政复议法第六十七条", Result.CORRECT),
    "驳回复议请求": ("行政复议法第六十九条", Result.OTHER),
    "终止": ("行政复议法第四十一条", Result.OTHER),
    "调解": ("行政复议法第七十三条", Result.OTHER),
    "和解": ("行政复议法第七十四条", Result.OTHER),
}

# 《中华人民共和国行政诉讼法》 judgment and ruling types, mapped "the same way" (§5): a
# judgment dismissing the claim leaves the disclosure decision standing (结果维持).
LITIGATION_DECISIONS: dict[str, tuple[str, Result]] = {
    "判决驳回诉讼请求": ("行政诉讼法第六十九条", Result.MAINTAIN),
    "判决撤销": ("行政诉讼法第七十条", Result.CORRECT),
    "判决履行": ("行政诉讼法第七十二条", Result.CORRECT),
    "判决给付": ("行政诉讼法第七十三条", Result.CORRECT),
    "判决确认违法": ("行政诉讼法第七十四条", Result.CORRECT),
    "判决确认无效": ("行政诉讼法第七十五条", Result.CORRECT),
    "判决变更": ("行政诉讼法第七十七条", Result.CORRECT),
    "裁定驳回起诉": ("最高人民法院关于适用《中华人民共和国行政诉讼法》的解释第六十九条", Result.OTHER),
    "准予撤诉": ("行政诉讼法第六十二条", Result.OTHER),
    "调解": ("行政诉讼法第六十条", Result.OTHER),
    "终结诉讼": ("最高人民法院关于适用《中华人民共和国行政诉讼法》的解释第八十八条", Result.OTHER),
}


def default_mapping(kind: CaseKind) -> dict[str, Result]:
    table = LITIGATION_DECISIONS if kind.is_litigation else REVIEW_DECISIONS
    return {decision: result for decision, (_, result) in table.items()}


def decisions_for(kind: CaseKind, overrides: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, Result]:
    """Decision → result for a case kind: the default, with a deployment's overrides.

    ``overrides`` is ``{"review": {"驳回复议请求": "maintain", ...}, "litigation": {...}}``.
    """
    mapping = default_mapping(kind)
    section = (overrides or {}).get("litigation" if kind.is_litigation else "review") or {}
    for decision, result in section.items():
        mapping[decision] = Result(result)
    return mapping


def result_for(kind: CaseKind, decision: str, overrides: Mapping[str, Mapping[str, str]] | None = None) -> Result:
    mapping = decisions_for(kind, overrides)
    try:
        return mapping[decision.strip()]
    except KeyError:
        allowed = "、".join(mapping)
        raise ValueError(f"“{decision}”不是{kind.label}的结案方式（可选：{allowed}）") from None
