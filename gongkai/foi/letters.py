"""The official letters of 依申请公开 as DOCX bytes.

One plain ``LetterContext`` in, the bytes of a .docx out: no Django import, so a view,
a management command and a test all call the same functions. The vocabulary and the
articles cited come from ``gongkai.foi.rules`` (outcomes, fees, clock, status): this
module only words the letters and lays them out.

Letters:
  - ``reply_letter``: 政府信息公开申请答复书, one template per outcome family (§4.7 of
    regulations.md); every reply other than 予以公开 ends with the remedy notice.
  - ``correction_notice``: 补正告知书 (条例第三十条).
  - ``extension_notice``: 延期答复告知书 (条例第三十三条第二款).
  - ``fee_notice``: 收费通知书 (条例第四十二条, 国办函〔2020〕109号).
  - ``consultation_letter``: 征求意见函 to a third party (条例第三十二条) or to another
    organ (条例第三十四条).

Layout follows GB/T 9704—2012 (党政机关公文格式): A4, margins 3.7/3.5/2.8/2.6 cm, title
in 二号小标宋, body in 三号仿宋 on a fixed 28.9 pt line (22 lines a page), first-line
indent of two characters, 发文机关署名 centred over the 成文日期 which is set four
characters from the right, 附注 under the date, page numbers "— 1 —" in 四号宋体 on
the outer side. Chinese fonts are named in ``w:eastAsia`` of every run and of the
document defaults, and the font table names a fallback (``w:altName``) for machines
without 方正小标宋简体 or 仿宋_GB2312.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from gongkai.foi.chinese_text import cn_date, cn_ordinal, display_width, inline, paragraphs, yuan_upper
from gongkai.foi.rules import outcomes
from gongkai.foi.rules.clock import EXTENSION_WORKDAYS
from gongkai.foi.rules.events import ConsultationParty
from gongkai.foi.rules.fees import BandCharge, FeeMethod, format_yuan
from gongkai.foi.rules.outcomes import Family, Outcome
from gongkai.foi.rules.status import FEE_PAYMENT_WORKDAYS

# ---------------------------------------------------------------------------------------
# Citations. The reply letters cite Outcome.basis; the notices cite these, and the test
# suite checks that they agree with the outcome table where both name the same article.

REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_MEASURES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
CORRECTION_BASIS = outcomes.NO_CORRECTION.basis  # 条例第三十条
EXTENSION_BASIS = f"{REGULATION}第三十三条第二款"
FEE_BASIS = outcomes.NO_FEE.basis  # 条例第四十二条、109号
THIRD_PARTY_BASIS = f"{REGULATION}第三十二条"
OTHER_ORGAN_BASIS = f"{REGULATION}第三十四条"
FEE_METHOD_ARTICLE = {FeeMethod.PER_PIECE: "第四条", FeeMethod.PER_PAGE: "第五条"}

RECONSIDERATION_LAW = "《中华人民共和国行政复议法》"
LITIGATION_LAW = "《中华人民共和国行政诉讼法》"
RECONSIDERATION_PERIOD = f"{RECONSIDERATION_LAW}第二十条"  # 六十日
LITIGATION_PERIOD = f"{LITIGATION_LAW}第四十六条"  # 六个月
RECONSIDERATION_FIRST = f"{RECONSIDERATION_LAW}第二十三条第一款第四项"  # 不予公开: 复议前置
LITIGATION_AFTER_RECONSIDERATION = f"{LITIGATION_LAW}第四十五条"  # 十五日

CONSULTATION_WORKDAYS = 15  # 条例第三十二条、第三十四条

# ---------------------------------------------------------------------------------------
# Layout (GB/T 9704—2012).

PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6)
TITLE_FONT, TITLE_FALLBACK = "方正小标宋简体", "宋体"
BODY_FONT, BODY_FALLBACK = "仿宋_GB2312", "仿宋"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
TITLE_SIZE = 22  # 二号
BODY_SIZE = 16  # 三号
PAGE_NUMBER_SIZE = 14  # 四号
LINE_PITCH = Pt(28.9)  # 22 lines on the 225 mm type area
TITLE_LINE_PITCH = Pt(36)

# Font table entries (name, altName, panose, family, pitch); charset 86 = GB2312.
_FONT_TABLE = (
    (TITLE_FONT, TITLE_FALLBACK, "02010600010101010101", "auto", "variable"),
    (BODY_FONT, BODY_FALLBACK, "02010609030101010101", "modern", "fixed"),
    (BODY_FALLBACK, "FangSong", "02010609060101010101", "modern", "fixed"),
    (TITLE_FALLBACK, "SimSun", "02010600030101010101", "auto", "variable"),
)


class LetterError(ValueError):
    """A letter cannot be written from the context; the message is for the user."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class LetterContext:
    """Everything a letter says. Plain values only; callers compute the dates.

    The first block is common to every letter; the rest is read only by the letters
    that need it (named in the comments) and may stay at its default otherwise.
    """

    agency_name: str  # 发文机关署名, e.g. 张家口市民政局
    application_number: str  # 申请编号
    applicant_name: str  # 申请人姓名或者名称, used in the salutation
    received_on: dt.date  # 收到申请之日 (条例第三十一条)
    requested_content: str  # the information requested, quoted in the letter
    letter_number: str  # 文号, e.g. 张民宗依复〔2026〕3号; "" prints no 文号 line
    letter_date: dt.date  # 成文日期

    # Office contact, printed as the 附注 under the date.
    office_name: str = ""  # 政府信息公开工作机构
    contact_person: str = ""
    office_phone: str = ""
    office_address: str = ""

    # Reply letter.
    outcome_key: str = ""  # Outcome.key, e.g. "deny.state_secret"
    reason: str = ""  # the facts and reasons; one paragraph per line
    access: str = ""  # where and how to obtain the information (or the proper channel)
    proactively_disclosed: bool = False  # 予以公开 under 第三十六条第一项
    disclosed_part: str = ""  # 部分公开
    withheld_part: str = ""  # 部分公开
    referral: str = ""  # 第三十六条第五项: the organ responsible, and its contact
    attachments: tuple[str, ...] = ()  # 附件 names
    earlier_letter_date: dt.date | None = None  # the earlier 补正/收费 notice or reply
    earlier_letter_number: str = ""
    reconsideration_organ: str = ""  # default: 有管辖权的行政复议机关
    court: str = ""  # default: 有管辖权的人民法院

    # 补正告知书 (items to correct) and 征求意见函 (documents concerned).
    items: tuple[str, ...] = ()
    period_workdays: int | None = None  # correction period
    due_date: dt.date | None = None  # end of the correction / payment / consultation period

    # 延期答复告知书.
    original_deadline: dt.date | None = None
    new_deadline: dt.date | None = None
    extension_workdays: int = EXTENSION_WORKDAYS

    # 收费通知书.
    fee_method: FeeMethod | None = None
    fee_bands: tuple[BandCharge, ...] = ()  # from pieces_charges / pages_charges
    fee_amount: Decimal | None = None  # default: the sum of the bands
    payment_method: str = ""

    # 征求意见函.
    consultation_party: ConsultationParty | None = None
    consultee_name: str = ""
    consultee_is_person: bool = False  # 您 rather than 贵单位
    name_applicant_to_third_party: bool = False  # by default the third party is not told who applied

    @property
    def outcome(self) -> Outcome:
        try:
            return outcomes.BY_KEY[self.outcome_key]
        except KeyError:
            raise LetterError(f"办理结果“{self.outcome_key}”不是21种规定取值之一", "outcome_key") from None


