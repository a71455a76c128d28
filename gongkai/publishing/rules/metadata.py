"""Catalogue metadata: vocabularies and field checks (catalog-metadata.md §2 and §4)."""

from __future__ import annotations

import re

# 《党政机关公文处理工作条例》第八条: the 15 公文 types, then the portals' non-公文 genres (§4).
OFFICIAL_GENRES = ("决议", "决定", "命令（令）", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案", "函", "纪要")
OTHER_GENRES = ("解读", "年报", "规划", "其他")
GENRES = OFFICIAL_GENRES + OTHER_GENRES
INTERPRETATION = "解读"

# 有效性 (fujian.gov.cn options, §4). 废止 needs a 废止日期; it feeds 表二 本年废止件数.
VALID, EXPIRED, REPEALED = "有效", "失效", "废止"
VALIDITY = (VALID, EXPIRED, REPEALED)

# 表二 第二十条第（一）项: the kinds the register counts (annual_report.register keys). The 文种
# alone cannot tell a 行政规范性文件 (§9), hence an explicit field.
DOCUMENT_KINDS = (("rules", "规章"), ("normative", "行政规范性文件"))

# 主题分类: no authoritative list was found (§4, UNVERIFIED); this is the default vocabulary,
# loaded as editable data. gov.cn-style two-level names use a backslash.
DEFAULT_TOPICS = (
    "综合政务\\政务公开",
    "综合政务\\政务督查",
    "综合政务\\应急管理",
    "民族、宗教\\民族事务",
    "民族、宗教\\宗教事务",
    "民政、乡村振兴、救灾\\社会救助",
    "财政、金融、审计\\预算决算",
    "城乡建设、环境保护",
    "科技、教育\\教育",
    "文化、广电、新闻出版",
    "卫生、体育",
    "公安、安全、司法\\法制",
    "劳动、人事、监察\\公务员管理",
    "商贸、海关、旅游",
    "国土资源、能源",
    "农业、林业、水利",
    "统计",
    "其他",
)

SUMMARY_MAX = 100  # §2: 内容概述 generally ≤ 100 characters
DOC_NO = re.compile(r"^\S*〔(\d{4})〕(\d+)号$")  # GB/T 9704: 机关代字〔年份〕序号号


def doc_no_problem(value: str) -> str | None:
    """A 文号 must read 〔YYYY〕N号 with hexagonal brackets (§2: store and display 〔YYYY〕N号)."""
    if not value:
        return None
    fixed = normalise_doc_no(value)
    m = DOC_NO.match(fixed)
    if not m:
        return "文号应写作“机关代字〔年份〕序号号”，如“张民宗发〔2024〕3号”"
    if not 1949 <= int(m.group(1)) <= 2100:
        return "文号中的年份不正确"
    if int(m.group(2)) == 0 or m.group(2).startswith("0"):
        return "文号中的序号不编虚位，不加“第”字，如“3号”"
    return None


def normalise_doc_no(value: str) -> str:
    """Common substitutes for 〔 〕 (square brackets, 【】, （）, [ ]) become the hexagonal ones."""
    v = value.strip().replace(" ", "")
    return re.sub(r"[\[［【(（]\s*(\d{4})\s*[\]］】)）]", r"〔\1〕", v)


def summary_problem(value: str, title: str = "") -> str | None:
    if len(value) > SUMMARY_MAX:
        return f"内容概述不超过{SUMMARY_MAX}字（现有{len(value)}字）"
    if value and value.strip() == title.strip():
        return "内容概述不能只重复标题"
    return None


def validity_problem(validity: str, repealed_on: object, written_on: object) -> str | None:
    if validity == REPEALED and repealed_on is None:
        return "有效性为“废止”时须填写废止日期"
    if validity != REPEALED and repealed_on is not None:
        return "只有已废止的文件才填写废止日期"
    if repealed_on is not None and written_on is not None and repealed_on < written_on:  # type: ignore[operator]
        return "废止日期不能早于成文日期"
    return None
