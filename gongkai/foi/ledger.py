"""Import and export of the 依申请公开台账 (ledger-format.md §1 and §3).

Reading files (.csv in UTF-8, a BOM allowed; .xlsx, first sheet) and the two services the
back office and the ``import_ledger`` / ``export_ledger`` commands call:

- ``import_ledger(actor, agency, file)``: all or nothing. Every row is checked first; if
  any is invalid nothing is written and every problem is returned. Otherwise one
  transaction creates the new applications and, for a 申请编号 already in the agency,
  appends a ``ledger_imported`` snapshot event when the row's facts changed. Rows are
  written in bulk with projections folded in Python, so a ledger of thousands of rows is
  one transaction and a few dozen queries, not thousands of operation calls.
- ``export_ledger(agency, fmt, year)``: every application of the agency with a receipt
  date, imported or handled in Gongkai, as §1 rows ordered by 申请编号. An export
  imported into a fresh agency exports to the same bytes, and imported into the same
  agency changes nothing.

Column definitions and row rules live in ``ledger_format`` (pure); this module does files,
the database and permissions.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from django.db import IntegrityError, transaction

from gongkai.agencies.models import Agency
from gongkai.core import audit
from gongkai.core.errors import OperationError
from gongkai.core.models import Sequence as NumberSequence
from gongkai.foi import auth, services
from gongkai.foi.ledger_format import (
    APPLICATIONS,
    LedgerKind,
    LedgerRow,
    Problem,
    detect_kind,
    parse,
)
from gongkai.foi.models import (
    PROJECTION_FIELDS,
    Applicant,
    Application,
    ApplicationEvent,
    IdType,
    Source,
    project,
)
from gongkai.foi.operations import _actor_label
from gongkai.foi.rules.applicants import ApplicantKind
from gongkai.foi.rules.events import EventKind, State, fold, snapshot_from_ledger

LedgerSource = str | Path | BinaryIO | TextIO

SUPPORTED = (".csv", ".xlsx")
# How many values go into one ``IN (...)`` list: below SQLite's default variable limit.
CHUNK = 500


class LedgerFileError(OperationError):
    """The file cannot be read as a ledger at all (type, encoding, damage)."""


# -- reading files ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """The cells of a ledger file: the header row and the data rows, as read."""

    headers: list[Any]
    rows: list[list[Any]]


def _name_of(source: LedgerSource, filename: str | None) -> str:
    if filename:
        return filename
    if isinstance(source, str | Path):
        return str(source)
    return str(getattr(source, "name", "") or "")


def read_table(source: LedgerSource, *, filename: str | None = None) -> Table:
    """Read a .csv or .xlsx ledger from a path or an open file (``filename`` names the file
    when the object has no ``name``, e.g. an upload kept in memory)."""
    name = _name_of(source, filename)
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED:
        if suffix == ".xls":
            raise LedgerFileError("不支持.xls（Excel 97-2003）格式：请在Excel中另存为.xlsx后再导入")
        shown = f"“{suffix}”" if suffix else "（文件名没有扩展名）"
        raise LedgerFileError(f"不支持的文件类型{shown}：台账只能是.xlsx或UTF-8编码的.csv文件")
    if isinstance(source, str | Path):
        try:
            data: bytes | str = Path(source).read_bytes()
        except FileNotFoundError:
            raise LedgerFileError(f"找不到文件：{source}") from None
        except OSError as exc:
            raise LedgerFileError(f"无法读取文件{source}：{exc.strerror or exc}") from None
    else:
        data = source.read()
    if suffix == ".csv":
        return _read_csv(data)
    if isinstance(data, str):
        raise LedgerFileError(".xlsx文件须以二进制方式读取")
    return _read_xlsx(data)


# CSV opened in a spreadsheet can run formulas (CSV injection). Cells that would start one
# are written with a leading apostrophe and read back without it (see ``_csv_out``).
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")


def _csv_in(text: str) -> str:
    if text.startswith("'") and _FORMULA_START.match(text):
        return text[1:]
    return text


def _csv_out(text: str) -> str:
    return "'" + text if _FORMULA_START.match(text) else text


def _read_csv(data: bytes | str) -> Table:
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise LedgerFileError(
                "CSV文件不是UTF-8编码：请在Excel中“另存为”并选择“CSV UTF-8（逗号分隔）”，或改用.xlsx文件"
            ) from None
    else:
        text = data.removeprefix("\ufeff")
    try:
        records = [[_csv_in(cell) for cell in record] for record in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as exc:
        raise LedgerFileError(f"CSV文件格式有误，无法读取：{exc}") from None
    if not records:
        raise LedgerFileError("文件是空的：第1行应为表头")
    return Table(records[0], records[1:])


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise LedgerFileError(f"无法读取该Excel文件，文件可能已损坏或不是.xlsx格式（{type(exc).__name__}）") from None
    try:
        if not book.worksheets:
            raise LedgerFileError("Excel文件中没有工作表")
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # do not trust the stored size: read every row there is
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    except LedgerFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of errors on damaged sheets
        raise LedgerFileError(f"无法读取该Excel文件的第一个工作表（{type(exc).__name__}）") from None
    finally:
        book.close()
    if not rows:
        raise LedgerFileError("第一个工作表是空的：第1行应为表头")
    return Table(rows[0], rows[1:])


# -- import ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


# Other ledger kinds (e.g. the 复议/诉讼台账 of the appeals app) register how they import,
# so that one ``import_ledger`` (command and page) takes any ledger, detected from its headers.
Importer = Callable[[Any, Agency, "Table", bool], ImportResult]
_IMPORTERS: dict[str, Importer] = {}


def register_importer(kind_key: str, importer: Importer) -> None:
    _IMPORTERS[kind_key] = importer


def check_ledger(source: LedgerSource, *, filename: str | None = None, today: dt.date | None = None) -> tuple[list[LedgerRow], list[Problem], list[Problem]]:
    """Read and validate a 依申请公开台账 without touching the database:
    (rows, errors, warnings). Rows are returned only when there are no errors."""
    return _check_table(read_table(source, filename=filename), today)


def _check_table(table: Table, today: dt.date | None) -> tuple[list[LedgerRow], list[Problem], list[Problem]]:
    kind = detect_kind(table.headers)
    if kind is not None and kind is not APPLICATIONS:
        return [], [Problem(1, "", f"这是{kind.title}，不是{APPLICATIONS.title}，请使用对应的导入功能")], []
    parsed = parse(APPLICATIONS, table.headers, table.rows, today=today or services.today())
    return (parsed.records if parsed.ok else []), parsed.errors, parsed.warnings


def import_ledger(
    actor: Any,
    agency: Agency,
    path_or_fileobj: LedgerSource,
    *,
    filename: str | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import a 依申请公开台账 into ``agency``, all or nothing.

    ``actor`` must handle applications in the agency; None is the command line (a trusted
    operator). With errors, nothing is written and ``errors`` lists every one. With
    ``dry_run`` the counts are computed in a transaction that is then rolled back.
    Raises ``LedgerFileError`` for a file that cannot be read and ``NotAllowed``.
    """
    # The roles that import any ledger are those that handle applications (the appeals
    # importer checks its own too): refuse before reading the file.
    if actor is not None:
        auth.require_handle(actor, agency)
    table = read_table(path_or_fileobj, filename=filename)
    kind = detect_kind(table.headers)
    if kind is not None and kind is not APPLICATIONS and kind.key in _IMPORTERS:
        return _IMPORTERS[kind.key](actor, agency, table, dry_run)
    today = services.today()
    rows, errors, warnings = _check_table(table, today)
    if errors:
        return ImportResult(0, 0, 0, errors, warnings, dry_run)
    try:
        with transaction.atomic():
            created, updated, unchanged = _write(actor, agency, rows, today)
            if dry_run:
                transaction.set_rollback(True)
            else:
                audit.record(
                    actor,
                    "foi.ledger_imported",
                    agency_id=agency.pk,
                    summary=f"导入{APPLICATIONS.title}：新增{created}件，更新{updated}件，未变化{unchanged}件",
                    data={
                        "file": Path(_name_of(path_or_fileobj, filename)).name,
                        "rows": len(rows),
                        "created": created,
                        "updated": updated,
                        "unchanged": unchanged,
                        "warnings": len(warnings),
                    },
                )
    except IntegrityError:
        # Another import or registration wrote the same 申请编号 or 证件号码 meanwhile.
        raise OperationError("导入时有其他人同时登记了相同的申请编号或申请人，未导入任何记录，请重试") from None
    return ImportResult(created, updated, unchanged, [], warnings, dry_run)


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


