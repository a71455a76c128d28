"""Text normalisation for reading published reports. Pure: no Django.

A published report may be in traditional characters, carry inline pinyin annotations
(``公開(kāi)``, from sites that add 注音 for accessibility), full-width digits and letters,
regional vocabulary and line breaks inside table cells. Everything the reader compares
goes through ``clean_text`` first; labels are then compared by ``label_key``.

Order matters: pinyin annotations are removed before NFKC (NFKC would not touch them, but
their parentheses must still be told apart from real ones), and OpenCC runs on the
annotated-free text so that it sees whole words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# A pinyin syllable: optional initial, a vowel nucleus (with or without a tone mark) and an
# optional nasal / r ending. Used only inside parentheses that directly follow a Han
# character, so real parentheses such as （一）, (2024年) or (PDF) never match.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_VOWELS = "aeiouüv" + _TONED
_SYLLABLE = rf"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[{_VOWELS}]{{1,3}}(?:ng|n|r)?"
_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
PINYIN_ANNOTATION = re.compile(rf"(?<={_HAN})[(（]\s*({_SYLLABLE})\s*[)）]")

# Regional vocabulary (Taiwan / Hong Kong usage) after t2s: the disclosure terms only.
# Reader-specific: formats.py defines the official wording, not the other regions' words.
REGIONAL_TERMS: tuple[tuple[str, str], ...] = (
    ("规范性档案", "规范性文件"),
    ("政府资讯公开", "政府信息公开"),
    ("政府资讯", "政府信息"),
    ("资讯公开", "信息公开"),
    ("公开资讯", "公开信息"),
    ("行政规则", "行政规范性文件"),
)

# Page furniture of saved web pages that is not part of a report.
_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u2009\u200b]+")


def _has_tone_or_is_syllable(m: re.Match[str]) -> bool:
    body = m.group(1)
    return any(c in _TONED for c in body) or len(body) <= 6


def strip_pinyin(text: str) -> str:
    """``公開(kāi)`` → ``公開``; ``創(chuàng )`` → ``創``; real parentheses are kept."""
    return PINYIN_ANNOTATION.sub(lambda m: "" if _has_tone_or_is_syllable(m) else m.group(0), text)


@cache
def _converter() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified Chinese (OpenCC ``t2s``), then the regional terms."""
    out = _converter().convert(text)  # type: ignore[attr-defined]
    for regional, standard in REGIONAL_TERMS:
        out = out.replace(regional, standard)
    return out


def clean_text(text: str) -> str:
    """What every reader hands on: pinyin annotations removed, simplified characters,
    regional terms replaced. Full-width punctuation is kept (labels use it); digits and
    Latin letters become ASCII (NFKC on those characters only), line ends are ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = strip_pinyin(text)
    text = to_simplified(text)
    return _ascii_alnum(text)


_FULLWIDTH_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff0e\uff0b\uff0d\uff0f]")


def _ascii_alnum(text: str) -> str:
    """Full-width digits, letters, ．＋－／ → ASCII (NFKC of those characters only)."""
    return _FULLWIDTH_ALNUM.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


def squeeze(text: str) -> str:
    """Collapse runs of spaces to one space and strip; keeps line breaks."""
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def cell_text(text: str) -> str:
    """A table cell's text: line breaks and spaces inside a cell removed (``商业 企业`` →
    ``商业企业``), except between two numbers or words of Latin script."""
    parts = [p for p in re.split(r"\s+", text.strip()) if p]
    if not parts:
        return ""
    out = parts[0]
    for p in parts[1:]:
        if re.search(r"[0-9A-Za-z]$", out) and re.match(r"[0-9A-Za-z]", p):
            out += " " + p
        else:
            out += p
    return out


_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
_NOTE = re.compile(r"[(（][^()（）]*[)）]")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "")


def label_key(text: str) -> str:
    """A label for comparison: NFKC, no whitespace, no punctuation (the numbering digits and
    Chinese numerals stay): ``（一）予以公开`` → ``一予以公开``; ``1.属于国家秘密`` → ``1属于国家秘密``."""
    return _PUNCT.sub("", nfkc(text))


def strip_notes(text: str) -> str:
    """Parenthetical notes removed (evaluation.md §5 item 6: provincial notes inside labels)."""
    previous = None
    while previous != text:
        previous, text = text, _NOTE.sub("", text)
    return text


_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|\d+[.．、])\s*")


def strip_numbering(text: str) -> str:
    """``（三）不予公开`` → ``不予公开``; ``1.属于国家秘密`` → ``属于国家秘密``."""
    return _NUMBERING.sub("", text)
