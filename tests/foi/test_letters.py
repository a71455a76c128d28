"""The letters of 依申请公开: wording, citations and the 公文 layout, read back from the DOCX."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import zipfile
from dataclasses import replace
from decimal import Decimal

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from gongkai.foi import letters as L
from gongkai.foi.chinese_text import cn_date, cn_ordinal, display_width, inline, xml_safe, yuan_upper
from gongkai.foi.rules.events import ConsultationParty
from gongkai.foi.rules.fees import FeeMethod, pages_charges, pages_fee, pieces_charges, pieces_fee
from gongkai.foi.rules.outcomes import BY_KEY, NO_FEE, OUTCOMES, Family

AGENCY = "张掖市民族宗教事务委员会"
APPLICANT = "王建国"
NUMBER = "ZY-MZ-2026-0031"
LETTER_NO = "张民宗依复〔2026〕3号"
RECEIVED = dt.date(2026, 10, 8)
LETTER_DATE = dt.date(2026, 10, 30)

BASE = L.LetterContext(
    agency_name=AGENCY,
    application_number=NUMBER,
    applicant_name=APPLICANT,
    received_on=RECEIVED,
    requested_content="2025年度张掖市宗教活动场所财政补助资金分配方案",
    letter_number=LETTER_NO,
    letter_date=LETTER_DATE,
    office_name="张掖市民族宗教事务委员会办公室",
    contact_person="李明",
    office_phone="0936-8211234",
    office_address="甘肃省张掖市甘州区县府街1号",
)

# The fields each outcome's letter needs, and a phrase only that letter uses.
REPLY_CASES: dict[str, tuple[dict, str]] = {
    "open": ({"access": "现随本答复书向您提供该方案的电子文本"}, "本机关决定予以公开"),
    "partial": (
        {
            "disclosed_part": "分配方案正文",
            "withheld_part": "受助人员的身份证号码",
            "reason": "属于个人隐私。",
        },
        "二、不予公开的内容：受助人员的身份证号码。理由：属于个人隐私。",
    ),
    "deny.state_secret": ({"reason": "该文件已依法定密为秘密级。"}, "依法确定为国家秘密"),
    "deny.law_prohibited": ({"reason": "依照有关法律规定不得公开。"}, "法律、行政法规禁止公开"),
    "deny.three_safety": ({"reason": "公开后可能引发群体性事件。"}, "国家安全、公共安全、经济安全、社会稳定"),
    "deny.third_party": ({"reason": "第三方书面答复不同意公开。"}, "对第三方合法权益造成损害"),
    "deny.internal": ({"reason": "系本机关干部考核材料。"}, "人事管理、后勤管理、内部工作流程"),
    "deny.process": ({"reason": "系向市政府报送的请示。"}, "讨论记录、过程稿、磋商信函、请示报告"),
    "deny.enforcement_file": ({"reason": "系行政处罚案卷材料。"}, "行政执法案卷信息"),
    "deny.admin_query": (
        {"reason": "该信息属于不动产登记资料。", "access": "您可以向张掖市不动产登记中心申请查询"},
        "请您依照有关法律、行政法规的规定办理。您可以向张掖市不动产登记中心申请查询。",
    ),
    "unable.not_held": (
        {"referral": "张掖市财政局（联系电话：0936-8210000）"},
        "该政府信息的负责公开机关为张掖市财政局（联系电话：0936-8210000），您可以向其提出申请。",
    ),
    "unable.need_creation": ({}, "加工、分析"),
    "unable.still_unclear": (
        {"earlier_letter_date": dt.date(2026, 10, 12), "earlier_letter_number": "张民宗依补〔2026〕1号"},
        "本机关已于2026年10月12日向您发出补正告知书（张民宗依补〔2026〕1号）",
    ),
    "noproc.petition": ({}, "信访、投诉、举报"),
    "noproc.repeat": ({"earlier_letter_date": dt.date(2026, 9, 1)}, "本机关已于2026年9月1日依法作出答复"),
    "noproc.publication": ({"access": "您可以在张掖市图书馆查阅"}, "政府公报、报刊、书籍等公开出版物"),
    "noproc.massive": ({}, "数量、频次明显超过合理范围"),
    "noproc.confirm": ({}, "确认或者重新出具"),
    "other.no_correction": (
        {"earlier_letter_date": dt.date(2026, 10, 12), "due_date": dt.date(2026, 11, 2)},
        "（2026年11月2日前）对申请作出补正",
    ),
    "other.no_fee": (
        {"earlier_letter_date": dt.date(2026, 10, 12), "due_date": dt.date(2026, 11, 9)},
        "自收到通知次日起20个工作日内缴纳信息处理费",
    ),
    "other.other": ({"reason": "您已于2026年10月20日书面申请撤回该政府信息公开申请。"}, "终止办理"),
}

PERIOD_DUE = dt.date(2026, 11, 20)
FEE_BANDS_PAGES = tuple(pages_charges(250))

# Letter kind, the fields it needs, the article(s) it must cite, phrases it must contain.
NOTICE_CASES = [
    pytest.param(
        "correction",
        {
            "items": ("请提供身份证明复印件", "请写明所需文件的名称或者文号"),
            "period_workdays": 15,
            "due_date": PERIOD_DUE,
        },
        [L.CORRECTION_BASIS],
        [
            "一次性告知",
            "一、请提供身份证明复印件。",
            "二、请写明所需文件的名称或者文号。",
            "15个工作日内",
            "2026年11月20日",
            "答复期限自本机关收到补正的申请之日起计算",
            "视为放弃申请",
        ],
        id="correction",
    ),
    pytest.param(
        "extension",
        {
            "reason": "所涉档案分散在多个年度",
            "original_deadline": dt.date(2026, 11, 5),
            "new_deadline": dt.date(2026, 12, 3),
        },
        [L.EXTENSION_BASIS],
        [
            "经本机关政府信息公开工作机构负责人同意",
            "答复期限延长20个工作日",
            "原答复期限于2026年11月5日届满",
            "将于2026年12月3日前",
        ],
        id="extension",
    ),
    pytest.param(
        "fee",
        {
            "fee_method": FeeMethod.PER_PAGE,
            "fee_bands": FEE_BANDS_PAGES,
            "payment_method": "通过非税收入电子缴款系统缴纳",
            "due_date": dt.date(2026, 11, 27),
        },
        [L.FEE_BASIS, "国办函〔2020〕109号", "第三条、第五条"],
        [
            "按量计收",
            "第31页至第100页，共70页，每页10元，计700元；",
            "第201页至第250页，共50页，每页40元，计2000元。",
            "4700.00元",
            "人民币肆仟柒佰元整",
            "次日起20个工作日内",
            "2026年11月27日",
            "视为放弃申请",
        ],
        id="fee",
    ),
    pytest.param(
        "consultation",
        {
            "consultation_party": ConsultationParty.THIRD_PARTY,
            "consultee_name": "张掖市某某建设工程有限公司",
            "due_date": PERIOD_DUE,
        },
        [L.THIRD_PARTY_BASIS],
        [
            "15个工作日内（即2026年11月20日前）",
            "逾期未提出意见的，由本机关依照",
            "决定是否公开",
            "对公共利益造成重大影响",
        ],
        id="consultation-third-party",
    ),
    pytest.param(
        "consultation",
        {"consultation_party": ConsultationParty.OTHER_ORGAN, "consultee_name": "张掖市财政局"},
        [L.OTHER_ORGAN_BASIS],
        ["15个工作日内", "逾期未提出意见的，视为同意公开", "共同制作"],
        id="consultation-other-organ",
    ),
]


def reply_ctx(key: str) -> L.LetterContext:
    return replace(BASE, outcome_key=key, **REPLY_CASES[key][0])


def read(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def full_text(doc) -> str:
    return "\n".join(texts(doc))


def all_letters() -> list[tuple[str, bytes]]:
    out = [(f"reply:{o.key}", L.reply_letter(reply_ctx(o.key))) for o in OUTCOMES]
    for case in NOTICE_CASES:
        kind, fields = case.values[0], case.values[1]
        out.append((case.id, L.LETTERS[kind][1](replace(BASE, **fields))))
    return out


ALL_LETTERS = all_letters()


# ---------------------------------------------------------------------------------------
# Reply letters, one per outcome.


def test_the_table_covers_all_21_outcomes():
    assert len(OUTCOMES) == 21
    assert set(REPLY_CASES) == {o.key for o in OUTCOMES}


@pytest.mark.parametrize("outcome", OUTCOMES, ids=lambda o: o.key)
def test_reply_letter_cites_the_outcome_basis_and_names_applicant_number_and_dates(outcome):
    doc = read(L.reply_letter(reply_ctx(outcome.key)))
    paras = texts(doc)
    text = full_text(doc)
    assert paras[0] == L.REPLY_TITLE
    assert paras[1] == LETTER_NO
    assert f"{APPLICANT}：" in paras
    assert f"申请编号：{NUMBER}" in text
    assert "本机关于2026年10月8日收到您提出的政府信息公开申请" in text
    assert outcome.basis in text
    assert REPLY_CASES[outcome.key][1] in text
    assert AGENCY in paras and "2026年10月30日" in paras
    assert "2026-10" not in text


@pytest.mark.parametrize("outcome", OUTCOMES, ids=lambda o: o.key)
def test_every_reply_but_disclosure_ends_with_the_remedy_notice(outcome):
    paras = texts(read(L.reply_letter(reply_ctx(outcome.key))))
    closing = paras.index("特此告知。")
    before = "\n".join(paras[closing - 2 : closing])
    text = "\n".join(paras)
    if outcome.family is Family.OPEN:
        assert "行政复议" not in text and "行政诉讼" not in text
        return
    assert "六十日内" in before and L.RECONSIDERATION_PERIOD in before
    if outcome.family is Family.DENY:
        # 复议前置: no direct suit is offered for a refusal.
        assert L.RECONSIDERATION_FIRST in before and L.LITIGATION_AFTER_RECONSIDERATION in before
        assert "应当先向行政复议机关申请行政复议" in before
        assert L.LITIGATION_PERIOD not in text and "六个月" not in text
    elif outcome.family is Family.PARTIAL:
        assert L.LITIGATION_PERIOD in before and "六个月内" in before
        assert "对本答复不予公开部分不服的" in before and L.RECONSIDERATION_FIRST in before
    else:
        assert L.LITIGATION_PERIOD in before and "六个月内" in before
        assert L.RECONSIDERATION_FIRST not in text


def test_remedy_names_the_reconsideration_organ_and_court_when_given():
    ctx = replace(
        reply_ctx("noproc.massive"), reconsideration_organ="张掖市人民政府", court="张掖市甘州区人民法院"
    )
    text = full_text(read(L.reply_letter(ctx)))
    assert "向张掖市人民政府申请行政复议" in text and "向张掖市甘州区人民法院提起行政诉讼" in text


def test_open_reply_for_proactively_disclosed_information_tells_where_to_find_it():
    ctx = replace(
        BASE,
        outcome_key="open",
        proactively_disclosed=True,
        access="已在本机关门户网站公开，网址为https://mzw.zhangye.gov.cn",
    )
    text = full_text(read(L.reply_letter(ctx)))
    assert "已由本机关主动公开" in text and "https://mzw.zhangye.gov.cn。" in text
    with pytest.raises(L.LetterError) as err:
        L.reply_letter(replace(ctx, access=""))
    assert err.value.field == "access"


def test_not_held_without_referral_says_the_information_does_not_exist():
    text = full_text(read(L.reply_letter(replace(BASE, outcome_key="unable.not_held"))))
    assert "没有制作或者获取" in text and "该政府信息不存在" in text


@pytest.mark.parametrize(
    "key", [o.key for o in OUTCOMES if o.family in (Family.DENY, Family.PARTIAL)] + ["other.other"]
)
def test_a_reply_that_must_give_reasons_is_refused_without_them(key):
    with pytest.raises(L.LetterError) as err:
        L.reply_letter(replace(reply_ctx(key), reason="  \n "))
    assert err.value.field == "reason"


def test_an_unknown_outcome_is_refused_in_chinese():
    with pytest.raises(L.LetterError, match="21种规定取值"):
        L.reply_letter(replace(BASE, outcome_key="deny.whatever"))


def test_attachments_are_listed_after_the_text_without_final_stop():
    ctx = replace(reply_ctx("open"), attachments=("分配方案。", "分配明细表"))
    paras = texts(read(L.reply_letter(ctx)))
    i = paras.index("附件：1.分配方案")
    assert paras[i + 1] == "　　　2.分配明细表"
    assert paras.index("特此告知。") < i < paras.index(AGENCY)


def test_reasons_keep_their_paragraphs_and_get_a_full_stop():
    ctx = replace(reply_ctx("deny.process"), reason="第一段理由\n\n第二段理由。")
    paras = texts(read(L.reply_letter(ctx)))
    assert "第一段理由。" in paras and "第二段理由。" in paras


# ---------------------------------------------------------------------------------------
# Notices.


@pytest.mark.parametrize(("kind", "fields", "citations", "phrases"), NOTICE_CASES)
def test_notice_has_its_title_citations_and_statutory_terms(kind, fields, citations, phrases):
    title, make = L.LETTERS[kind]
    doc = read(make(replace(BASE, **fields)))
    paras = texts(doc)
    text = full_text(doc)
    assert paras[0] == title and paras[1] == LETTER_NO
    for citation in citations:
        assert citation in text
    for phrase in phrases:
        assert phrase in text
    assert f"申请编号：{NUMBER}" in text
    assert "2026年10月8日" in text and "2026年10月30日" in paras
    addressee = fields.get("consultee_name", APPLICANT)
    assert f"{addressee}：" in paras


def test_a_third_party_is_not_told_who_applied_unless_chosen():
    fields = NOTICE_CASES[3].values[1]
    ctx = replace(BASE, **fields)
    text = full_text(read(L.consultation_letter(ctx)))
    assert APPLICANT not in text and "收到申请人提出的" in text
    text = full_text(read(L.consultation_letter(replace(ctx, name_applicant_to_third_party=True))))
    assert f"收到{APPLICANT}提出的" in text


def test_another_organ_is_told_who_applied():
    text = full_text(read(L.consultation_letter(replace(BASE, **NOTICE_CASES[4].values[1]))))
    assert f"收到{APPLICANT}提出的" in text and "贵机关" in text


def test_a_person_consulted_is_addressed_as_you():
    ctx = replace(
        BASE, **NOTICE_CASES[3].values[1] | {"consultee_name": "赵某某", "consultee_is_person": True}
    )
    text = full_text(read(L.consultation_letter(ctx)))
    assert "请您自收到本函之日起15个工作日内" in text and "贵单位" not in text


def test_fee_notice_per_piece_lists_the_monthly_bands_and_never_the_other_method():
    bands = tuple(pieces_charges(1, 45))
    ctx = replace(BASE, fee_method=FeeMethod.PER_PIECE, fee_bands=bands, payment_method="银行转账",
                  due_date=dt.date(2026, 11, 27))  # fmt: skip
    text = full_text(read(L.fee_notice(ctx)))
    assert "计收方式：按件计收" in text and "按量计收" not in text
    assert "第三条、第四条" in text
    assert "本自然月累计第1件至第10件，共10件，不收费；" in text
    assert "本自然月累计第11件至第30件，共20件，每件100元，计2000元；" in text
    assert "本自然月累计第41件至第45件，共5件，每件300元，计1500元。" in text
    assert f"{pieces_fee(1, 45)}.00元" in text and "人民币伍仟伍佰元整" in text


def test_fee_notice_single_piece_band_reads_as_one_piece():
    ctx = replace(BASE, fee_method=FeeMethod.PER_PIECE, fee_bands=tuple(pieces_charges(11, 1)),
                  payment_method="现金", due_date=dt.date(2026, 11, 27))  # fmt: skip
    assert "本自然月累计第11件，共1件，每件100元，计100元。" in full_text(read(L.fee_notice(ctx)))


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"fee_method": None}, "fee_method"),
        ({"fee_bands": ()}, "fee_bands"),
        ({"fee_amount": Decimal(100)}, "fee_amount"),
        ({"fee_bands": tuple(pages_charges(30))}, "fee_amount"),  # nothing to pay
        ({"payment_method": ""}, "payment_method"),
        ({"due_date": None}, "due_date"),
    ],
    ids=["no-method", "no-bands", "amount-differs", "free", "no-payment-method", "no-due-date"],
)
def test_fee_notice_refuses_an_inconsistent_or_empty_charge(fields, field):
    ctx = replace(BASE, **NOTICE_CASES[2].values[1])
    with pytest.raises(L.LetterError) as err:
        L.fee_notice(replace(ctx, **fields))
    assert err.value.field == field


def test_fee_notice_accepts_the_amount_that_matches_the_bands():
    ctx = replace(BASE, **NOTICE_CASES[2].values[1], fee_amount=pages_fee(250))
    assert "4700.00元" in full_text(read(L.fee_notice(ctx)))


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"extension_workdays": 21}, "extension_workdays"),
        ({"extension_workdays": 0}, "extension_workdays"),
        ({"new_deadline": None}, "new_deadline"),
        ({"new_deadline": dt.date(2026, 11, 5)}, "new_deadline"),
        ({"reason": ""}, "reason"),
    ],
    ids=["over-20", "zero", "no-deadline", "not-later", "no-reason"],
)
def test_extension_notice_keeps_within_article_33(fields, field):
    ctx = replace(BASE, **NOTICE_CASES[1].values[1])
    with pytest.raises(L.LetterError) as err:
        L.extension_notice(replace(ctx, **fields))
    assert err.value.field == field


def test_extension_by_fewer_days_states_them():
    ctx = replace(BASE, **NOTICE_CASES[1].values[1], extension_workdays=10)
    assert "答复期限延长10个工作日" in full_text(read(L.extension_notice(ctx)))


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"items": ()}, "items"),
        ({"items": (" ", "")}, "items"),
        ({"period_workdays": None}, "period_workdays"),
        ({"due_date": None}, "due_date"),
    ],
    ids=["no-items", "blank-items", "no-period", "no-due-date"],
)
def test_correction_notice_needs_items_period_and_end_date(fields, field):
    ctx = replace(BASE, **NOTICE_CASES[0].values[1])
    with pytest.raises(L.LetterError) as err:
        L.correction_notice(replace(ctx, **fields))
    assert err.value.field == field


def test_consultation_letter_needs_a_party_and_a_name():
    ctx = replace(BASE, **NOTICE_CASES[3].values[1])
    for fields, field in (
        ({"consultation_party": None}, "consultation_party"),
        ({"consultee_name": ""}, "consultee_name"),
    ):
        with pytest.raises(L.LetterError) as err:
            L.consultation_letter(replace(ctx, **fields))
        assert err.value.field == field


# ---------------------------------------------------------------------------------------
# Citations come from one place.


def test_notice_citations_agree_with_the_outcome_table():
    assert all(o.basis.startswith(L.REGULATION) for o in OUTCOMES)
    assert f"{L.REGULATION}第四十二条、{L.FEE_MEASURES}" == NO_FEE.basis == L.FEE_BASIS
    assert BY_KEY["other.no_correction"].basis == L.CORRECTION_BASIS == f"{L.REGULATION}第三十条"


def test_registry_offers_every_letter_with_its_title():
    assert list(L.LETTERS) == ["reply", "correction", "extension", "fee", "consultation"]
    ctx = replace(
        BASE,
        outcome_key="open",
        **NOTICE_CASES[0].values[1]
        | NOTICE_CASES[1].values[1]
        | NOTICE_CASES[2].values[1]
        | NOTICE_CASES[3].values[1],
    )
    for title, make in L.LETTERS.values():
        assert texts(read(make(ctx)))[0] == title


def test_download_name_has_no_path_characters():
    name = L.filename("fee", replace(BASE, application_number='../2026/"0031"'))
    assert name == "政府信息公开信息处理费收费通知书-..20260031.docx"
    assert L.filename("reply", replace(BASE, application_number=" ")) == "政府信息公开申请答复书-未编号.docx"


def test_letters_module_imports_no_django():
    code = "import sys, gongkai.foi.letters; print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'wagtail')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------------------------------
# Layout: GB/T 9704 page, fonts, signature, page numbers.

LETTER_IDS = [name for name, _ in ALL_LETTERS]


def _close(a: int, b: int) -> bool:
    return abs(a - b) <= 635  # one twip, the unit Word stores


@pytest.mark.parametrize("data", [d for _, d in ALL_LETTERS], ids=LETTER_IDS)
def test_page_is_a4_with_official_margins(data):
    s = read(data).sections[0]
    assert _close(s.page_width, Cm(21)) and _close(s.page_height, Cm(29.7))
    assert _close(s.top_margin, Cm(3.7)) and _close(s.bottom_margin, Cm(3.5))
    assert _close(s.left_margin, Cm(2.8)) and _close(s.right_margin, Cm(2.6))


@pytest.mark.parametrize("data", [d for _, d in ALL_LETTERS], ids=LETTER_IDS)
def test_every_run_names_its_east_asian_font(data):
    doc = read(data)
    title = doc.paragraphs[0]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for run in title.runs:
        assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == L.TITLE_FONT
        assert run.font.size == Pt(22)
    for p in doc.paragraphs[1:]:
        for run in p.runs:
            assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == L.BODY_FONT
            assert run.font.size == Pt(16)
    footers = [doc.sections[0].footer, doc.sections[0].even_page_footer]
    for footer in footers:
        for run in footer.paragraphs[0].runs:
            assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == L.PAGE_NUMBER_FONT


@pytest.mark.parametrize("data", [d for _, d in ALL_LETTERS], ids=LETTER_IDS)
def test_document_defaults_are_chinese_without_theme_fonts(data):
    styles = read(data).styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == L.BODY_FONT
    assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    assert not any(
        k.endswith("Theme") or k.endswith("theme") for r in styles.iter(qn("w:rFonts")) for k in r.attrib
    )


@pytest.mark.parametrize("data", [d for _, d in ALL_LETTERS], ids=LETTER_IDS)
def test_font_table_names_fallbacks_for_the_official_fonts(data):
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/fontTable.xml"))
    alt = {f.get(qn("w:name")): f.find(qn("w:altName")) for f in root.findall(qn("w:font"))}
    assert alt[L.TITLE_FONT].get(qn("w:val")) == "宋体"
    assert alt[L.BODY_FONT].get(qn("w:val")) == "仿宋"


@pytest.mark.parametrize("data", [d for _, d in ALL_LETTERS], ids=LETTER_IDS)
def test_body_is_on_the_fixed_line_with_two_character_indent(data):
    paras = read(data).paragraphs
    salutation = next(p for p in paras if p.text.endswith("："))
    assert not salutation.paragraph_format.first_line_indent
    body = paras[paras.index(salutation) + 1]
    fmt = body.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY and Pt(28) <= fmt.line_spacing <= Pt(29)
    assert fmt.first_line_indent == Pt(32)
    assert body._p.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY


@pytest.mark.parametrize("data", [d for _, d in ALL_LETTERS], ids=LETTER_IDS)
def test_signature_is_centred_over_the_date_set_four_characters_from_the_right(data):
    paras = read(data).paragraphs
    name = next(p for p in paras if p.text == AGENCY)
    date = paras[paras.index(name) + 1]
    assert date.text == "2026年10月30日"
    assert name.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    if display_width(AGENCY) <= display_width(date.text) + 4:
        assert date.paragraph_format.right_indent == Pt(64)
    else:  # too long to centre over a date four characters in: the name keeps two
        assert name.paragraph_format.right_indent == Pt(32)
        assert date.paragraph_format.right_indent > Pt(64)
    centre = lambda p: p.paragraph_format.right_indent.pt + display_width(p.text) * 16 / 2  # noqa: E731
    assert abs(centre(name) - centre(date)) < 0.1
    # The text before the signature moves with it: no page holds the signature alone.
    closing = next(p for p in paras if p.text in ("特此告知。", "特此通知。", "特此函询，请予函复。"))
    assert paras[paras.index(closing) - 1].paragraph_format.keep_with_next
    assert all(p.paragraph_format.keep_with_next for p in paras[paras.index(closing) : paras.index(date)])


def test_a_long_agency_name_keeps_two_characters_from_the_right():
    ctx = replace(reply_ctx("open"), agency_name="张掖市甘州区人民政府办公室政府信息公开工作机构")
    paras = read(L.reply_letter(ctx)).paragraphs
    name = next(p for p in paras if p.text == ctx.agency_name)
    assert name.paragraph_format.right_indent == Pt(32)


@pytest.mark.parametrize("data", [d for _, d in ALL_LETTERS], ids=LETTER_IDS)
def test_page_numbers_sit_on_the_outer_side(data):
    doc = read(data)
    assert doc.settings.odd_and_even_pages_header_footer
    odd, even = doc.sections[0].footer.paragraphs[0], doc.sections[0].even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT and even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    for p in (odd, even):
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert "PAGE" in "".join(t.text for t in p._p.iter(qn("w:instrText")))


def test_the_letter_number_line_is_left_out_when_there_is_none():
    paras = texts(read(L.reply_letter(replace(reply_ctx("open"), letter_number=""))))
    assert paras[1] == "" and paras[2] == f"{APPLICANT}："


def test_office_contact_is_the_note_under_the_date():
    paras = texts(read(L.reply_letter(reply_ctx("open"))))
    assert paras[paras.index("2026年10月30日") + 1] == (
        "（联系机构：张掖市民族宗教事务委员会办公室；联系人：李明；联系电话：0936-8211234；"
        "通讯地址：甘肃省张掖市甘州区县府街1号）"
    )
    paras = texts(read(L.reply_letter(replace(reply_ctx("open"), office_name="", contact_person="",
                                              office_phone="", office_address=""))))  # fmt: skip
    assert paras[-1] == "2026年10月30日"


# ---------------------------------------------------------------------------------------
# Arbitrary input: generation never fails and the text comes back.

ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from("<>&\"'“”‘’\n\r\t　王张〔〕；。"),
    ),
    max_size=300,
)


def _kinds_ctx(name: str, content: str, reason: str, number: str) -> L.LetterContext:
    return replace(
        BASE,
        applicant_name=name,
        requested_content=content,
        reason=reason if inline(reason) else "理由",
        application_number=number,
        outcome_key="deny.process",
        items=(content or "事项",),
        period_workdays=15,
        due_date=PERIOD_DUE,
        new_deadline=dt.date(2026, 12, 3),
        fee_method=FeeMethod.PER_PAGE,
        fee_bands=FEE_BANDS_PAGES,
        payment_method=reason if inline(reason) else "银行转账",
        consultation_party=ConsultationParty.OTHER_ORGAN,
        consultee_name=name,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(list(L.LETTERS)),
    name=ANY_TEXT,
    content=ANY_TEXT,
    reason=ANY_TEXT,
    number=st.text(min_size=1, max_size=40),
)
def test_any_names_and_contents_generate_and_round_trip(kind, name, content, reason, number):
    ctx = _kinds_ctx(name, content, reason, number)
    make = L.LETTERS[kind][1]
    if not inline(name) or not inline(content) or not inline(number):
        with pytest.raises(L.LetterError):
            make(ctx)
        return
    doc = read(make(ctx))
    paras = texts(doc)
    assert f"{inline(name)}：" in paras
    text = full_text(doc)
    assert inline(content).rstrip("。；，、.;, ") in text
    assert f"申请编号：{inline(number)}" in text
    if kind == "extension":  # the reason is a clause there: 因……，本机关不能在法定期限内作出答复
        assert inline(ctx.reason).rstrip("。；，、.;, ") in text
    else:
        for line in xml_safe(ctx.reason).split("\n"):
            assert inline(line) in text


def test_markup_characters_and_controls_are_text_not_xml():
    name = '<w:p>&amp;"Tom" O\'Brien\x00\x0b\ud800\ufffe'
    doc = read(L.reply_letter(replace(reply_ctx("open"), applicant_name=name)))
    assert '<w:p>&amp;"Tom" O\'Brien：' in texts(doc)


def test_a_very_long_request_and_reason_flow_over_pages():
    content = "关于宗教活动场所财政补助资金的分配、拨付和使用情况" * 200
    reason = "\n".join(f"第{i}项理由：该信息系内部讨论记录，尚未形成正式意见" for i in range(1, 120))
    data = L.reply_letter(replace(reply_ctx("deny.process"), requested_content=content, reason=reason))
    text = full_text(read(data))
    assert content in text and "第119项理由：该信息系内部讨论记录，尚未形成正式意见。" in text


# ---------------------------------------------------------------------------------------
# Chinese text helpers.


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2026, 10, 30), "2026年10月30日"),
        (dt.date(2026, 1, 5), "2026年1月5日"),
        (dt.date(2027, 12, 1), "2027年12月1日"),
    ],
)
def test_dates_are_written_without_leading_zeros(day, text):
    assert cn_date(day) == text


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (35, "三十五"), (99, "九十九")]
)
def test_item_numbers_are_chinese(n, text):
    assert cn_ordinal(n) == text


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("0", "人民币零元整"),
        ("100", "人民币壹佰元整"),
        ("380", "人民币叁佰捌拾元整"),
        ("1005", "人民币壹仟零伍元整"),
        ("4700", "人民币肆仟柒佰元整"),
        ("5500", "人民币伍仟伍佰元整"),
        ("10", "人民币壹拾元整"),
        ("100000", "人民币壹拾万元整"),
        ("1000010", "人民币壹佰万零壹拾元整"),
        ("10010000", "人民币壹仟零壹万元整"),
        ("100010000", "人民币壹亿零壹万元整"),
        ("1010.50", "人民币壹仟零壹拾元伍角"),
        ("1.01", "人民币壹元零壹分"),
        ("0.05", "人民币伍分"),
    ],
)
def test_amounts_in_capitals_follow_bookkeeping_rules(amount, text):
    assert yuan_upper(Decimal(amount)) == text


def test_whitespace_and_invalid_characters_are_cleaned():
    assert xml_safe("a\r\nb\rc\x00\ud800") == "a\nb\nc"
    assert inline("  王\n 建国\t ") == "王 建国"
