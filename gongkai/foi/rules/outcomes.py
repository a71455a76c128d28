"""The 21 办理结果 values (ledger-format.md §3): each is one row of 表三.

An application carries exactly one outcome. The short form is the ledger's word and
the label the back office shows; the key is the 表三 row key of the report schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Family(StrEnum):
    OPEN = "open"
    PARTIAL = "partial"
    DENY = "deny"
    UNABLE = "unable"
    NOPROC = "noproc"
    OTHER = "other"


FAMILY_LABELS: dict[Family, str] = {
    Family.OPEN: "予以公开",
    Family.PARTIAL: "部分公开",
    Family.DENY: "不予公开",
    Family.UNABLE: "无法提供",
    Family.NOPROC: "不予处理",
    Family.OTHER: "其他处理",
}


@dataclass(frozen=True)
class Outcome:
    key: str  # 表三 row key, e.g. "deny.state_secret"
    short: str  # ledger short form, e.g. "不予公开-属于国家秘密"
    basis: str  # the article the reply letter cites

    @property
    def family(self) -> Family:
        return Family(self.key.split(".")[0])

    @property
    def reason(self) -> str:
        """The part after the family, e.g. "属于国家秘密" ("" for 予以公开 / 部分公开)."""
        return self.short.split("-", 1)[1] if "-" in self.short else ""


OUTCOMES: tuple[Outcome, ...] = (
    Outcome("open", "予以公开", "《中华人民共和国政府信息公开条例》第三十六条第一项、第二项"),
    Outcome("partial", "部分公开", "《中华人民共和国政府信息公开条例》第三十七条"),
    Outcome("deny.state_secret", "不予公开-属于国家秘密", "《中华人民共和国政府信息公开条例》第十四条、第三十六条第三项"),
    Outcome("deny.law_prohibited", "不予公开-其他法律行政法规禁止公开", "《中华人民共和国政府信息公开条例》第十四条、第三十六条第三项"),
    Outcome("deny.three_safety", "不予公开-危及“三安全一稳定”", "《中华人民共和国政府信息公开条例》第十四条、第三十六条第三项"),
    Outcome("deny.third_party", "不予公开-保护第三方合法权益", "《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第三项"),
    Outcome("deny.internal", "不予公开-属于三类内部事务信息", "《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第三项"),
    Outcome("deny.process", "不予公开-属于四类过程性信息", "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第三项"),
    Outcome("deny.enforcement_file", "不予公开-属于行政执法案卷", "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第三项"),
    Outcome("deny.admin_query", "不予公开-属于行政查询事项", "《中华人民共和国政府信息公开条例》第三十六条第七项"),
    Outcome("unable.not_held", "无法提供-本机关不掌握相关政府信息", "《中华人民共和国政府信息公开条例》第三十六条第四项、第五项"),
    Outcome("unable.need_creation", "无法提供-没有现成信息需要另行制作", "《中华人民共和国政府信息公开条例》第三十八条"),
    Outcome("unable.still_unclear", "无法提供-补正后申请内容仍不明确", "《中华人民共和国政府信息公开条例》第三十条"),
    Outcome("noproc.petition", "不予处理-信访举报投诉类申请", "《中华人民共和国政府信息公开条例》第三十九条第一款"),
    Outcome("noproc.repeat", "不予处理-重复申请", "《中华人民共和国政府信息公开条例》第三十六条第六项"),
    Outcome("noproc.publication", "不予处理-要求提供公开出版物", "《中华人民共和国政府信息公开条例》第三十九条第二款"),
    Outcome("noproc.massive", "不予处理-无正当理由大量反复申请", "《中华人民共和国政府信息公开条例》第三十五条"),
    Outcome("noproc.confirm", "不予处理-要求行政机关确认或重新出具已获取信息", "《中华人民共和国政府信息公开条例》第三十九条（参照）"),
    Outcome("other.no_correction", "其他处理-逾期不补正", "《中华人民共和国政府信息公开条例》第三十条"),
    Outcome("other.no_fee", "其他处理-逾期未缴费", "《中华人民共和国政府信息公开条例》第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"),
    Outcome("other.other", "其他处理-其他", "《中华人民共和国政府信息公开条例》"),
)

BY_KEY: dict[str, Outcome] = {o.key: o for o in OUTCOMES}
BY_SHORT: dict[str, Outcome] = {o.short: o for o in OUTCOMES}

# Outcomes reached by an event of their own rather than by a reply decision.
NO_CORRECTION = BY_KEY["other.no_correction"]
NO_FEE = BY_KEY["other.no_fee"]
WITHDRAWN = BY_KEY["other.other"]


def outcome_from_text(text: str) -> Outcome:
    """Accept the short form or the key (ledger-format.md §3); raise ValueError in Chinese."""
    value = (text or "").strip().replace(" ", "")
    # Quotes are sometimes typed straight; the canonical form uses U+201C/U+201D.
    value = value.replace('"三安全一稳定"', "“三安全一稳定”")
    if value in BY_SHORT:
        return BY_SHORT[value]
    if value in BY_KEY:
        return BY_KEY[value]
    raise ValueError(f"办理结果“{text}”不是21种规定取值之一（如“予以公开”“不予公开-属于国家秘密”）")
