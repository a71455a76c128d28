"""The 复议/诉讼台账 (ledger-format.md §2): reading its rows. Pure: no Django.

Row 1 holds the headers (column order free, unknown columns ignored with a warning);
dates are YYYY-MM-DD or Excel date cells. Problems are reported per row with the row
number Excel shows (the header is row 1), the column and the reason in Chinese; the
caller writes nothing when there is any error (an import is all-or-nothing).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from gongkai.appeals.rules import CaseKind, Result, kind_from_text, result_from_text

KIND = "appeals"
TITLE = "复议/诉讼台账"

H_NUMBER = "案号"
H_KIND = "类型"
H_APPLICATION = "关联申请编号"
H_RECEIVED = "收到日期"
H_CONCLUDED = "结案日期"
H_RESULT = "结果"

HEADERS: tuple[tuple[str, bool], ...] = (  # (header, required column)
    (H_NUMBER, True),
    (H_KIND, True),
    (H_APPLICATION, False),
    (H_RECEIVED, True),
    (H_CONCLUDED, False),
    (H_RESULT, False),
)


@dataclass(frozen=True)
class RowError:
    row: int  # as Excel shows it
    column: str
    message: str

    def __str__(self) -> str:
        return f"第{self.row}行" + (f"“{self.column}”列" if self.column else "") + f"：{self.message}"


@dataclass(frozen=True)
class CaseRow:
    row: int
    number: str
    kind: CaseKind
    application_number: str
    received_on: dt.date
    concluded_on: dt.date | None
    result: Result | None


@dataclass
class Parsed:
    rows: list[CaseRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_date(value: Any) -> dt.date | None:
    """A date cell: a date/datetime (Excel) or text YYYY-MM-DD; blank is None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"“{text}”不是有效日期（应为YYYY-MM-DD）") from None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse(header: Sequence[Any], rows: Iterable[Sequence[Any]], *, today: dt.date | None = None) -> Parsed:
    """Read the ledger rows below ``header``. ``today`` bounds the dates when given."""
    out = Parsed()
    names = [_text(h).lstrip("\ufeff") for h in header]
    known = {h for h, _ in HEADERS}
    for h, required in HEADERS:
        if required and h not in names:
            out.errors.append(RowError(1, h, "缺少必填列"))
    dupes = {n for n in names if n and names.count(n) > 1}
    for n in sorted(dupes):
        out.errors.append(RowError(1, n, "列名重复"))
    for n in names:
        if n and n not in known:
            out.warnings.append(f"第1行：未知列“{n}”已忽略")
    if out.errors:
        return out
    index = {n: i for i, n in enumerate(names) if n}
    seen: dict[str, int] = {}
    for offset, raw in enumerate(rows):
        line = offset + 2
        values = list(raw)
        if all(_text(v) == "" for v in values):
            continue  # blank lines at the end of a sheet

        def cell(h: str, values: list[Any] = values) -> Any:
            i = index.get(h)
            return values[i] if i is not None and i < len(values) else None

        errors: list[RowError] = []
        number = _text(cell(H_NUMBER))
        if not number:
            errors.append(RowError(line, H_NUMBER, "必填"))
        elif number in seen:
            errors.append(RowError(line, H_NUMBER, f"与第{seen[number]}行重复（案号在本机关内唯一）"))
        else:
            seen[number] = line
        kind: CaseKind | None = None
        try:
            kind = kind_from_text(_text(cell(H_KIND)))
        except ValueError as exc:
            errors.append(RowError(line, H_KIND, "必填" if not _text(cell(H_KIND)) else str(exc)))
        dates: dict[str, dt.date | None] = {}
        for h in (H_RECEIVED, H_CONCLUDED):
            try:
                dates[h] = parse_date(cell(h))
            except ValueError as exc:
                errors.append(RowError(line, h, str(exc)))
                dates[h] = None
            if today is not None and dates[h] is not None and dates[h] > today:  # type: ignore[operator]
                errors.append(RowError(line, h, "日期不能晚于今天"))
        received, concluded = dates[H_RECEIVED], dates[H_CONCLUDED]
        if received is None and not any(e.column == H_RECEIVED for e in errors):
            errors.append(RowError(line, H_RECEIVED, "必填"))
        if received and concluded and concluded < received:
            errors.append(RowError(line, H_CONCLUDED, "结案日期不能早于收到日期"))
        result: Result | None = None
        result_text = _text(cell(H_RESULT))
        if result_text:
            try:
                result = result_from_text(result_text)
            except ValueError as exc:
                errors.append(RowError(line, H_RESULT, str(exc)))
        if concluded is not None and not result_text:
            errors.append(RowError(line, H_RESULT, "已填写结案日期的，结果必填（维持 / 纠正 / 其他）"))
        if concluded is None and result_text and not any(e.column == H_CONCLUDED for e in errors):
            errors.append(RowError(line, H_RESULT, "未结案（结案日期为空）的案件不应填写结果"))
        if errors:
            out.errors.extend(errors)
            continue
        out.rows.append(
            CaseRow(line, number, kind, _text(cell(H_APPLICATION)), received, concluded, result)  # type: ignore[arg-type]
        )
    return out


def export_row(number: str, kind: CaseKind, application_number: str, received_on: dt.date, concluded_on: dt.date | None, result: Result | None) -> list[str]:
    """One ledger row in the order of ``HEADERS`` (export writes the ledger's words)."""
    return [
        number,
        kind.label,
        application_number,
        received_on.isoformat(),
        concluded_on.isoformat() if concluded_on else "",
        result.label if result else "",
    ]