# ---------------------------------------------------------------------------------------
# The wording. A letter is composed as plain text first, then laid out.


@dataclass(frozen=True)
class Letter:
    title: str
    number: str
    addressee: str
    body: tuple[str, ...]
    closing: str
    attachments: tuple[str, ...]
    signature: str
    date: dt.date
    note: str


def _required(value: str, message: str, field: str) -> str:
    text = inline(value)
    if not text:
        raise LetterError(message, field)
    return text


_CLOSERS = "”’）)」』"
_STOPS = "。！？；：….!?;:"


def _sentence(text: str) -> str:
    """End a user-written sentence with 。 unless it already ends a sentence: a closing
    quote or bracket counts only after a stop (（见附件） needs one, “已公开。” does not)."""
    core = text.rstrip(_CLOSERS)
    return text if core and core[-1] in _STOPS else text + "。"


def _clause(text: str) -> str:
    """A user-written phrase set inside a sentence: no closing punctuation."""
    return text.rstrip("。；，、.;, ")


def _reason_paragraphs(ctx: LetterContext) -> list[str]:
    return [_sentence(p) for p in paragraphs(ctx.reason)]


def _common(ctx: LetterContext) -> tuple[str, str, str]:
    """Validated agency, applicant and application number."""
    agency = _required(ctx.agency_name, "请填写发文机关名称", "agency_name")
    applicant = _required(ctx.applicant_name, "请填写申请人姓名或者名称", "applicant_name")
    number = _required(ctx.application_number, "请填写申请编号", "application_number")
    return agency, applicant, number


def _application_sentence(ctx: LetterContext, who: str = "您") -> str:
    content = _required(ctx.requested_content, "请填写申请内容", "requested_content")
    return (
        f"本机关于{cn_date(ctx.received_on)}收到{who}提出的政府信息公开申请"
        f"（申请编号：{inline(ctx.application_number)}），申请获取“{_clause(content) or content}”的政府信息。"
    )


