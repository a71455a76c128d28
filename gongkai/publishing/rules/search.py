"""Chinese search terms: overlapping character bigrams.

Chinese has no spaces, and the database backends' tokenisers (and Wagtail's) do not split it,
so a two-character word such as 宗教 is never a token. We index every pair of adjacent
word characters ("宗教事务" → 宗教, 教事, 事务). A query of n ≥ 2 characters is found by the
n−1 bigrams it contains (all must be present) and, for n ≥ 3, by a substring check that
they are adjacent in that order. One-character queries cannot use the index.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

BREAK = "brk"  # put between runs in the token document; a query (pairs only) never yields it
MAX_QUERY_CHARS = 40
MAX_CODES = 12  # bigrams of a long query looked up in the index; the substring check does the rest


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits → ASCII), lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def runs(text: str) -> list[str]:
    """Maximal runs of word characters (letters, CJK, digits) of normalised text."""
    out: list[str] = []
    cur: list[str] = []
    for ch in text:
        if ch.isalnum():
            cur.append(ch)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


def bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def token_document(text: str) -> list[str]:
    """The bigram tokens of ``text`` in order, runs separated by ``BREAK`` (so a phrase query
    can only match inside one run)."""
    tokens: list[str] = []
    for r in runs(normalise(text)):
        bg = bigrams(r)
        if bg:
            if tokens:
                tokens.append(BREAK)
            tokens.extend(bg)
    return tokens


def code(pair: str) -> int:
    """A bigram as a signed 32-bit integer (two 16-bit code units). Characters outside the
    BMP share codes with others: the substring check removes such false matches."""
    a, b = (ord(c) & 0xFFFF for c in pair)
    return ((a << 16) | b) - (1 << 31)


def codes(tokens: list[str]) -> list[int]:
    return sorted({code(t) for t in tokens if t != BREAK})


def is_exact_pair(pair: str) -> bool:
    return all(ord(c) <= 0xFFFF for c in pair)


@dataclass(frozen=True)
class Query:
    phrases: tuple[str, ...]  # normalised runs of ≥ 2 characters, all required
    short: tuple[str, ...]  # one-character runs: too short for the index

    @property
    def searchable(self) -> bool:
        return bool(self.phrases)

    def lookup_codes(self) -> list[int]:
        """The index codes to look up: every bigram, at most MAX_CODES, spread over the phrases."""
        pairs = [p for ph in self.phrases for p in bigrams(ph)]
        seen: list[int] = []
        for p in pairs:
            c = code(p)
            if c not in seen:
                seen.append(c)
        if len(seen) > MAX_CODES:
            step = len(seen) / MAX_CODES
            seen = [seen[int(i * step)] for i in range(MAX_CODES)]
        return sorted(seen)

    def needs_substring_check(self, phrase: str) -> bool:
        return len(phrase) > 2 or not is_exact_pair(phrase)

    def fts_match(self) -> str:
        """An SQLite FTS5 expression: each phrase as a phrase of its bigrams, all required."""
        return " AND ".join('"' + " ".join(bigrams(ph)) + '"' for ph in self.phrases)


def parse_query(q: str) -> Query:
    rs = runs(normalise(q[: MAX_QUERY_CHARS * 2]))
    phrases, short = [], []
    for r in rs:
        (phrases if len(r) >= 2 else short).append(r[:MAX_QUERY_CHARS])
    return Query(tuple(dict.fromkeys(phrases)), tuple(dict.fromkeys(short)))
