"""Importing the 依申请公开台账 (ledger-format.md §1): all or nothing, every problem named."""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.core.models import AuditEvent
from gongkai.core.rules.identifiers import credit_code_check_char, resident_id_check_char
from gongkai.foi import ledger, ledger_format
from gongkai.foi.ledger import LedgerFileError, import_ledger
from gongkai.foi.models import Applicant, Application, ApplicationEvent, IdType
from gongkai.foi.operations import ApplicantData, RequestData, rebuild_projection, register
from gongkai.foi.rules.events import EventKind
from gongkai.foi.rules.outcomes import OUTCOMES

# The §1 header row, written out from ledger-format.md rather than taken from the code.
HEADERS = [
    "申请编号", "申请人类型", "申请人", "证件号码", "申请方式", "收到日期", "申请内容", "补正告知日期",
    "补正收到日期", "征求意见开始日期", "征求意见结束日期", "延期", "答复日期", "办理结果", "收费方式",
    "收费金额", "缴费日期",
]  # fmt: skip

TODAY = dt.date(2026, 3, 31)


@pytest.fixture(autouse=True)
def _today(freeze_today):
    freeze_today(TODAY)


def resident_id(n: int) -> str:
    first17 = "620702" + (dt.date(1960, 1, 1) + dt.timedelta(days=n)).strftime("%Y%m%d") + f"{n % 1000:03d}"
    return first17 + resident_id_check_char(first17)


def credit_code(n: int) -> str:
    first17 = f"91620700{n:09d}"
    return first17 + credit_code_check_char(first17)


def row(number: str, **cells: str) -> dict[str, str]:
    base = {"申请编号": number, "申请人类型": "自然人", "申请人": "张三", "收到日期": "2025-03-03", "申请方式": "当面"}
    return base | cells


def csv_bytes(rows: list[dict[str, str]], headers: list[str] = HEADERS, *, bom: bool = False) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(headers)
    for r in rows:
        writer.writerow([r.get(h, "") for h in headers])
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def import_rows(agency, rows, *, actor=None, **kw):
    return import_ledger(actor, agency, io.BytesIO(csv_bytes(rows)), filename="台账.csv", **kw)


def big_ledger(n: int) -> list[dict[str, str]]:
    """A varied, valid ledger: repeat applicants, open and concluded cases, every outcome,
    corrections, consultations, extensions and fees."""
    outcomes = [o.short for o in OUTCOMES]
    rows = []
    for i in range(n):
        received = dt.date(2025, 1, 2) + dt.timedelta(days=i % 300)
        person = i % 3 != 0
        r = {
            "申请编号": f"TZ2025-{i:05d}",
            "申请人类型": "自然人" if person else "商业企业",
            "申请人": f"申请人{i % 1500}" if person else f"某某有限公司{i % 500}",
            "证件号码": (resident_id(i % 1500) if person else credit_code(i % 500)) if i % 10 else "",
            "申请方式": ["当面", "邮寄", "网络", "传真", "电子邮件", "其他"][i % 6],
            "收到日期": received.isoformat(),
            "申请内容": f"关于第{i}号事项的政府信息",
        }
        outcome = outcomes[i % len(outcomes)]
        if i % 7 == 0 or outcome.endswith("补正后申请内容仍不明确"):
            r["补正告知日期"] = (received + dt.timedelta(days=3)).isoformat()
            r["补正收到日期"] = (received + dt.timedelta(days=8)).isoformat()
        if i % 11 == 0:
            r["征求意见开始日期"] = (received + dt.timedelta(days=10)).isoformat()
            r["征求意见结束日期"] = (received + dt.timedelta(days=25)).isoformat()
        r["延期"] = "是" if i % 13 == 0 else "否"
        if i % 4:
            r["答复日期"] = (received + dt.timedelta(days=35)).isoformat()
            r["办理结果"] = outcome
        if i % 17 == 0:
            r["收费方式"], r["收费金额"], r["缴费日期"] = "按件", "100", (received + dt.timedelta(days=20)).isoformat()
        rows.append(r)
    return rows