def _note(ctx: LetterContext) -> str:
    parts = []
    if inline(ctx.office_name):
        parts.append(f"联系机构：{inline(ctx.office_name)}")
    if inline(ctx.contact_person):
        parts.append(f"联系人：{inline(ctx.contact_person)}")
    if inline(ctx.office_phone):
        parts.append(f"联系电话：{inline(ctx.office_phone)}")
    if inline(ctx.office_address):
        parts.append(f"通讯地址：{inline(ctx.office_address)}")
    return f"（{'；'.join(parts)}）" if parts else ""


def _earlier(ctx: LetterContext, kind: str) -> str:
    """本机关已于2026年9月1日向您发出补正告知书（文号） / 本机关已向您发出补正告知书."""
    when = f"于{cn_date(ctx.earlier_letter_date)}" if ctx.earlier_letter_date else ""
    number = f"（{inline(ctx.earlier_letter_number)}）" if inline(ctx.earlier_letter_number) else ""
    return f"本机关已{when}向您发出{kind}{number}"


def _remedy(ctx: LetterContext, family: Family) -> list[str]:
    organ = inline(ctx.reconsideration_organ) or "有管辖权的行政复议机关"
    court = inline(ctx.court) or "有管辖权的人民法院"
    reconsider = (
        f"如对本答复不服，可以自知道该行政行为之日起六十日内，依照{RECONSIDERATION_PERIOD}的规定"
        f"向{organ}申请行政复议"
    )
    after = (
        f"对行政复议决定不服的，可以依照{LITIGATION_AFTER_RECONSIDERATION}的规定，"
        f"自收到行政复议决定书之日起十五日内向{court}提起行政诉讼。"
    )
    if family is Family.DENY:
        return [
            f"{reconsider}。根据{RECONSIDERATION_FIRST}的规定，申请政府信息公开，行政机关不予公开的，"
            f"应当先向行政复议机关申请行政复议；{after}"
        ]
    direct = (
        f"{reconsider}；也可以自知道或者应当知道该行政行为之日起六个月内，"
        f"依照{LITIGATION_PERIOD}的规定向{court}提起行政诉讼。"
    )
    if family is Family.PARTIAL:
        return [
            direct,
            f"其中，对本答复不予公开部分不服的，根据{RECONSIDERATION_FIRST}的规定，"
            f"应当先向行政复议机关申请行政复议；{after}",
        ]
    return [direct]


# Reply letters, one composer per family. Each returns the paragraphs between
# "现答复如下：" and the remedy notice, and cites ``outcome.basis``.

_DENY_GROUNDS: dict[str, str] = {
    "deny.state_secret": "您申请获取的政府信息属于依法确定为国家秘密的政府信息",
    "deny.law_prohibited": "您申请获取的政府信息属于法律、行政法规禁止公开的政府信息",
    "deny.three_safety": "您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定",
    "deny.third_party": "您申请获取的政府信息涉及商业秘密、个人隐私等内容，公开后会对第三方合法权益造成损害",
    "deny.internal": "您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息",
    "deny.process": (
        "您申请获取的政府信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、"
        "磋商信函、请示报告等过程性信息"
    ),
    "deny.enforcement_file": "您申请获取的政府信息属于行政执法案卷信息",
    "deny.admin_query": (
        "您申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对该类信息的获取有特别规定"
    ),
}


def _reply_open(ctx: LetterContext, o: Outcome) -> list[str]:
    if ctx.proactively_disclosed:
        access = _required(ctx.access, "已主动公开的，请填写获取该政府信息的方式和途径", "access")
        body = [
            f"经审查，您申请获取的政府信息已由本机关主动公开。根据{o.basis}的规定，"
            f"现告知您获取该政府信息的方式和途径：{_sentence(access)}"
        ]
    else:
        access = inline(ctx.access) or "现随本答复书向您提供该政府信息（见附件）"
        body = [
            f"经审查，您申请获取的政府信息属于可以公开的政府信息，本机关决定予以公开。"
            f"根据{o.basis}的规定，{_sentence(access)}"
        ]
    return body + _reason_paragraphs(ctx)


def _reply_partial(ctx: LetterContext, o: Outcome) -> list[str]:
    disclosed = _required(ctx.disclosed_part, "部分公开的，请写明予以公开的内容", "disclosed_part")
    withheld = _required(ctx.withheld_part, "部分公开的，请写明不予公开的内容", "withheld_part")
    reasons = _reason_paragraphs(ctx)
    if not reasons:
        raise LetterError("部分公开的，须对不予公开的内容说明理由", "reason")
    access = inline(ctx.access) or "现随本答复书向您提供（见附件）"
    return [
        f"经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据{o.basis}的规定，"
        f"本机关向您提供可以公开的政府信息内容，并对不予公开的内容说明理由：",
        f"一、予以公开的内容：{_sentence(disclosed)}{_sentence(access)}",
        f"二、不予公开的内容：{_sentence(withheld)}理由：{reasons[0]}",
        *reasons[1:],
    ]