def _ledger_id(applicant: Applicant, kind: str) -> str:
    """The applicant's ID as the ledger can hold it: a 身份证号 for a natural person, a
    统一社会信用代码 for an organisation; other documents do not fit 证件号码."""
    wanted = IdType.RESIDENT_ID if ApplicantKind(kind).is_person else IdType.CREDIT_CODE
    return applicant.id_number if applicant.id_type == wanted else ""


def ledger_row(app: Application, state: State | None = None) -> LedgerRow | None:
    """The §1 row of an application; None while it has no receipt date (条例第三十一条: an
    online application awaiting confirmation has not been received yet)."""
    state = state if state is not None else app.folded_state()
    if state.received_on is None:
        return None
    return LedgerRow.from_state(
        app.number,
        app.applicant_kind,
        state,
        applicant_name=app.applicant.name,
        id_number=_ledger_id(app.applicant, app.applicant_kind),
        content=app.content,
    )


def _set_projection(app: Application, state: State, seq: int) -> None:
    # The same columns ``operations._project`` writes; saved in bulk by the caller.
    project(app, state, seq)


_PROJECTION = list(PROJECTION_FIELDS)


def _write(actor: Any, agency: Agency, rows: list[LedgerRow], today: dt.date) -> tuple[int, int, int]:
    """Write validated rows; returns (created, updated, unchanged). Call inside a transaction."""
    person = actor if getattr(actor, "is_authenticated", False) else None
    label = _actor_label(actor)

    # 1. The applications the file names, locked, with their event logs folded.
    existing: dict[str, Application] = {}
    for chunk in _chunks([r.number for r in rows]):
        qs = (
            Application.objects.select_for_update(of=("self",))
            .select_related("applicant")
            .filter(agency=agency, number__in=chunk)
        )
        existing.update((a.number, a) for a in qs)
    history: dict[int, list[ApplicationEvent]] = defaultdict(list)
    for chunk in _chunks([a.pk for a in existing.values()]):
        for e in ApplicationEvent.objects.filter(application_id__in=chunk).order_by("application_id", "seq"):
            history[e.application_id].append(e)
    # What the ledger says about each of them now, from the log (the truth), before any change.
    states = {n: fold(e.as_rule_event() for e in history.get(a.pk, [])) for n, a in existing.items()}
    before = {n: ledger_row(a, states[n]) for n, a in existing.items()}

    # 2. Applicants, recognised by 证件号码 as ``operations.find_or_create_applicant`` does:
    #    the key is (agency, ID type, normalised number); a known applicant's name is kept
    #    current (the last non-blank name in the file wins), its type is not changed.
    by_id: dict[tuple[str, str], Applicant] = {}
    numbers = sorted({r.id_number for r in rows if r.id_number})
    for chunk in _chunks(numbers):
        for p in Applicant.objects.filter(agency=agency, id_number__in=chunk).exclude(id_type=IdType.NONE):
            by_id[(p.id_type, p.id_number)] = p
    new_people: list[Applicant] = []
    renamed: dict[int, Applicant] = {}
    person_of: dict[str, Applicant] = {}  # 申请编号 → applicant
    for r in rows:
        current = existing.get(r.number)
        if r.id_number:
            key = (r.id_type, r.id_number)
            p = by_id.get(key)
            if p is None:
                p = Applicant(agency=agency, kind=r.applicant_kind.value, name=r.applicant_name, id_type=r.id_type, id_number=r.id_number)
                by_id[key] = p
                new_people.append(p)
            elif r.applicant_name and p.name != r.applicant_name:
                p.name = r.applicant_name
                if p.pk is not None:
                    renamed[p.pk] = p
        elif current is not None and not _ledger_id(current.applicant, current.applicant_kind):
            # The ledger showed no ID for this application's applicant either: same person.
            p = current.applicant
            if p.id_type == IdType.NONE:  # known by this application alone: keep it as the row says
                if (p.name, p.kind) != (r.applicant_name, r.applicant_kind.value):
                    p.name, p.kind = r.applicant_name, r.applicant_kind.value
                    renamed[p.pk] = p
            elif r.applicant_name and p.name != r.applicant_name:  # e.g. a passport holder
                p.name = r.applicant_name
                renamed[p.pk] = p
        else:
            p = Applicant(agency=agency, kind=r.applicant_kind.value, name=r.applicant_name, id_type=IdType.NONE, id_number="")
            new_people.append(p)
        person_of[r.number] = p
    Applicant.objects.bulk_create(new_people)
    Applicant.objects.bulk_update(list(renamed.values()), ["name", "kind"], batch_size=CHUNK)

    # 3. Applications and their snapshot events.
    created: list[Application] = []
    changed: list[Application] = []
    events: list[ApplicationEvent] = []
    unchanged = 0
    for r in rows:
        p = person_of[r.number]
        app = existing.get(r.number)
        if app is None:
            state = snapshot_from_ledger(r.facts())
            app = Application(
                agency=agency,
                number=r.number,
                applicant=p,
                applicant_kind=r.applicant_kind.value,
                channel=state.channel.value if state.channel else "",
                source=Source.LEDGER,
                content=r.content,
                created_by=person,
            )
            _set_projection(app, state, 1)
            created.append(app)
            events.append(_snapshot_event(app, 1, r.facts(), today, person, label))
            continue
        log, state, was = history.get(app.pk, []), states[r.number], before[r.number]
        if was == r and app.applicant_id == p.pk:
            unchanged += 1
            continue
        facts = r.facts()
        if was is None or was.facts() != facts:
            if was is not None and was.channel == r.channel and state.channel is not None:
                facts["channel"] = state.channel.value  # keep the finer channel (e.g. 平常信函)
            seq = (log[-1].seq if log else 0) + 1
            state = snapshot_from_ledger(facts)
            _set_projection(app, state, seq)
            app.channel = state.channel.value if state.channel else ""
            events.append(_snapshot_event(app, seq, facts, today, person, label))
        app.applicant = p
        app.applicant_kind = r.applicant_kind.value
        app.content = r.content
        changed.append(app)

    Application.objects.bulk_create(created, batch_size=CHUNK)
    Application.objects.bulk_update(
        changed, ["applicant", "applicant_kind", "content", "channel", *_PROJECTION], batch_size=CHUNK
    )
    for e in events:  # the applications now have primary keys
        e.application_id = e.application.pk
    ApplicationEvent.objects.bulk_create(events, batch_size=CHUNK)
    _reserve_numbers(agency, [r.number for r in rows])
    return len(created), len(changed), unchanged


