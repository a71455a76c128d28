"""The 台账 (ledger) formats of ledger-format.md: columns, cell parsing, cross-field rules. Pure.

One ``LedgerKind`` describes one ledger: its columns (header, required?, parser, how a value
is written back), the column that identifies a record, the rules between columns, and how a
parsed row becomes a typed record. Import (``parse``) and export (``LedgerKind.cells``) both
read the same definition, so the two cannot drift apart.

This module defines and registers the 依申请公开 ledger (§1). Other apps register their own
ledgers through ``register_kind`` (the appeals app: §2, identified by 案号), and
``detect_kind`` tells from a file's header row which ledger it is.

Every problem is a ``Problem(row, column, reason)``: the row as Excel shows it (the header is
row 1, the first data row is row 2), the column's header, and the reason in Chinese.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, NamedTuple, TypeVar

from gongkai.core.rules.identifiers import InvalidIdentifier, normalise_credit_code, normalise_resident_id
from gongkai.foi.rules.applicants import ApplicantKind, kind_from_label
from gongkai.foi.rules.events import State
from gongkai.foi.rules.fees import LEDGER_METHODS, METHOD_TO_LEDGER, FeeMethod
from gongkai.foi.rules.outcomes import BY_KEY, Outcome, outcome_from_text
from gongkai.foi.rules.receipt import CHANNEL_LABELS, CHANNEL_TO_LEDGER, LEDGER_CHANNELS, Channel

R = TypeVar("R")

HEADER_ROW = 1
FIRST_DATA_ROW = 2
# 《政府信息公开条例》(国务院令第492号) took effect on 2008-05-01: an earlier date is a typo.
EARLIEST_DATE = dt.date(2008, 5, 1)


class Problem(NamedTuple):
    """An error or a warning about a ledger file."""

    row: int  # as Excel shows it: the header is row 1
    column: str  # the column's header; "" when the problem is the header row as a whole
    reason: str  # in Chinese

    def __str__(self) -> str:
        return f"第{self.row}行 [{self.column or '表头'}] {self.reason}"


class CellError(ValueError):
    """A cell whose value cannot be read. The message, in Chinese, says why."""


# -- reading cells -----------------------------------------------------------------------------
#
# Cells come as text from a CSV file and as str / int / float / bool / datetime from an
# .xlsx sheet. Parsers are only called for non-blank cells.


def cell_text(value: Any) -> str:
    """The text of a cell, trimmed, with line breaks as "\\n"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "是" if value else "否"
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, dt.datetime):
        text = value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def is_blank(value: Any) -> bool:
    return cell_text(value) == ""


def normalise_header(value: Any) -> str:
    return cell_text(value).replace("\ufeff", "").strip()


def text_cell(max_length: int | None = None) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        text = cell_text(value)
        if max_length is not None and len(text) > max_length:
            raise CellError(f"不能超过{max_length}个字（现有{len(text)}个字）")
        return text

    return parse


_DATE_RE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00)?)?")