def _reply_deny(ctx: LetterContext, o: Outcome) -> list[str]:
    reasons = _reason_paragraphs(ctx)
    if not reasons:
        raise LetterError("不予公开的，须说明理由（条例第三十六条第三项）", "reason")
    ground = _DENY_GROUNDS[o.key]
    if o.key == "deny.admin_query":
        access = inline(ctx.access)
        tail = _sentence(access) if access else ""
        return [
            f"经审查，{ground}。",
            *reasons,
            f"根据{o.basis}的规定，请您依照有关法律、行政法规的规定办理。{tail}",
        ]
    return [f"经审查，{ground}。", *reasons, f"根据{o.basis}的规定，本机关决定对该政府信息不予公开。"]


def _reply_unable(ctx: LetterContext, o: Outcome) -> list[str]:
    reasons = _reason_paragraphs(ctx)
    if o.key == "unable.not_held":
        if inline(ctx.referral):
            return [
                "经审查，您申请获取的政府信息不属于本机关负责公开的政府信息。",
                *reasons,
                f"根据{o.basis}的规定，现告知您：该政府信息的负责公开机关为{_clause(inline(ctx.referral))}，"
                f"您可以向其提出申请。",
            ]
        return [
            "经检索，本机关没有制作或者获取您申请获取的政府信息。",
            *reasons,
            f"根据{o.basis}的规定，现告知您该政府信息不存在。",
        ]
    if o.key == "unable.need_creation":
        return [
            "经审查，本机关没有您所要求的现成信息，提供该信息需要本机关对现有政府信息进行加工、分析。",
            *reasons,
            f"根据{o.basis}的规定，本机关不予提供。",
        ]
    # unable.still_unclear
    return [
        f"{_earlier(ctx, '补正告知书')}，要求您对申请内容作出补正。经审查，补正后的申请仍未能明确所需政府信息的"
        "名称、文号或者便于本机关查询的其他特征性描述，本机关无法确定您申请获取的政府信息。",
        *reasons,
        f"根据{o.basis}的规定，本机关无法向您提供该政府信息。",
    ]


def _reply_noproc(ctx: LetterContext, o: Outcome) -> list[str]:
    reasons = _reason_paragraphs(ctx)
    access = inline(ctx.access)
    if o.key == "noproc.petition":
        channel = _sentence(access) if access else "您可以依照《信访工作条例》等规定，通过相应渠道提出。"
        return [
            "经审查，您以政府信息公开申请的形式进行信访、投诉、举报等活动。",
            *reasons,
            f"根据{o.basis}的规定，本机关不作为政府信息公开申请处理。{channel}",
        ]
    if o.key == "noproc.repeat":
        when = f"于{cn_date(ctx.earlier_letter_date)}" if ctx.earlier_letter_date else ""
        number = f"（{inline(ctx.earlier_letter_number)}）" if inline(ctx.earlier_letter_number) else ""
        return [
            f"经审查，您此前已就同一政府信息向本机关提出公开申请，本机关已{when}依法作出答复{number}。"
            "您现重复申请公开相同的政府信息。",
            *reasons,
            f"根据{o.basis}的规定，本机关不予重复处理。",
        ]
    if o.key == "noproc.publication":
        channel = _sentence(access) if access else "您可以通过公开发行渠道获取。"
        return [
            "经审查，您要求提供的是政府公报、报刊、书籍等公开出版物。",
            *reasons,
            f"根据{o.basis}的规定，本机关不作为政府信息公开申请处理。{channel}",
        ]
    if o.key == "noproc.massive":
        return [
            "经审查，您申请公开政府信息的数量、频次明显超过合理范围。本机关已要求您说明理由，"
            "您未能说明理由或者所说明的理由不合理。",
            *reasons,
            f"根据{o.basis}的规定，本机关对您的申请不予处理。",
        ]
    # noproc.confirm
    return [
        "经审查，您要求本机关确认或者重新出具您已经获取的信息，该要求不属于申请获取政府信息的情形。",
        *reasons,
        f"依据{o.basis}的规定，本机关不作为政府信息公开申请处理。",
    ]