def counts(agency) -> tuple[int, int, int]:
    return (
        Applicant.objects.filter(agency=agency).count(),
        Application.objects.filter(agency=agency).count(),
        ApplicationEvent.objects.filter(application__agency=agency).count(),
    )


# -- volume and atomicity ----------------------------------------------------------------------


def test_a_5000_row_ledger_imports_in_bulk_and_projections_match_the_event_log(world):
    data = csv_bytes(big_ledger(5000))
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        result = import_ledger(world.clerk_a, world.agency_a, io.BytesIO(data), filename="台账.csv")
    elapsed = time.perf_counter() - started
    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (5000, 0, 0)
    # Bulk writes: the number of queries does not grow with one query (or more) per row.
    assert len(queries) < 5000 / 20
    assert elapsed < 30, f"5,000 rows took {elapsed:.1f}s"
    people, apps, events = counts(world.agency_a)
    assert apps == events == 5000
    # A repeat applicant is one person; each application without an ID number has its own.
    rows = big_ledger(5000)
    identified = {(r["申请人类型"], r["证件号码"]) for r in rows if r["证件号码"]}
    assert people == len(identified) + sum(1 for r in rows if not r["证件号码"])
    sample = Application.objects.filter(agency=world.agency_a).order_by("?")[:40]
    assert not any(rebuild_projection(a) for a in sample)
    assert AuditEvent.objects.filter(action="foi.ledger_imported", agency_id=world.agency_a.pk).count() == 1


def test_a_bad_last_row_of_5000_imports_nothing(world):
    rows = big_ledger(5000)
    rows[-1]["收到日期"] = "2025/13/01"
    result = import_rows(world.agency_a, rows)
    assert [(e.row, e.column) for e in result.errors] == [(5001, "收到日期")]
    assert (result.created, result.updated) == (0, 0)
    assert counts(world.agency_a) == (0, 0, 0)


def test_a_failure_at_the_end_of_the_write_rolls_the_whole_import_back(world, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ledger.audit, "record", boom)  # the last write of an import
    with pytest.raises(RuntimeError):
        import_rows(world.agency_a, big_ledger(300))
    assert counts(world.agency_a) == (0, 0, 0)


# -- every problem, named ------------------------------------------------------------------------


def test_twenty_kinds_of_bad_rows_import_nothing_and_each_is_named(world):
    bad = [  # (row cells, column expected to be named, a word the reason must contain)
        (row("", 申请人="缺编号"), "申请编号", "必填"),
        (row("B02", 申请人类型="个人"), "申请人类型", "自然人"),
        (row("B03", 证件号码=resident_id(3)[:-1] + ("0" if resident_id(3)[-1] != "0" else "1")), "证件号码", "校验位"),
        (row("B04", 申请人类型="商业企业", 证件号码=resident_id(4)), "证件号码", "统一社会信用代码"),
        (row("B05", 申请方式="微信"), "申请方式", "当面"),
        (row("B06", 收到日期=""), "收到日期", "必填"),
        (row("B07", 收到日期="2025/3/5"), "收到日期", "YYYY-MM-DD"),
        (row("B08", 收到日期="2025-02-30"), "收到日期", "不存在"),
        (row("B09", 收到日期="2026-04-01"), "收到日期", "晚于今天"),
        (row("B10", 答复日期="2025-03-01", 办理结果="予以公开"), "答复日期", "早于收到日期"),
        (row("B11", 答复日期="2025-03-20"), "办理结果", "必须同时填写办理结果"),
        (row("B12", 答复日期="2025-03-20", 办理结果="同意公开"), "办理结果", "21种"),
        (row("B13", 办理结果="予以公开"), "答复日期", "必须同时填写答复日期"),
        (row("B14", 补正收到日期="2025-03-10"), "补正收到日期", "没有补正告知日期"),
        (row("B15", 补正告知日期="2025-03-10", 补正收到日期="2025-03-07"), "补正收到日期", "早于补正告知日期"),
        (row("B16", 征求意见开始日期="2025-03-10", 征求意见结束日期="2025-03-09"), "征求意见结束日期", "早于征求意见开始日期"),
        (row("B17", 征求意见结束日期="2025-03-09"), "征求意见结束日期", "没有征求意见开始日期"),
        (row("B18", 延期="可能"), "延期", "是 / 否"),
        (row("B19", 收费方式="按件", 收费金额="-100"), "收费金额", "负数"),
        (row("B20", 收费方式="按件", 收费金额="一百元"), "收费金额", "不是金额"),
        (row("B21", 收费方式="按件", 收费金额="10.005"), "收费金额", "两位小数"),
        (row("B22", 收费金额="100"), "收费方式", "收费方式"),
        (row("B23", 收费方式="按次", 收费金额="100"), "收费方式", "按件"),
        (row("B24", 申请人="某" * 101), "申请人", "100"),
        (row("B25", 收到日期="2001-01-01"), "收到日期", "2008-05-01"),
        (row("B26", 答复日期="2025-03-20", 办理结果="无法提供-补正后申请内容仍不明确"), "办理结果", "补正"),
        (row("OK1"), "申请编号", "与第"),  # the duplicate is the row after this one
    ]
    rows = [row("OK1", 证件号码=resident_id(1))] + [cells for cells, _, _ in bad] + [row("OK2")]
    result = import_rows(world.agency_a, rows)

    expected = {(i, column) for i, (_, column, _) in enumerate(bad, start=3)}
    assert {(e.row, e.column) for e in result.errors} == expected
    assert len(result.errors) == len(bad)  # exactly one problem per bad row
    for error in result.errors:
        _, column, word = bad[error.row - 3]
        assert word in error.reason, (str(error), word)
        assert str(error).startswith(f"第{error.row}行 [{column}] ")
    assert counts(world.agency_a) == (0, 0, 0)


