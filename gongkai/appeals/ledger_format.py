"""The 复议/诉讼台账 (ledger-format.md §2), registered with foi's ledger kinds. Pure: no Django.

The columns, their cell parsers and the rules between them are declared once as a
``LedgerKind`` of ``gongkai.foi.ledger_format``, so import, export and the detection of a
file's ledger by its header row (``detect_kind``: this one is identified by 案号) share
one definition. Problems come back per row as Excel numbers them (the header is row 1),
with the column and the reason in Chinese; the caller writes nothing when there is any
error (an import is all-or-nothing).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gongkai.appeals.rules import CASE_KIND_LABELS, RESULT_LABELS, CaseKind, Result
from gongkai.foi.ledger_format import (
    Column,
    LedgerKind,
    Parsed,
    Problem,
    choice_cell,
    date_cell,
    register_kind,
    text_cell,
)
from gongkai.foi.ledger_format import parse as parse_ledger

KIND = "appeals"
TITLE = "复议/诉讼台账"


@dataclass(frozen=True)
class CaseRow:
    row: int
    number: str
    kind: CaseKind
    application_number: str
    received_on: dt.date
    concluded_on: dt.date | None
    result: Result | None


# The ledger's words first, then the keys; a full-width or long dash reads as "-".
_KIND_WORDS: dict[str, CaseKind] = (
    {label: k for k, label in CASE_KIND_LABELS.items()}
    | {label.replace("-", "－"): k for k, label in CASE_KIND_LABELS.items()}
    | {label.replace("-", "—"): k for k, label in CASE_KIND_LABELS.items()}
    | {k.value: k for k in CaseKind}
)
_RESULT_WORDS: dict[str, Result] = {label: r for r, label in RESULT_LABELS.items()} | {r.value: r for r in Result}


def _check(v: Mapping[str, Any], today: dt.date) -> Iterable[tuple[str, str]]:
    """Rules between the columns of §2 (a key is absent when its cell was unreadable)."""
    for key in ("received_on", "concluded_on"):
        if v.get(key) is not None and v[key] > today:
            yield key, "日期不能晚于今天"
    received, concluded = v.get("received_on"), v.get("concluded_on")
    if received is not None and concluded is not None and concluded < received:
        yield "concluded_on", "结案日期不能早于收到日期"
    if concluded is not None and "result" in v and v["result"] is None:
        yield "result", "已填写结案日期的，结果必填（维持 / 纠正 / 其他）"
    if "concluded_on" in v and concluded is None and v.get("result") is not None:
        yield "result", "未结案（结案日期为空）的案件不应填写结果"


def _build(row: int, v: Mapping[str, Any]) -> CaseRow:
    return CaseRow(row, v["number"], v["kind"], v.get("application_number") or "", v["received_on"], v.get("concluded_on"), v.get("result"))


APPEALS: LedgerKind[CaseRow] = register_kind(
    LedgerKind(
        key=KIND,
        title=TITLE,
        columns=(
            Column("案号", "number", text_cell(80), required=True),
            Column("类型", "kind", choice_cell(_KIND_WORDS, "类型", CASE_KIND_LABELS.values()), lambda k: k.label, required=True),
            Column("关联申请编号", "application_number", text_cell(40)),
            Column("收到日期", "received_on", date_cell, required=True),
            Column("结案日期", "concluded_on", date_cell),
            Column("结果", "result", choice_cell(_RESULT_WORDS, "结果", RESULT_LABELS.values()), lambda r: r.label),
        ),
        identity="number",
        build=_build,
        check=_check,
    )
)
HEADERS = APPEALS.headers


def parse(header: Sequence[Any], rows: Iterable[Sequence[Any]], *, today: dt.date) -> Parsed[CaseRow]:
    """Read the ledger rows below ``header`` (every problem is collected)."""
    return parse_ledger(APPEALS, header, rows, today=today)


__all__ = ["APPEALS", "HEADERS", "KIND", "TITLE", "CaseRow", "Problem", "parse"]