def _reply_other(ctx: LetterContext, o: Outcome) -> list[str]:
    reasons = _reason_paragraphs(ctx)
    due = f"（{cn_date(ctx.due_date)}前）" if ctx.due_date else ""
    stop = "视为您放弃申请，本机关不再处理您的该项政府信息公开申请。"
    if o.key == "other.no_correction":
        return [
            f"{_earlier(ctx, '补正告知书')}，要求您在规定期限内{due}对申请作出补正。"
            "期限届满，您无正当理由未予补正。",
            *reasons,
            f"根据{o.basis}的规定，{stop}",
        ]
    if o.key == "other.no_fee":
        return [
            f"{_earlier(ctx, '收费通知书')}，告知您自收到通知次日起{FEE_PAYMENT_WORKDAYS}个工作日内缴纳信息处理费。"
            f"您未在规定期限内{due}缴纳。",
            *reasons,
            f"根据{o.basis}的规定，{stop}",
        ]
    # other.other
    if not reasons:
        raise LetterError("其他处理的，须写明终止办理的事实和理由", "reason")
    return [*reasons, f"根据{o.basis}的规定，本机关对您的该项政府信息公开申请终止办理。"]


_REPLY_COMPOSERS: dict[Family, Callable[[LetterContext, Outcome], list[str]]] = {
    Family.OPEN: _reply_open,
    Family.PARTIAL: _reply_partial,
    Family.DENY: _reply_deny,
    Family.UNABLE: _reply_unable,
    Family.NOPROC: _reply_noproc,
    Family.OTHER: _reply_other,
}

REPLY_TITLE = "政府信息公开申请答复书"
CORRECTION_TITLE = "政府信息公开申请补正告知书"
EXTENSION_TITLE = "政府信息公开申请延期答复告知书"
FEE_TITLE = "政府信息公开信息处理费收费通知书"
CONSULTATION_TITLE = "政府信息公开征求意见函"


def compose_reply(ctx: LetterContext) -> Letter:
    agency, applicant, _ = _common(ctx)
    o = ctx.outcome
    body = [_application_sentence(ctx) + "现答复如下："]
    body += _REPLY_COMPOSERS[o.family](ctx, o)
    if o.family is not Family.OPEN:
        body += _remedy(ctx, o.family)
    return Letter(
        REPLY_TITLE, inline(ctx.letter_number), applicant, tuple(body), "特此告知。",
        tuple(inline(a) for a in ctx.attachments if inline(a)), agency, ctx.letter_date, _note(ctx),
    )  # fmt: skip


def _numbered(items: Sequence[str]) -> list[str]:
    return [f"{cn_ordinal(i)}、{_sentence(text)}" for i, text in enumerate(items, 1)]


def compose_correction(ctx: LetterContext) -> Letter:
    agency, applicant, _ = _common(ctx)
    items = [inline(i) for i in ctx.items if inline(i)]
    if not items:
        raise LetterError("请列明需要补正的事项", "items")
    if len(items) > 99:
        raise LetterError("补正事项不能超过99项", "items")
    if not ctx.period_workdays or ctx.period_workdays < 1:
        raise LetterError("请填写补正期限（工作日）", "period_workdays")
    if ctx.due_date is None:
        raise LetterError("请填写补正截止日期", "due_date")
    body = [
        _application_sentence(ctx),
        f"经审查，您的申请需要补正。根据{CORRECTION_BASIS}的规定，现将需要补正的事项一次性告知如下：",
        *_numbered(items),
        *_reason_paragraphs(ctx),
        f"请您自收到本告知书之日起{ctx.period_workdays}个工作日内（即{cn_date(ctx.due_date)}前）"
        "向本机关提交补正材料。答复期限自本机关收到补正的申请之日起计算。",
        "您无正当理由逾期不补正的，视为放弃申请，本机关不再处理您的该项政府信息公开申请。",
    ]
    return Letter(CORRECTION_TITLE, inline(ctx.letter_number), applicant, tuple(body), "特此告知。", (),
                  agency, ctx.letter_date, _note(ctx))  # fmt: skip


def compose_extension(ctx: LetterContext) -> Letter:
    agency, applicant, _ = _common(ctx)
    if ctx.new_deadline is None:
        raise LetterError("请填写延期后的答复期限", "new_deadline")
    if not 1 <= ctx.extension_workdays <= EXTENSION_WORKDAYS:
        raise LetterError(f"延长的期限最长不得超过{EXTENSION_WORKDAYS}个工作日", "extension_workdays")
    if ctx.original_deadline is not None and ctx.new_deadline <= ctx.original_deadline:
        raise LetterError("延期后的答复期限应当晚于原答复期限", "new_deadline")
    reason = _clause(_required(ctx.reason, "请写明需要延期答复的原因", "reason"))
    original = f"原答复期限于{cn_date(ctx.original_deadline)}届满，" if ctx.original_deadline else ""
    body = [
        _application_sentence(ctx),
        f"因{reason}，本机关不能在法定期限内作出答复。根据{EXTENSION_BASIS}的规定，"
        f"经本机关政府信息公开工作机构负责人同意，答复期限延长{ctx.extension_workdays}个工作日。{original}"
        f"本机关将于{cn_date(ctx.new_deadline)}前向您作出答复。",
    ]
    return Letter(EXTENSION_TITLE, inline(ctx.letter_number), applicant, tuple(body), "特此告知。", (),
                  agency, ctx.letter_date, _note(ctx))  # fmt: skip