def test_missing_required_headers_are_one_error_naming_each(world):
    headers = [h for h in HEADERS if h not in ("申请编号", "收到日期")]
    data = csv_bytes([row("X1")], headers)
    result = import_ledger(None, world.agency_a, io.BytesIO(data), filename="x.csv")
    assert len(result.errors) == 1
    error = result.errors[0]
    assert error.row == 1 and "申请编号" in error.reason and "收到日期" in error.reason
    assert "申请人类型" not in error.reason
    assert counts(world.agency_a) == (0, 0, 0)


def test_a_repeated_header_is_an_error(world):
    data = csv_bytes([row("X1")], [*HEADERS, "收到日期"])
    result = import_ledger(None, world.agency_a, io.BytesIO(data), filename="x.csv")
    assert [(e.row, e.column) for e in result.errors] == [(1, "收到日期")]


def test_an_unknown_column_is_ignored_with_a_warning(world):
    data = csv_bytes([row("W1", 备注="加急")], [*HEADERS, "备注"])
    result = import_ledger(None, world.agency_a, io.BytesIO(data), filename="x.csv")
    assert result.errors == [] and result.created == 1
    assert [(w.row, w.column) for w in result.warnings] == [(1, "备注")]
    assert "忽略" in result.warnings[0].reason


def test_columns_may_come_in_any_order_and_optional_ones_may_be_absent(world):
    headers = ["收到日期", "申请人类型", "申请编号"]
    result = import_ledger(None, world.agency_a, io.BytesIO(csv_bytes([row("O1")], headers)), filename="x.csv")
    assert result.errors == [] and result.created == 1
    app = Application.objects.get(agency=world.agency_a, number="O1")
    assert app.received_on == dt.date(2025, 3, 3) and app.is_open


# -- files -----------------------------------------------------------------------------------------


def test_a_csv_with_a_bom_reads_its_first_header(world, tmp_path):
    path = tmp_path / "台账.csv"
    path.write_bytes(csv_bytes([row("BOM1")], bom=True))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    result = import_ledger(None, world.agency_a, path)
    assert result.errors == [] and result.warnings == []
    assert Application.objects.filter(agency=world.agency_a, number="BOM1").exists()


