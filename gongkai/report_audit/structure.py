"""The structure of a read report: title, the six sections, the year, the agency, the
signature date and the format version. Pure: no Django.

Headings are the format's (``formats.SECTIONS``). The variants a reader must still accept
— the ones annual-report-format.md §2 lists, which formats.py holds, plus numbering and
wording variants seen in published reports — are reader-specific and live here
(``HEADING_VARIANTS``); every variant is reported as a B1 warning.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from gongkai.annual_report import formats as F
from gongkai.report_audit import normalise as N
from gongkai.report_audit.document import Block, Document

# Reader-specific wording variants of the section bodies (without numbering), seen in
# published reports (annual-report-format.md §2, evaluation.md §5 items 1 and 3).
HEADING_VARIANTS: dict[str, tuple[str, ...]] = {
    "overview": ("基本情况", "总体工作情况"),
    "table2": ("主动公开情况", "主动公开政府信息的情况"),
    "table3": ("收到和处理政府信息公开申请的情况", "依申请公开政府信息情况", "依申请公开情况"),
    "table4": ("政府信息公开行政复议和行政诉讼情况", "因政府信息公开工作被申请行政复议、提起行政诉讼的情况", "行政复议、行政诉讼情况"),
    "problems": (
        *(h.split("、", 1)[1] for h in F.PROBLEMS_HEADING_VARIANTS),
        "存在的问题及改进情况",
        "存在的主要问题及改进措施",
        "存在的主要问题和改进情况",
        "政府信息公开工作存在的主要问题及改进措施",
        "存在的不足及改进措施",
    ),
    "other": ("其他需要报告的事项情况", "其他需要报告事项", "其他需要报告的情况"),
}
MAX_HEADING_CHARS = 40
_NUMERALS = "一二三四五六"
_PREFIX = re.compile(
    r"^(?:第?(?P<a>[一二三四五六])(?:部分)?\s*(?P<sep>[、.．，,:：\s]?)\s*|[(（](?P<b>[一二三四五六])[)）]\s*)?(?P<body>.+?)[:：。]?$"
)


@dataclass(frozen=True)
class Heading:
    section: str  # formats section key
    text: str  # as found
    status: str  # "exact" | "equivalent" | "variant"
    block: int  # index of the block


def _body(heading: str) -> str:
    return heading.split("、", 1)[1]


def match_heading(text: str) -> tuple[str, str] | None:
    """(section key, status) when ``text`` is one of the six headings or a variant."""
    line = "".join(text.split())
    if not line or len(line) > MAX_HEADING_CHARS:
        return None
    for s in F.SECTIONS:
        if line == s.heading:
            return s.key, "exact"
    if line == F.PROBLEMS_HEADING_EQUIVALENT:
        return "problems", "equivalent"
    m = _PREFIX.match(line)
    if not m:
        return None
    numeral = m.group("a") or m.group("b")
    paren = m.group("b") is not None
    body_key = N.label_key(m.group("body"))
    for i, s in enumerate(F.SECTIONS):
        canonical = N.label_key(_body(s.heading))
        equivalents = [canonical]
        if s.key == "problems":
            equivalents.append(N.label_key(_body(F.PROBLEMS_HEADING_EQUIVALENT)))
        variants = [N.label_key(v) for v in HEADING_VARIANTS.get(s.key, ())]
        if body_key in equivalents:
            if paren and numeral != _NUMERALS[i]:
                return None  # （一）主动公开政府信息情况 is a sub-heading, not a section
            return s.key, "variant"
        if body_key in variants and numeral is not None and not paren:
            return s.key, "variant"
    return None


@dataclass
class Structure:
    title: str = ""
    intro: list[str] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    # section key -> the blocks under its heading (text, tables, images)
    parts: dict[str, list[Block]] = field(default_factory=dict)
    year: int | None = None
    year_source: str = ""
    agency: str = ""
    signed_on: dt.date | None = None
    signed_text: str = ""
    published_on: dt.date | None = None  # page metadata 发布日期, when there is no signature

    def text(self, key: str) -> str:
        return "\n".join(b.text for b in self.parts.get(key, []) if b.kind == "text" and b.text)

    @property
    def found(self) -> set[str]:
        return {h.section for h in self.headings}


# -- continuous lines (text and PDF) ----------------------------------------------------------

_VALUE = re.compile(r"^(?:[+-]?\d+(?:\.\d+)?|[/／—\-－–]+)$")
_STARTS_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+[、是.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、]|[—\-]|附件|注[:：])")
_SENTENCE_END = tuple("。！？：；!?:;")
SHORT_CELL = 6


def is_value(token: str) -> bool:
    return bool(_VALUE.match(token))


def _ends_with_value(line: str) -> bool:
    parts = line.split()
    return bool(parts) and is_value(parts[-1])


def join_wrapped(blocks: list[Block]) -> list[Block]:
    """Join hard-wrapped lines of text and PDF: a line that does not end a sentence is
    continued by the next, unless either is a heading, a value row or a numbered item."""
    out: list[Block] = []
    for i, b in enumerate(blocks):
        prev = out[-1] if out else None
        nxt = next((x.text for x in blocks[i + 1 :] if x.kind == "text" and x.text), "")
        if len(b.text) <= SHORT_CELL and nxt and all(is_value(t) for t in nxt.split()):
            out.append(b)  # one cell per line: a short cell before a row's numbers
            continue
        if (
            b.kind == "text"
            and b.text
            and prev is not None
            and prev.kind == "text"
            and prev.text
            and not prev.text.endswith(_SENTENCE_END)
            and not _ends_with_value(prev.text)
            and not all(is_value(t) for t in b.text.split())
            and not _STARTS_ITEM.match(b.text)
            and match_heading(prev.text) is None
            and match_heading(b.text) is None
            and not _DATE.search(b.text[:14])
        ):
            out[-1] = Block("text", prev.text + b.text)
            continue
        out.append(b)
    return out


# -- dates, year and agency ---------------------------------------------------------------------

_DATE = re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISO_DATE = re.compile(r"(?:发布|公开|成文|生成)(?:日期|时间)[:：]?\s*(20\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_TITLE = re.compile(r"(20\d{2})\s*年度?\s*(?:政府信息公开工作)?年度报告")
_PERIOD = re.compile(r"统计期限为\s*(20\d{2})\s*年\s*1\s*月\s*1\s*日")
_YEAR_LEAD = re.compile(r"^(20\d{2})\s*年[，,度]")


def _date(m: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def signature(blocks: list[Block]) -> tuple[str, dt.date | None, str]:
    """(agency, date, the date's text) from the last lines: the 落款 at the end of 六."""
    texts = [b.text for b in blocks if b.kind == "text" and b.text][-8:]
    for i in range(len(texts) - 1, -1, -1):
        line = texts[i]
        m = _DATE.search(line)
        if m and len(line) <= 40:
            agency = line[: m.start()].strip()
            if not agency and i > 0 and len(texts[i - 1]) <= 40 and not _DATE.search(texts[i - 1]):
                agency = texts[i - 1]
            return agency, _date(m), m.group(0)
    return "", None, ""


def find_year(st: Structure, all_text: str) -> tuple[int | None, str]:
    for source, pattern, text in (
        ("标题", _TITLE, st.title + "\n" + "\n".join(st.intro[:3])),
        ("统计期限", _PERIOD, all_text),
    ):
        m = pattern.search(text)
        if m:
            return int(m.group(1)), source
    m = _YEAR_LEAD.search(st.text("overview"))
    if m:
        return int(m.group(1)), "总体情况"
    if st.signed_on:
        return st.signed_on.year - 1, "落款日期"
    return None, ""


def agency_kind(name: str) -> str:
    """"government" for a 本级人民政府 report (deadline 3月31日, B7), else "department"."""
    name = name.strip()
    if re.search(r"人民政府(?:\d{4}年.*)?$", name):
        return "government"
    if "人民政府" in name and not re.search(r"人民政府.+(?:局|委员会|办公厅|办公室|中心|处)", name):
        return "government"
    return "department"


# -- the sections -------------------------------------------------------------------------------


def find_structure(doc: Document) -> Structure:
    blocks = join_wrapped(doc.blocks) if doc.source in ("text", "pdf") else list(doc.blocks)
    doc.blocks = blocks
    st = Structure()
    current: str | None = None
    done: set[str] = set()
    order = [s.key for s in F.SECTIONS]
    for i, b in enumerate(blocks):
        if b.kind == "text" and b.text:
            hit = match_heading(b.text)
            if hit and hit[0] not in done:
                key, status = hit
                # A variant is accepted only after the sections before it (so that a
                # sub-heading of 一 is not taken for a later section's heading).
                if status == "exact" or not done or order.index(key) > max(order.index(k) for k in done):
                    st.headings.append(Heading(key, b.text, status, i))
                    done.add(key)
                    current = key
                    st.parts[key] = []
                    continue
        if current is None:
            if b.kind == "text" and b.text:
                st.intro.append(b.text)
            elif b.kind != "text":
                st.parts.setdefault("_before", []).append(b)
        else:
            st.parts[current].append(b)
    titled = [t for t in st.intro if _TITLE.search(t) and len(t) <= 60 and "《" not in t]
    st.title = titled[0] if titled else next((t for t in st.intro if t.endswith("报告") and len(t) <= 60), "")
    if st.title:
        st.intro.remove(st.title)
    tail = st.parts.get(st.headings[-1].section, []) if st.headings else [b for b in blocks]
    st.agency, st.signed_on, st.signed_text = signature(tail)
    all_text = "\n".join(b.text for b in blocks if b.kind == "text")
    if st.signed_on is None:
        m = _ISO_DATE.search(all_text)
        if m:
            st.published_on = _date(m)
    if not st.agency and st.title:
        m = re.match(r"(.+?)(?:20\d{2})\s*年", st.title)
        st.agency = m.group(1) if m else ""
    st.year, st.year_source = find_year(st, all_text)
    return st
