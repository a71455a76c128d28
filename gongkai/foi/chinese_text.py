"""Chinese text helpers for official letters. Pure Python, no third-party imports.

Dates in the 公文 form (2026年10月30日), Chinese ordinal numerals for numbered items
(一、二、), the capitalised amount used on fee documents (人民币伍仟伍佰元整), the
display width used to centre a signature over its date, and the cleaning of user text
so that any string from a form or a ledger can go into an XML document.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

# XML 1.0 allows TAB, LF, CR and these ranges; anything else (C0 controls, lone
# surrogates, U+FFFE/U+FFFF) makes lxml refuse the string.
_XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_WHITESPACE_RUN = re.compile(r"\s+")


def xml_safe(text: str | None) -> str:
    """``text`` without the characters XML cannot carry; CR and CRLF become LF."""
    if not text:
        return ""
    text = _XML_INVALID.sub("", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def inline(text: str | None) -> str:
    """A single-line field (a name, a number, a quoted request): whitespace runs become
    one space and the ends are trimmed, so a pasted line break cannot split a sentence."""
    return _WHITESPACE_RUN.sub(" ", xml_safe(text)).strip()


def paragraphs(text: str | None) -> list[str]:
    """A free-text field split into its non-empty lines, each cleaned like ``inline``."""
    return [line for line in (inline(part) for part in xml_safe(text).split("\n")) if line]


def cn_date(day: dt.date) -> str:
    """2026年10月30日: Arabic numerals, no leading zeros (GB/T 9704—2012 7.3.5.1)."""
    return f"{day.year}年{day.month}月{day.day}日"


_DIGITS = "零一二三四五六七八九"


def cn_ordinal(n: int) -> str:
    """一 … 九十九, the numbers of 一、二、 and （一）（二） items."""
    if not 1 <= n <= 99:
        raise ValueError("序号应在1至99之间")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


_UPPER = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_SECTION_UNITS = ("", "万", "亿", "万亿")


def _section(n: int) -> str:
    """0 < n < 10000 in capitals, with inner zeros read once (1005 → 壹仟零伍)."""
    out = ""
    pending_zero = False
    for pos in range(3, -1, -1):
        digit = n // 10**pos % 10
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out += "零"
            pending_zero = False
        out += _UPPER[digit] + _SMALL_UNITS[pos]
    return out


def yuan_upper(amount: Decimal) -> str:
    """The capitalised amount, e.g. 5500 → 人民币伍仟伍佰元整, 1010.5 → 人民币壹仟零壹拾元伍角.

    Follows the usual bookkeeping rules: a run of zeros is read as one 零, a ten is
    written 壹拾, and 整 closes an amount without 分.
    """
    if amount < 0:
        raise ValueError("金额不能为负")
    cents_total = int((amount * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    yuan, cents = divmod(cents_total, 100)
    jiao, fen = divmod(cents, 10)
    if yuan >= 10**16:
        raise ValueError("金额过大")

    integer = ""
    sections = []
    rest = yuan
    while rest:
        rest, sec = divmod(rest, 10000)
        sections.append(sec)
    need_zero = False
    for idx in range(len(sections) - 1, -1, -1):
        sec = sections[idx]
        if sec == 0:
            need_zero = bool(integer)
            continue
        if integer and (need_zero or sec < 1000):
            integer += "零"
        integer += _section(sec) + _SECTION_UNITS[idx]
        need_zero = False

    if not integer and not cents:
        return "人民币零元整"
    out = "人民币"
    if integer:
        out += integer + "元"
    if cents == 0:
        return out + "整"
    if jiao:
        out += _UPPER[jiao] + "角"
    elif integer:
        out += "零"
    if fen:
        out += _UPPER[fen] + "分"
    return out


def display_width(text: str) -> float:
    """Width in character cells: full-width (CJK) characters count 1, others 0.5."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5 for ch in text)