def test_an_xlsx_with_real_date_and_number_cells_imports(world, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    values = {
        "申请编号": 2025001,  # a number cell
        "申请人类型": "法律服务机构",
        "申请人": "某律师事务所",
        "证件号码": credit_code(7),
        "申请方式": "邮寄",
        "收到日期": dt.datetime(2025, 3, 3),  # Excel date cells come back as datetimes
        "补正告知日期": dt.date(2025, 3, 5),
        "补正收到日期": dt.datetime(2025, 3, 12),
        "延期": "是",
        "答复日期": dt.datetime(2025, 5, 6),
        "办理结果": "deny.process",  # the key is accepted as well as the short form
        "收费方式": "按量",
        "收费金额": 120.5,
        "缴费日期": dt.datetime(2025, 4, 1),
    }
    sheet.append([values.get(h) for h in HEADERS])
    sheet.append([None] * len(HEADERS))  # trailing blank rows are ignored
    path = tmp_path / "台账.xlsx"
    book.save(path)

    result = import_ledger(None, world.agency_a, path)
    assert result.errors == [] and result.created == 1
    app = Application.objects.select_related("applicant").get(agency=world.agency_a, number="2025001")
    state = app.folded_state()
    assert state.received_on == dt.date(2025, 3, 3)
    assert state.correction_received_on == dt.date(2025, 3, 12)
    assert state.extended and state.concluded_on == dt.date(2025, 5, 6)
    assert state.outcome == "deny.process" and app.outcome == "deny.process"
    assert state.fee_amount == Decimal("120.50") and state.fee_paid_on == dt.date(2025, 4, 1)
    assert app.applicant.id_type == IdType.CREDIT_CODE and app.applicant.id_number == credit_code(7)
    assert app.applicant_kind == "legal_services"


def test_an_id_number_excel_turned_into_a_number_is_refused(world, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(HEADERS)
    book.active.append([{"申请编号": "N1", "申请人类型": "自然人", "证件号码": float(resident_id(5)[:17] + "0"), "收到日期": "2025-03-03"}.get(h) for h in HEADERS])
    path = tmp_path / "n.xlsx"
    book.save(path)
    result = import_ledger(None, world.agency_a, path)
    assert [(e.row, e.column) for e in result.errors] == [(2, "证件号码")]
    assert "文本" in result.errors[0].reason


@pytest.mark.parametrize(
    ("name", "content", "word"),
    [
        ("台账.xls", b"\xd0\xcf\x11\xe0", ".xlsx"),
        ("台账.txt", b"a,b", "不支持"),
        ("台账", b"a,b", "扩展名"),
        ("台账.xlsx", b"this is not a zip file", "损坏"),
        ("台账.csv", "申请编号,收到日期\n甲,2025-01-01\n".encode("gbk"), "UTF-8"),
        ("台账.csv", b"", "空"),
    ],
)
def test_unreadable_files_are_refused_with_a_chinese_message(world, name, content, word):
    with pytest.raises(LedgerFileError) as exc:
        import_ledger(None, world.agency_a, io.BytesIO(content), filename=name)
    assert word in exc.value.message
    assert counts(world.agency_a) == (0, 0, 0)


def test_a_missing_file_is_named(world, tmp_path):
    with pytest.raises(LedgerFileError) as exc:
        import_ledger(None, world.agency_a, tmp_path / "nope.csv")
    assert "nope.csv" in exc.value.message


def test_another_registered_ledger_is_recognised_and_refused(world):
    kind = ledger_format.LedgerKind(
        key="test_cases",
        title="测试案件台账",
        columns=(ledger_format.Column("测试案号", "number", ledger_format.text_cell(40), required=True),),
        identity="number",
        build=lambda row, values: values,
    )
    ledger_format.register_kind(kind)
    try:
        assert ledger_format.detect_kind(["\ufeff测试案号", "备注"]) is kind
        assert ledger_format.detect_kind(HEADERS) is ledger_format.APPLICATIONS
        result = import_ledger(None, world.agency_a, io.BytesIO("测试案号\nA1\n".encode()), filename="x.csv")
        assert len(result.errors) == 1 and "测试案件台账" in result.errors[0].reason
    finally:
        ledger_format.unregister_kind("test_cases")
    assert ledger_format.detect_kind(["测试案号"]) is None


# -- re-importing ------------------------------------------------------------------------------------


def test_reimporting_updates_only_the_rows_whose_facts_changed(world):
    rows = [row(f"R{i}", 证件号码=resident_id(i)) for i in range(1, 6)]
    first = import_rows(world.agency_a, rows)
    assert (first.created, first.updated, first.unchanged) == (5, 0, 0)

    rows[1] |= {"答复日期": "2025-03-25", "办理结果": "部分公开"}  # a reply was given
    rows[2] |= {"申请内容": "补充了申请内容"}  # not a fact of the clock: no event
    again = import_rows(world.agency_a, rows)
    assert (again.created, again.updated, again.unchanged) == (0, 2, 3)

    r2 = Application.objects.get(agency=world.agency_a, number="R2")
    assert [e.kind for e in r2.events.order_by("seq")] == [EventKind.LEDGER_IMPORTED] * 2
    assert r2.concluded_on == dt.date(2025, 3, 25) and r2.outcome == "partial" and r2.events_folded == 2
    assert not rebuild_projection(r2)
    r3 = Application.objects.get(agency=world.agency_a, number="R3")
    assert r3.content == "补充了申请内容" and r3.events.count() == 1
    assert counts(world.agency_a) == (5, 5, 6)

    same = import_rows(world.agency_a, rows)
    assert (same.created, same.updated, same.unchanged) == (0, 0, 5)
    assert counts(world.agency_a) == (5, 5, 6)
    assert AuditEvent.objects.filter(action="foi.ledger_imported", agency_id=world.agency_a.pk).count() == 3


def test_a_dry_run_counts_but_writes_nothing(world):
    import_rows(world.agency_a, [row("D1")])
    result = import_rows(world.agency_a, [row("D1", 延期="是"), row("D2")], dry_run=True)
    assert (result.created, result.updated, result.unchanged, result.dry_run) == (1, 1, 0, True)
    assert counts(world.agency_a) == (1, 1, 1)
    assert not Application.objects.get(number="D1").folded_state().extended


def test_the_applicant_is_recognised_by_id_number_across_rows_and_registrations(world):
    app, _ = register(
        world.clerk_a,
        world.agency_a,
        ApplicantData(kind="natural_person", name="李四", id_type=IdType.RESIDENT_ID, id_number=resident_id(42)),
        RequestData(content="关于某事项的文件"),
        channel="in_person",
        submitted_on=dt.date(2026, 3, 2),
    )
    rows = [
        row("P1", 申请人="李四", 证件号码=resident_id(42).lower()),
        row("P2", 申请人="李 四（新名）", 证件号码=resident_id(42)),
        row("P3", 申请人类型="商业企业", 申请人="某公司", 证件号码=credit_code(1)),
        row("P4", 申请人类型="商业企业", 申请人="", 证件号码=credit_code(1)),
    ]
    result = import_rows(world.agency_a, rows)
    assert result.errors == []
    imported = {a.number: a.applicant for a in Application.objects.filter(number__in=["P1", "P2", "P3", "P4"])}
    assert imported["P1"].pk == imported["P2"].pk == app.applicant_id
    assert imported["P3"].pk == imported["P4"].pk and imported["P3"].name == "某公司"
    assert Applicant.objects.get(pk=app.applicant_id).name == "李 四（新名）"  # kept current


def test_an_imported_number_in_gongkais_own_style_is_not_handed_out_again(world):
    import_rows(world.agency_a, [row("2026-0007", 收到日期="2026-03-02")])
    app, _ = register(
        world.clerk_a,
        world.agency_a,
        ApplicantData(kind="natural_person", name="王五"),
        RequestData(content="关于某事项的文件"),
        channel="in_person",
        submitted_on=dt.date(2026, 3, 3),
    )
    assert app.number == "2026-0008"


def test_a_clerk_of_the_agency_may_import_and_is_the_events_actor(world):
    import_rows(world.agency_a, [row("C1")], actor=world.clerk_a)
    event = ApplicationEvent.objects.get(application__number="C1")
    assert event.actor == world.clerk_a and event.actor_label == "王科员" and event.on == TODAY
    audit = AuditEvent.objects.get(action="foi.ledger_imported")
    assert audit.actor == world.clerk_a and audit.data["created"] == 1