def _snapshot_event(app: Application, seq: int, facts: dict[str, Any], today: dt.date, person: Any, label: str) -> ApplicationEvent:
    return ApplicationEvent(
        application=app,
        seq=seq,
        kind=EventKind.LEDGER_IMPORTED.value,
        on=today,
        data=facts,
        actor=person,
        actor_label=label,
    )


# Gongkai numbers its own applications YYYY-NNNN from a per-agency, per-year sequence
# (``operations._new_number``). An imported number of that shape must not be handed out
# again, so the sequence is moved past the largest one imported.
_OWN_NUMBER = re.compile(r"(\d{4})-(\d{4,9})")


def _reserve_numbers(agency: Agency, numbers: Iterable[str]) -> None:
    top: dict[int, int] = {}
    for n in numbers:
        m = _OWN_NUMBER.fullmatch(n)
        if m:
            year, k = int(m.group(1)), int(m.group(2))
            top[year] = max(top.get(year, 0), k)
    for year, k in top.items():
        scope = f"foi-application:{agency.pk}:{year}"
        seq, _ = NumberSequence.objects.select_for_update().get_or_create(scope=scope, defaults={"last": k})
        if seq.last < k:
            seq.last = k
            seq.save(update_fields=["last"])


# -- export ---------------------------------------------------------------------------------------