def date_cell(value: Any) -> dt.date:
    """YYYY-MM-DD text or an Excel date cell."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError(f"单元格是数字（{cell_text(value)}）而不是日期：请设为日期格式，或填写YYYY-MM-DD（如2024-03-05）")
    else:
        text = cell_text(value)
        match = _DATE_RE.fullmatch(text)
        if match is None:
            raise CellError(f"“{text}”不是YYYY-MM-DD格式的日期（如2024-03-05）")
        try:
            day = dt.date.fromisoformat(match.group(1))
        except ValueError:
            raise CellError(f"日期“{text}”不存在") from None
    if day < EARLIEST_DATE:
        raise CellError(f"日期{day:%Y-%m-%d}早于《政府信息公开条例》施行之日（2008-05-01），请核对")
    return day


def choice_cell(choices: Mapping[str, Any], what: str, allowed: Iterable[str]) -> Callable[[Any], Any]:
    """One of ``choices`` (its keys are the accepted words); ``allowed`` names them in messages."""
    listed = " / ".join(allowed)

    def parse(value: Any) -> Any:
        text = cell_text(value).replace(" ", "")
        if text in choices:
            return choices[text]
        raise CellError(f"{what}“{cell_text(value)}”不在允许的取值内（{listed}）")

    return parse


def amount_cell(value: Any) -> Decimal:
    """元, a non-negative decimal with at most two places (角、分), returned as 0.00."""
    if isinstance(value, float) and abs(value - round(value, 2)) < 1e-9:
        value = round(value, 2)  # a float cell holding a whole number of 分
    text = cell_text(value).replace(",", "").replace("，", "")
    text = text.removesuffix("元").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise CellError(f"“{cell_text(value)}”不是金额（以元为单位的数字，如120或120.50）") from None
    if not amount.is_finite():
        raise CellError(f"“{cell_text(value)}”不是金额（以元为单位的数字，如120或120.50）")
    if amount < 0:
        raise CellError(f"收费金额不能为负数（{text}）")
    if amount >= 10**9:
        raise CellError(f"收费金额{text}元过大，请核对")
    if amount != amount.quantize(Decimal("0.01")):
        raise CellError(f"收费金额最多保留两位小数（{text}）")
    return amount.quantize(Decimal("0.01"))


def _yuan(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"))


# -- kinds of ledger ----------------------------------------------------------------------------


def _identity(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class Column:
    header: str
    key: str  # the record's attribute, and the key of the parsed values
    parse: Callable[[Any], Any]  # non-blank cell → value; raises CellError
    export: Callable[[Any], Any] = _identity  # value → cell: str, datetime.date or Decimal
    required: bool = False


@dataclass(frozen=True)
class LedgerKind(Generic[R]):
    """One ledger format: its columns and how a row becomes a record of type ``R``."""

    key: str
    title: str  # e.g. 依申请公开台账
    columns: tuple[Column, ...]
    identity: str  # key of the column unique within a file and an agency (申请编号, 案号)
    build: Callable[[int, Mapping[str, Any]], R]  # (row number, parsed values) → record
    # Rules between columns: (values, today) → (column key, reason) for each violation. A key
    # is absent from ``values`` when its cell was unreadable (already reported); it maps to
    # None when the cell is blank or the column is not in the file.
    check: Callable[[Mapping[str, Any], dt.date], Iterable[tuple[str, str]]] = lambda values, today: ()

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    @property
    def identity_header(self) -> str:
        return self.column(self.identity).header

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    def cells(self, record: R) -> list[Any]:
        """The export row of ``record``, in column order; None for a blank cell."""
        out: list[Any] = []
        for c in self.columns:
            value = getattr(record, c.key)
            out.append(None if value is None else c.export(value))
        return out


_KINDS: dict[str, LedgerKind[Any]] = {}


def register_kind(kind: LedgerKind[R]) -> LedgerKind[R]:
    """Make ``kind`` known to ``detect_kind``. Each kind has its own identity header."""
    current = _KINDS.get(kind.key)
    if current is not None and current is not kind:
        raise ValueError(f"ledger kind {kind.key!r} is already registered")
    for other in _KINDS.values():
        if other.key != kind.key and other.identity_header == kind.identity_header:
            raise ValueError(f"ledger kinds {other.key!r} and {kind.key!r} share the identity header {kind.identity_header!r}")
    _KINDS[kind.key] = kind
    return kind


def unregister_kind(key: str) -> None:
    _KINDS.pop(key, None)


def registered_kinds() -> tuple[LedgerKind[Any], ...]:
    return tuple(_KINDS.values())


def detect_kind(headers: Iterable[Any]) -> LedgerKind[Any] | None:
    """The registered ledger a header row belongs to: the kind whose identity header is
    present, preferring the one that recognises most of the headers; None if none fits."""
    present = {normalise_header(h) for h in headers} - {""}
    best: tuple[int, LedgerKind[Any]] | None = None
    for kind in _KINDS.values():
        if kind.identity_header not in present:
            continue
        score = len(present & set(kind.headers))
        if best is None or score > best[0]:
            best = (score, kind)
    return best[1] if best else None


@dataclass
class Parsed(Generic[R]):
    kind: LedgerKind[R]
    records: list[R] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def parse(kind: LedgerKind[R], headers: Sequence[Any], rows: Iterable[Sequence[Any]], *, today: dt.date) -> Parsed[R]:
    """Read a header row and data rows into records, collecting every problem.

    Records are returned only for rows without errors; callers write nothing unless
    ``errors`` is empty. Blank rows are skipped.
    """
    result: Parsed[R] = Parsed(kind)
    known = {c.header: c for c in kind.columns}
    index: dict[str, int] = {}
    for i, raw in enumerate(headers):
        header = normalise_header(raw)
        if not header:
            continue
        if header in index:
            result.errors.append(Problem(HEADER_ROW, header, f"列“{header}”出现了不止一次，请删去多余的一列"))
        elif header in known:
            index[header] = i
        else:
            result.warnings.append(Problem(HEADER_ROW, header, f"“{header}”不是{kind.title}的列，已忽略"))
    missing = [c.header for c in kind.columns if c.required and c.header not in index]
    if missing:
        names = "、".join(f"“{h}”" for h in missing)
        result.errors.append(Problem(HEADER_ROW, "", f"缺少必填列{names}（{kind.title}的表头见台账格式说明）"))
    if result.errors:
        return result

    seen: dict[Any, int] = {}
    data_rows = 0
    for row_no, row in enumerate(rows, start=FIRST_DATA_ROW):
        if all(is_blank(v) for v in row):
            continue
        data_rows += 1
        errors: list[Problem] = []
        values: dict[str, Any] = {}
        for c in kind.columns:
            i = index.get(c.header)
            cell = row[i] if i is not None and i < len(row) else None
            if is_blank(cell):
                if c.required:
                    errors.append(Problem(row_no, c.header, "必填，不能为空"))
                else:
                    values[c.key] = None
                continue
            try:
                values[c.key] = c.parse(cell)
            except CellError as exc:
                errors.append(Problem(row_no, c.header, str(exc)))
        for key, reason in kind.check(values, today):
            errors.append(Problem(row_no, kind.column(key).header, reason))
        ident = values.get(kind.identity)
        if ident is not None:
            if ident in seen:
                errors.append(Problem(row_no, kind.identity_header, f"“{ident}”与第{seen[ident]}行重复，同一台账中不能出现两次"))
            else:
                seen[ident] = row_no
        if errors:
            result.errors.extend(errors)
        else:
            result.records.append(kind.build(row_no, values))
    if data_rows == 0:
        result.warnings.append(Problem(HEADER_ROW, "", "台账中没有数据行"))
    return result


# -- §1 依申请公开台账 ----------------------------------------------------------------------------

# The words each column accepts. The ledger's own words come first; the back office's
# labels and the internal keys are accepted too, so a hand-edited sheet still reads.
_CHANNEL_WORDS: dict[str, Channel] = (
    dict(LEDGER_CHANNELS) | {label: ch for ch, label in CHANNEL_LABELS.items()} | {ch.value: ch for ch in Channel}
)
_METHOD_WORDS: dict[str, FeeMethod] = dict(LEDGER_METHODS) | {m.label: m for m in FeeMethod} | {m.value: m for m in FeeMethod}
_YES_NO = {"是": True, "否": False}


def _applicant_kind(value: Any) -> ApplicantKind:
    try:
        return kind_from_label(cell_text(value))
    except ValueError as exc:
        raise CellError(str(exc)) from None


def _outcome(value: Any) -> Outcome:
    try:
        return outcome_from_text(cell_text(value))
    except ValueError as exc:
        raise CellError(str(exc)) from None


def _id_number(value: Any) -> str:
    if isinstance(value, float):
        raise CellError("证件号码被Excel存成了数字，后几位已经丢失：请把该列设为“文本”格式后重新填写")
    text = re.sub(r"\s+", "", cell_text(value)).upper()
    if len(text) > 40:
        raise CellError("证件号码过长")
    return text


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class LedgerRow:
    """One row of the 依申请公开台账, typed. Equal rows export to identical cells."""

    number: str
    applicant_kind: ApplicantKind
    received_on: dt.date
    applicant_name: str = ""
    id_number: str = ""  # normalised 身份证号 (自然人) or 统一社会信用代码 (organisations); "" if none
    channel: Channel | None = None
    content: str = ""
    correction_requested_on: dt.date | None = None
    correction_received_on: dt.date | None = None
    consultation_start: dt.date | None = None
    consultation_end: dt.date | None = None
    extended: bool = False
    concluded_on: dt.date | None = None
    outcome: Outcome | None = None
    fee_method: FeeMethod | None = None
    fee_amount: Decimal | None = None
    fee_paid_on: dt.date | None = None
    row: int = field(default=0, compare=False)  # where it was read; 0 when built for export

    @property
    def id_type(self) -> str:
        """"resident_id", "credit_code" or "" (the values of ``foi.models.IdType``)."""
        if not self.id_number:
            return ""
        return "resident_id" if self.applicant_kind.is_person else "credit_code"

    def facts(self) -> dict[str, Any]:
        """The data of the ``ledger_imported`` event this row stands for
        (``rules.events.snapshot_from_ledger`` folds it back into a State)."""
        return {
            "received_on": _iso(self.received_on),
            "channel": self.channel.value if self.channel else None,
            "correction_requested_on": _iso(self.correction_requested_on),
            "correction_received_on": _iso(self.correction_received_on),
            "consultation_start": _iso(self.consultation_start),
            "consultation_end": _iso(self.consultation_end),
            "extended": self.extended,
            "concluded_on": _iso(self.concluded_on),
            "outcome": self.outcome.key if self.outcome else None,
            "fee_method": self.fee_method.value if self.fee_method else None,
            "fee_amount": str(self.fee_amount) if self.fee_amount is not None else None,
            "fee_paid_on": _iso(self.fee_paid_on),
        }

    @classmethod
    def from_state(
        cls,
        number: str,
        applicant_kind: ApplicantKind | str,
        state: State,
        *,
        applicant_name: str = "",
        id_number: str = "",
        content: str = "",
    ) -> LedgerRow:
        """The ledger row of an application, from its folded state.

        The ledger is coarser than the event log, so some facts are summarised:

        - 申请方式: ordinary and registered post are both 邮寄 (and read back as 邮寄).
        - 征求意见: the log may hold several consultations, the ledger one pair of columns.
          The row carries the earliest start and the latest end; the end is blank while any
          consultation is still running. The pause from that start to that end covers every
          consultation, so the deadline computed from the row is never earlier than the
          one computed from the log.
        - Only a 身份证号 (自然人) or a 统一社会信用代码 (organisations) fits 证件号码; pass
          ``id_number`` only when it is of that type.
        """
        if state.received_on is None:
            raise ValueError("an application without a receipt date has no ledger row")
        kind = ApplicantKind(applicant_kind)
        start = end = None
        if state.consultations:
            start = min(c.start for c in state.consultations)
            ends = [c.end for c in state.consultations]
            end = None if any(e is None for e in ends) else max(e for e in ends if e is not None)
        return cls(
            number=cell_text(number),
            applicant_kind=kind,
            received_on=state.received_on,
            applicant_name=cell_text(applicant_name),
            id_number=re.sub(r"\s+", "", id_number or "").upper(),
            channel=LEDGER_CHANNELS[CHANNEL_TO_LEDGER[state.channel]] if state.channel else None,
            content=cell_text(content),
            correction_requested_on=state.correction_requested_on,
            correction_received_on=state.correction_received_on,
            consultation_start=start,
            consultation_end=end,
            extended=state.extended,
            concluded_on=state.concluded_on,
            outcome=BY_KEY.get(state.outcome) if state.outcome else None,
            fee_method=state.fee_method,
            fee_amount=_yuan(state.fee_amount) if state.fee_amount is not None else None,
            fee_paid_on=state.fee_paid_on,
        )


_DATE_KEYS = (
    "received_on",
    "correction_requested_on",
    "correction_received_on",
    "consultation_start",
    "consultation_end",
    "concluded_on",
    "fee_paid_on",
)


def _check_application(v: Mapping[str, Any], today: dt.date) -> Iterable[tuple[str, str]]:
    def blank(key: str) -> bool:  # blank, as opposed to unreadable (absent)
        return key in v and v[key] is None

    def after(key: str, floor_key: str, floor_label: str, label: str) -> Iterable[tuple[str, str]]:
        day, floor = v.get(key), v.get(floor_key)
        if day is not None and floor is not None and day < floor:
            yield key, f"{label}（{day:%Y-%m-%d}）早于{floor_label}（{floor:%Y-%m-%d}）"

    kind, number = v.get("applicant_kind"), v.get("id_number")
    if kind is not None and number:
        try:
            if kind.is_person:
                normalise_resident_id(number, today=today)
            else:
                normalise_credit_code(number)
        except InvalidIdentifier as exc:
            need = "自然人应填写居民身份证号码" if kind.is_person else "法人或其他组织应填写统一社会信用代码"
            yield "id_number", f"{exc}（{need}）"

    for key in _DATE_KEYS:
        day = v.get(key)
        if day is not None and day > today:
            yield key, f"日期{day:%Y-%m-%d}晚于今天（{today:%Y-%m-%d}）"

    # 答复日期 and 办理结果 go together: blank both while the application is open.
    if v.get("concluded_on") is not None and blank("outcome"):
        yield "outcome", "填写了答复日期，必须同时填写办理结果"
    if v.get("outcome") is not None and blank("concluded_on"):
        yield "concluded_on", "填写了办理结果，必须同时填写答复日期（尚未办结的申请两列都留空）"
    yield from after("concluded_on", "received_on", "收到日期", "答复日期")

    # 条例第三十条: the corrected application restarts the clock; it answers a notice.
    if v.get("correction_received_on") is not None and blank("correction_requested_on"):
        yield "correction_received_on", "填写了补正收到日期，但没有补正告知日期"
    yield from after("correction_requested_on", "received_on", "收到日期", "补正告知日期")
    yield from after("correction_received_on", "correction_requested_on", "补正告知日期", "补正收到日期")
    outcome = v.get("outcome")
    if outcome is not None and outcome.key == "unable.still_unclear" and blank("correction_received_on"):
        yield "outcome", "“补正后申请内容仍不明确”只适用于已收到补正材料的申请，请填写补正收到日期（条例第三十条）"

    # 条例第三十二条、第三十四条: a consultation starts with the letter and ends with the reply.
    if v.get("consultation_end") is not None and blank("consultation_start"):
        yield "consultation_end", "填写了征求意见结束日期，但没有征求意见开始日期"
    yield from after("consultation_start", "received_on", "收到日期", "征求意见开始日期")
    yield from after("consultation_end", "consultation_start", "征求意见开始日期", "征求意见结束日期")

    # 国办函〔2020〕109号: one method per application, and a payment answers a fee.
    if v.get("fee_amount") is not None and blank("fee_method"):
        yield "fee_method", "填写了收费金额，请同时填写收费方式（按件 / 按量）"
    if v.get("fee_method") is not None and blank("fee_amount"):
        yield "fee_amount", "填写了收费方式，请同时填写收费金额"
    if v.get("fee_paid_on") is not None and blank("fee_amount"):
        yield "fee_paid_on", "填写了缴费日期，但没有收费金额"
    yield from after("fee_paid_on", "received_on", "收到日期", "缴费日期")


def _build_application(row: int, v: Mapping[str, Any]) -> LedgerRow:
    kind: ApplicantKind = v["applicant_kind"]
    number = v.get("id_number") or ""
    if number:  # already validated by _check_application
        number = normalise_resident_id(number) if kind.is_person else normalise_credit_code(number)
    return LedgerRow(
        number=v["number"],
        applicant_kind=kind,
        received_on=v["received_on"],
        applicant_name=v.get("applicant_name") or "",
        id_number=number,
        channel=v.get("channel"),
        content=v.get("content") or "",
        correction_requested_on=v.get("correction_requested_on"),
        correction_received_on=v.get("correction_received_on"),
        consultation_start=v.get("consultation_start"),
        consultation_end=v.get("consultation_end"),
        extended=bool(v.get("extended")),
        concluded_on=v.get("concluded_on"),
        outcome=v.get("outcome"),
        fee_method=v.get("fee_method"),
        fee_amount=v.get("fee_amount"),
        fee_paid_on=v.get("fee_paid_on"),
        row=row,
    )


APPLICATIONS: LedgerKind[LedgerRow] = register_kind(
    LedgerKind(
        key="applications",
        title="依申请公开台账",
        columns=(
            Column("申请编号", "number", text_cell(40), required=True),
            Column("申请人类型", "applicant_kind", _applicant_kind, lambda k: k.label, required=True),
            Column("申请人", "applicant_name", text_cell(100)),
            Column("证件号码", "id_number", _id_number),
            Column("申请方式", "channel", choice_cell(_CHANNEL_WORDS, "申请方式", LEDGER_CHANNELS), lambda c: CHANNEL_TO_LEDGER[c]),
            Column("收到日期", "received_on", date_cell, required=True),
            Column("申请内容", "content", text_cell()),
            Column("补正告知日期", "correction_requested_on", date_cell),
            Column("补正收到日期", "correction_received_on", date_cell),
            Column("征求意见开始日期", "consultation_start", date_cell),
            Column("征求意见结束日期", "consultation_end", date_cell),
            Column("延期", "extended", choice_cell(_YES_NO, "延期", _YES_NO), lambda b: "是" if b else "否"),
            Column("答复日期", "concluded_on", date_cell),
            Column("办理结果", "outcome", _outcome, lambda o: o.short),
            Column("收费方式", "fee_method", choice_cell(_METHOD_WORDS, "收费方式", LEDGER_METHODS), lambda m: METHOD_TO_LEDGER[m]),
            Column("收费金额", "fee_amount", amount_cell, _yuan),
            Column("缴费日期", "fee_paid_on", date_cell),
        ),
        identity="number",
        build=_build_application,
        check=_check_application,
    )
)