def _band_line(method: FeeMethod, band: BandCharge) -> str:
    unit = "件" if method is FeeMethod.PER_PIECE else "页"
    prefix = "本自然月累计" if method is FeeMethod.PER_PIECE else ""
    span = (
        f"第{band.first}{unit}" if band.first == band.last else f"第{band.first}{unit}至第{band.last}{unit}"
    )
    charge = "不收费" if band.rate == 0 else f"每{unit}{band.rate}元，计{band.subtotal}元"
    return f"{prefix}{span}，共{band.count}{unit}，{charge}"


def compose_fee(ctx: LetterContext) -> Letter:
    agency, applicant, _ = _common(ctx)
    method = ctx.fee_method
    if method is None:
        raise LetterError("请选择计收方式（按件计收或者按量计收，只能选择一种）", "fee_method")
    method = FeeMethod(method)
    if not ctx.fee_bands:
        raise LetterError("请提供收费计算明细", "fee_bands")
    total = Decimal(sum(b.subtotal for b in ctx.fee_bands))
    amount = total if ctx.fee_amount is None else Decimal(ctx.fee_amount)
    if amount != total:
        raise LetterError(
            f"应缴金额{format_yuan(amount)}元与计算明细合计{format_yuan(total)}元不一致", "fee_amount"
        )
    if amount <= 0:
        raise LetterError("按照收费标准无需缴费的，不发出收费通知", "fee_amount")
    payment = _required(ctx.payment_method, "请填写缴纳方式", "payment_method")
    if ctx.due_date is None:
        raise LetterError("请填写缴费截止日期", "due_date")
    bands = [_band_line(method, b) for b in ctx.fee_bands]
    band_lines = [
        f"（{cn_ordinal(i)}）{line}{'。' if i == len(bands) else '；'}" for i, line in enumerate(bands, 1)
    ]
    body = [
        _application_sentence(ctx),
        *_reason_paragraphs(ctx),
        f"根据{FEE_BASIS}的规定，本机关决定对您的该项申请收取信息处理费。现将有关事项通知如下：",
        f"一、收费依据：{REGULATION}第四十二条，{FEE_MEASURES}第三条、{FEE_METHOD_ARTICLE[method]}。",
        f"二、计收方式：{method.label}。本申请只按照一种方式计收，不同时按照两种标准重复计算。",
        "三、收费标准及计算：",
        *band_lines,
        f"四、应缴金额：{format_yuan(amount)}元（大写：{yuan_upper(amount)}）。",
        f"五、缴纳方式：{_sentence(payment)}",
        f"六、缴纳期限：请您自收到本通知之日的次日起{FEE_PAYMENT_WORKDAYS}个工作日内"
        f"（即{cn_date(ctx.due_date)}前）缴纳。本机关收到费用后出具财政票据，并继续办理您的申请。"
        "逾期未缴纳的，视为放弃申请，本机关不再处理您的该项政府信息公开申请。",
    ]
    return Letter(FEE_TITLE, inline(ctx.letter_number), applicant, tuple(body), "特此通知。", (),
                  agency, ctx.letter_date, _note(ctx))  # fmt: skip


def compose_consultation(ctx: LetterContext) -> Letter:
    agency, applicant, _ = _common(ctx)
    if ctx.consultation_party is None:
        raise LetterError("请选择征求意见对象（第三方或者其他行政机关）", "consultation_party")
    party = ConsultationParty(ctx.consultation_party)
    consultee = _required(ctx.consultee_name, "请填写被征求意见方的名称", "consultee_name")
    due = f"（即{cn_date(ctx.due_date)}前）" if ctx.due_date else ""
    items = [inline(i) for i in ctx.items if inline(i)]
    concerned = ["所涉政府信息如下：", *_numbered(items)] if items else []
    if party is ConsultationParty.THIRD_PARTY:
        you = "您" if ctx.consultee_is_person else "贵单位"
        who = applicant if ctx.name_applicant_to_third_party else "申请人"
        body = [
            _application_sentence(ctx, who),
            f"经审查，该申请所涉政府信息可能涉及{you}的商业秘密、个人隐私等，公开后可能损害{you}的合法权益。"
            f"根据{THIRD_PARTY_BASIS}的规定，现书面征求{you}的意见。",
            *concerned,
            *_reason_paragraphs(ctx),
            f"请{you}自收到本函之日起{CONSULTATION_WORKDAYS}个工作日内{due}书面提出是否同意公开的意见；"
            "不同意公开的，请说明理由并提供相关依据。逾期未提出意见的，由本机关依照"
            f"{REGULATION}的规定决定是否公开。",
            f"{you}不同意公开且有合理理由的，本机关不予公开；但本机关认为不公开可能对公共利益造成重大影响的，"
            f"可以决定予以公开，并将决定公开的政府信息内容和理由书面告知{you}。",
        ]
    else:
        body = [
            _application_sentence(ctx, applicant),
            "经审查，该政府信息由本机关与贵机关共同制作，本机关为牵头制作机关。"
            f"根据{OTHER_ORGAN_BASIS}的规定，现征求贵机关意见。",
            *concerned,
            *_reason_paragraphs(ctx),
            f"请贵机关自收到本函之日起{CONSULTATION_WORKDAYS}个工作日内{due}提出是否同意公开的意见；"
            "不同意公开的，请说明理由。逾期未提出意见的，视为同意公开。",
        ]
    return Letter(CONSULTATION_TITLE, inline(ctx.letter_number), consultee, tuple(body), "特此函询，请予函复。",
                  (), agency, ctx.letter_date, _note(ctx))  # fmt: skip