def ledger_rows(agency: Agency, year: int | None = None) -> list[LedgerRow]:
    """The §1 rows of ``agency`` (of applications received in ``year``), by 申请编号.

    Applications still awaiting the statutory receipt confirmation have no 收到日期 and
    are not in the ledger yet. The order is by code point, the same on every database.
    """
    qs = Application.objects.filter(agency=agency, received_on__isnull=False).select_related("applicant")
    if year is not None:
        qs = qs.filter(received_on__gte=dt.date(year, 1, 1), received_on__lt=dt.date(year + 1, 1, 1))
    rows = [r for r in (ledger_row(a) for a in qs.iterator(chunk_size=2000)) if r is not None]
    rows.sort(key=lambda r: r.number)
    return rows


def export_ledger(agency: Agency, fmt: str = "csv", year: int | None = None) -> bytes:
    """The agency's 依申请公开台账 as .csv (UTF-8 with BOM, so Excel reads it) or .xlsx.

    The caller decides who may export: the rows include applicants' names and ID numbers.
    """
    rows = ledger_rows(agency, year)
    if fmt == "csv":
        return write_csv(APPLICATIONS, rows)
    if fmt == "xlsx":
        return write_xlsx(APPLICATIONS, rows)
    raise OperationError(f"不支持的导出格式“{fmt}”：只能是csv或xlsx", field="fmt")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csv(kind: LedgerKind[Any], records: Iterable[Any]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(kind.headers)
    for record in records:
        writer.writerow([_csv_out(_text(v)) for v in kind.cells(record)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(kind: LedgerKind[Any], records: Iterable[Any]) -> bytes:
    """Dates as real date cells (YYYY-MM-DD), amounts as numbers, everything else as text
    (so an ID number keeps its digits and no cell is taken for a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(kind.title)
    for i, header in enumerate(kind.headers, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = 30 if header.endswith("内容") else max(12, 2.2 * len(header) + 2)
    sheet.freeze_panes = "A2"
    sheet.append(list(kind.headers))
    for record in records:
        cells: list[Any] = []
        for value in kind.cells(record):
            if value is None:
                cells.append(None)
                continue
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, Decimal):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "0.00"
            else:
                cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# -- the agency a command names ---------------------------------------------------------------------


def find_agency(code_or_slug: str) -> Agency:
    """The agency with this 统一社会信用代码 (or 网址标识)."""
    value = (code_or_slug or "").strip()
    agency = Agency.objects.filter(credit_code=value.upper()).first() or Agency.objects.filter(slug=value).first()
    if agency is None:
        raise OperationError(f"没有找到统一社会信用代码或网址标识为“{value}”的机关", field="agency")
    return agency


__all__ = [
    "ImportResult",
    "LedgerFileError",
    "Table",
    "check_ledger",
    "export_ledger",
    "find_agency",
    "import_ledger",
    "ledger_row",
    "ledger_rows",
    "read_table",
    "write_csv",
    "write_xlsx",
]