# ---------------------------------------------------------------------------------------
# Layout.


def _set_fonts(run_or_style_rpr, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Name the Latin and the East Asian font explicitly (no theme fonts)."""
    rfonts = run_or_style_rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        run_or_style_rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:hint"), "eastAsia")


def _add_text(paragraph: Paragraph, text: str, font: str, size: float, latin: str = LATIN_FONT) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    _set_fonts(run._element.get_or_add_rPr(), font, latin)


# The elements that follow w:autoSpaceDN inside w:pPr (ECMA-376 CT_PPrBase order).
_AFTER_AUTOSPACE = (
    "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _paragraph(
    doc: DocumentObject,
    text: str = "",
    *,
    font: str = BODY_FONT,
    size: float = BODY_SIZE,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent_chars: int = 0,
    right_indent: float = 0,
    line: Pt = LINE_PITCH,
    keep_with_next: bool = False,
) -> Paragraph:
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.keep_with_next = True if keep_with_next else None
    # No automatic gap between Chinese and Latin letters or digits: 2026年10月30日 stays tight.
    ppr = p._p.get_or_add_pPr()
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), "0")
        ppr.insert_element_before(el, *_AFTER_AUTOSPACE)
    fmt.alignment = align
    fmt.line_spacing = line
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if indent_chars:
        fmt.first_line_indent = Pt(size * indent_chars)
        # Word measures the indent in characters when firstLineChars is present.
        p._p.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), str(indent_chars * 100))
    if right_indent:
        fmt.right_indent = Pt(right_indent)
    if text:
        _add_text(p, text, font, size)
    return p


def _page_number_footer(footer, align: WD_ALIGN_PARAGRAPH) -> None:
    """— 1 — in 四号宋体, one character in from the outer edge (GB/T 9704—2012 7.5)."""
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = align
    one_char = Pt(PAGE_NUMBER_SIZE)
    if align is WD_ALIGN_PARAGRAPH.RIGHT:
        p.paragraph_format.right_indent = one_char
    else:
        p.paragraph_format.left_indent = one_char
    _add_text(p, "— ", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE, PAGE_NUMBER_FONT)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = p.add_run()
        run.font.size = Pt(PAGE_NUMBER_SIZE)
        _set_fonts(run._element.get_or_add_rPr(), PAGE_NUMBER_FONT, PAGE_NUMBER_FONT)
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._element.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
        else:
            run.text = text
    _add_text(p, " —", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE, PAGE_NUMBER_FONT)


def _setup(doc: DocumentObject, letter: Letter) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = Cm(1.5)
    section.footer_distance = Cm(2.2)  # the page number sits about 7 mm below the type area

    # Document defaults: body font with its East Asian name, zh-CN, no spacing after.
    styles = doc.styles.element
    for rfonts in styles.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, BODY_FONT)
    for tag, val in (("w:sz", str(BODY_SIZE * 2)), ("w:szCs", str(BODY_SIZE * 2))):
        rpr.find(qn(tag)).set(qn("w:val"), val)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = (
        styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    )
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(int(LINE_PITCH.twips)))
    spacing.set(qn("w:lineRule"), "exact")

    doc.settings.odd_and_even_pages_header_footer = True
    section.footer.is_linked_to_previous = False
    _page_number_footer(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)  # odd pages
    _page_number_footer(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)

    props = doc.core_properties
    props.title = letter.title
    props.author = letter.signature
    props.last_modified_by = letter.signature
    props.subject = letter.number
    props.language = "zh-CN"
    stamp = dt.datetime.combine(letter.date, dt.time(0, 0))
    props.created = props.modified = stamp
    props.revision = 1


def _signature(doc: DocumentObject, name: str, date_text: str, keep_with_next: bool) -> None:
    """发文机关署名 centred over the 成文日期, the date four characters from the right
    (GB/T 9704—2012 7.3.5.2); a name too long for that keeps two characters."""
    char = BODY_SIZE
    w_name = display_width(name) * char
    w_date = display_width(date_text) * char
    axis = 4 * char + w_date / 2
    name_right = axis - w_name / 2
    date_right = 4 * char
    if name_right < 2 * char:
        name_right = 2 * char
        date_right = name_right + (w_name - w_date) / 2
    _paragraph(doc, name, align=WD_ALIGN_PARAGRAPH.RIGHT, right_indent=name_right, keep_with_next=True)
    _paragraph(
        doc, date_text, align=WD_ALIGN_PARAGRAPH.RIGHT, right_indent=date_right, keep_with_next=keep_with_next
    )


def _font_table(xml: bytes) -> bytes:
    """Add the Chinese fonts with their fallbacks to word/fontTable.xml."""
    root = etree.fromstring(xml)  # the template shipped with python-docx
    present = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, alt, panose, family, pitch in _FONT_TABLE:
        if name in present:
            continue
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (
            ("w:altName", alt),
            ("w:panose1", panose),
            ("w:charset", "86"),
            ("w:family", family),
            ("w:pitch", pitch),
        ):
            etree.SubElement(font, qn(tag)).set(qn("w:val"), value)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _with_font_table(docx: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/fontTable.xml":
                data = _font_table(data)
            dst.writestr(info, data)
    return out.getvalue()


def render(letter: Letter) -> bytes:
    """Lay a composed letter out as a DOCX and return its bytes."""
    doc = Document()
    _setup(doc, letter)
    _paragraph(doc, letter.title, font=TITLE_FONT, size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER,
               line=TITLE_LINE_PITCH)  # fmt: skip
    if letter.number:
        _paragraph(doc, letter.number, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc)
    _paragraph(doc, f"{letter.addressee}：")
    # The last body paragraph travels with the closing and the signature, so that no
    # page carries the signature alone (GB/T 9704—2012 7.3.5.4).
    for i, text in enumerate(letter.body, 1):
        _paragraph(doc, text, indent_chars=2, keep_with_next=i == len(letter.body))
    _paragraph(doc, letter.closing, indent_chars=2, keep_with_next=True)
    if letter.attachments:
        # 附件说明: one line below the text, two characters in, "附件：1.名称" without a
        # final stop, later names aligned under the first (GB/T 9704—2012 7.3.4).
        _paragraph(doc, keep_with_next=True)
        for i, name in enumerate(letter.attachments, 1):
            label = "附件：" if i == 1 else "　　　"
            numbered = f"{i}.{name}" if len(letter.attachments) > 1 else name
            _paragraph(doc, f"{label}{numbered.rstrip('。；，')}", indent_chars=2, keep_with_next=True)
    _paragraph(doc, keep_with_next=True)
    _paragraph(doc, keep_with_next=True)
    _signature(doc, letter.signature, cn_date(letter.date), keep_with_next=bool(letter.note))
    if letter.note:
        _paragraph(doc, letter.note, indent_chars=2)
    buf = io.BytesIO()
    doc.save(buf)
    return _with_font_table(buf.getvalue())


# ---------------------------------------------------------------------------------------
# Public API.


def reply_letter(ctx: LetterContext) -> bytes:
    """政府信息公开申请答复书 for ``ctx.outcome_key``."""
    return render(compose_reply(ctx))


def correction_notice(ctx: LetterContext) -> bytes:
    """补正告知书 (条例第三十条)."""
    return render(compose_correction(ctx))


def extension_notice(ctx: LetterContext) -> bytes:
    """延期答复告知书 (条例第三十三条第二款)."""
    return render(compose_extension(ctx))


def fee_notice(ctx: LetterContext) -> bytes:
    """收费通知书 (条例第四十二条, 国办函〔2020〕109号)."""
    return render(compose_fee(ctx))


def consultation_letter(ctx: LetterContext) -> bytes:
    """征求意见函 (条例第三十二条 to a third party, 第三十四条 to another organ)."""
    return render(compose_consultation(ctx))


# Letter kind → (menu title, generator), in the order of the back-office download menu.
LETTERS: dict[str, tuple[str, Callable[[LetterContext], bytes]]] = {
    "reply": (REPLY_TITLE, reply_letter),
    "correction": (CORRECTION_TITLE, correction_notice),
    "extension": (EXTENSION_TITLE, extension_notice),
    "fee": (FEE_TITLE, fee_notice),
    "consultation": (CONSULTATION_TITLE, consultation_letter),
}


def filename(kind: str, ctx: LetterContext) -> str:
    """A download name such as 政府信息公开申请答复书-2026-0001.docx (no path separators)."""
    title = LETTERS[kind][0]
    number = "".join(ch for ch in inline(ctx.application_number) if ch not in '/\\:*?"<>|') or "未编号"
    return f"{title}-{number}.docx"
