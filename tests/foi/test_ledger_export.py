"""Exporting the 依申请公开台账: §1 columns from the folded state, and exact round trips."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from gongkai.core.rules.identifiers import credit_code_check_char, resident_id_check_char
from gongkai.foi import operations as ops
from gongkai.foi.ledger import export_ledger, import_ledger
from gongkai.foi.ledger_format import LedgerRow
from gongkai.foi.models import Application, ApplicationEvent, IdType
from gongkai.foi.rules import fees
from gongkai.foi.rules.applicants import ApplicantKind
from gongkai.foi.rules.events import snapshot_from_ledger
from gongkai.foi.rules.outcomes import BY_KEY, OUTCOMES
from gongkai.foi.rules.receipt import Channel

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
    first17 = "620702" + (dt.date(1970, 1, 1) + dt.timedelta(days=n)).strftime("%Y%m%d") + f"{n % 1000:03d}"
    return first17 + resident_id_check_char(first17)


def credit_code(n: int) -> str:
    first17 = f"91620700{n:09d}"
    return first17 + credit_code_check_char(first17)


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def by_number(data: bytes) -> dict[str, dict[str, str]]:
    header, *rows = read_csv(data)
    return {r[0]: dict(zip(header, r, strict=True)) for r in rows}


def write_csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerows([r.get(h, "") for h in HEADERS] for r in rows)
    return out.getvalue().encode()


def import_bytes(agency, data: bytes, name: str = "台账.csv"):
    result = import_ledger(None, agency, io.BytesIO(data), filename=name)
    assert result.errors == [], [str(e) for e in result.errors]
    return result


def rich_ledger() -> list[dict[str, str]]:
    """One row per outcome plus open cases, with every optional column used somewhere."""
    rows = []
    for i, outcome in enumerate(OUTCOMES):
        received = dt.date(2025, 1, 6) + dt.timedelta(days=9 * i)
        kind = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"][i % 6]
        person = kind == "自然人"
        r = {
            "申请编号": f"2025-{i + 1:04d}",
            "申请人类型": kind,
            "申请人": f"申请人{i}" if i % 5 else "",
            "证件号码": (resident_id(i) if person else credit_code(i)) if i % 3 else "",
            "申请方式": ["当面", "邮寄", "网络", "传真", "电子邮件", "其他", ""][i % 7],
            "收到日期": received.isoformat(),
            "申请内容": f"关于第{i}项事项的文件\n（含附件）" if i % 4 else "",
            "延期": "是" if i % 4 == 1 else "",
            "答复日期": (received + dt.timedelta(days=30)).isoformat(),
            "办理结果": outcome.short if i % 2 else outcome.key,
        }
        if i % 3 == 0 or outcome.key == "unable.still_unclear":
            r["补正告知日期"] = (received + dt.timedelta(days=2)).isoformat()
            r["补正收到日期"] = (received + dt.timedelta(days=6)).isoformat() if i % 2 or outcome.key == "unable.still_unclear" else ""
        if i % 5 == 0:
            r["征求意见开始日期"] = (received + dt.timedelta(days=7)).isoformat()
            r["征求意见结束日期"] = (received + dt.timedelta(days=20)).isoformat() if i % 2 else ""
        if i % 6 == 0:
            r["收费方式"], r["收费金额"] = ("按件", "300") if i % 4 else ("按量", "12.5")
            r["缴费日期"] = (received + dt.timedelta(days=10)).isoformat() if i % 12 else ""
        rows.append(r)
    rows.append({"申请编号": "2025-0900", "申请人类型": "自然人", "收到日期": "2025-12-30", "申请内容": "=HYPERLINK(\"http://x\")"})
    rows.append({"申请编号": "2024-0001", "申请人类型": "自然人", "收到日期": "2024-12-30", "申请方式": "当面"})
    return rows


# -- the format ---------------------------------------------------------------------------------


def test_the_export_has_the_section_1_header_and_is_ordered_by_number(world):
    rows = rich_ledger()
    import_bytes(world.agency_a, write_csv(list(reversed(rows))))
    header, *body = read_csv(export_ledger(world.agency_a))
    assert header == HEADERS
    numbers = [r[0] for r in body]
    assert numbers == sorted(r["申请编号"] for r in rows)


def test_short_forms_dates_and_amounts_are_written_in_the_ledgers_words(world):
    rows = rich_ledger()
    import_bytes(world.agency_a, write_csv(rows))
    out = by_number(export_ledger(world.agency_a))
    for r in rows:
        got = out[r["申请编号"]]
        if r.get("办理结果"):
            given = r["办理结果"]
            assert got["办理结果"] == (BY_KEY[given].short if given in BY_KEY else given)
        assert got["收到日期"] == r["收到日期"]
        assert got["延期"] == ("是" if r.get("延期") == "是" else "否")
        if r.get("收费金额"):
            assert got["收费金额"] == f"{float(r['收费金额']):.2f}"


def test_an_empty_agency_exports_the_header_alone_and_that_imports(world):
    data = export_ledger(world.agency_b)
    assert read_csv(data) == [HEADERS]
    result = import_bytes(world.agency_b, data)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)


def test_the_year_filter_keeps_applications_received_that_year(world):
    import_bytes(world.agency_a, write_csv(rich_ledger()))
    for year in (2024, 2025, 2023):
        out = by_number(export_ledger(world.agency_a, "csv", year))
        expected = {r["申请编号"] for r in rich_ledger() if r["收到日期"].startswith(str(year))}
        assert set(out) == expected


def test_an_unknown_format_is_refused(world):
    with pytest.raises(ops.OperationError):
        export_ledger(world.agency_a, "pdf")


# -- round trips --------------------------------------------------------------------------------


def test_a_csv_export_imported_into_a_fresh_agency_exports_to_the_same_bytes(world):
    import_bytes(world.agency_a, write_csv(rich_ledger()))
    first = export_ledger(world.agency_a)
    result = import_bytes(world.agency_b, first)
    assert result.created == len(rich_ledger())
    assert export_ledger(world.agency_b) == first


def test_an_export_imported_into_the_same_agency_changes_nothing(world):
    import_bytes(world.agency_a, write_csv(rich_ledger()))
    events = ApplicationEvent.objects.count()
    projections = list(Application.objects.order_by("pk").values_list("number", "state", "events_folded", "content", "applicant_id"))
    for fmt in ("csv", "xlsx"):
        result = import_bytes(world.agency_a, export_ledger(world.agency_a, fmt), f"台账.{fmt}")
        assert (result.created, result.updated, result.unchanged) == (0, 0, len(rich_ledger()))
    assert ApplicationEvent.objects.count() == events
    assert list(Application.objects.order_by("pk").values_list("number", "state", "events_folded", "content", "applicant_id")) == projections


def test_an_xlsx_export_has_date_cells_and_text_ids_and_round_trips(world, tmp_path):
    from openpyxl import load_workbook

    import_bytes(world.agency_a, write_csv(rich_ledger()))
    data = export_ledger(world.agency_a, "xlsx")
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header == HEADERS
    rows = {r[0].value: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2)}
    first = rows["2025-0002"]
    assert isinstance(first["收到日期"].value, dt.datetime) and first["收到日期"].is_date
    assert first["证件号码"].data_type == "s" and first["证件号码"].value == credit_code(1)
    assert rows["2025-0900"]["申请内容"].data_type == "s"  # text, never a formula

    path = tmp_path / "台账.xlsx"
    path.write_bytes(data)
    assert import_ledger(None, world.agency_b, path).created == len(rows)
    assert export_ledger(world.agency_b) == export_ledger(world.agency_a)


def test_a_formula_like_cell_is_neutralised_in_csv_and_restored_on_import(world):
    import_bytes(world.agency_a, write_csv(rich_ledger()))
    data = export_ledger(world.agency_a)
    assert by_number(data)["2025-0900"]["申请内容"] == "'=HYPERLINK(\"http://x\")"
    import_bytes(world.agency_b, data)
    assert Application.objects.get(agency=world.agency_b, number="2025-0900").content == '=HYPERLINK("http://x")'


def test_a_ledger_row_survives_the_snapshot_event_unchanged(world):
    result = import_ledger(None, world.agency_a, io.BytesIO(write_csv(rich_ledger())), filename="x.csv")
    assert result.errors == []
    for app in Application.objects.filter(agency=world.agency_a).select_related("applicant"):
        row = LedgerRow.from_state(
            app.number, app.applicant_kind, app.folded_state(),
            applicant_name=app.applicant.name, id_number=app.applicant.id_number, content=app.content,
        )  # fmt: skip
        again = LedgerRow.from_state(
            row.number, row.applicant_kind, snapshot_from_ledger(row.facts()),
            applicant_name=row.applicant_name, id_number=row.id_number, content=row.content,
        )  # fmt: skip
        assert again == row


# -- applications handled in Gongkai -----------------------------------------------------------------


@pytest.fixture
def handled(world):
    """Applications handled step by step through the operations, as a clerk would."""
    clerk, agency = world.clerk_a, world.agency_a
    person = ops.ApplicantData(kind="natural_person", name="张三", id_type=IdType.RESIDENT_ID, id_number=resident_id(1))
    full, _ = ops.register(
        clerk, agency, person, ops.RequestData(content="关于2025年度项目资金的文件", pieces=12),
        channel="in_person", submitted_on=dt.date(2026, 1, 5),
    )  # fmt: skip
    ops.request_correction(clerk, full, on=dt.date(2026, 1, 7), items="请写明文件名称")
    ops.receive_correction(clerk, full, on=dt.date(2026, 1, 12))
    ops.start_consultation(clerk, full, on=dt.date(2026, 1, 14), party="third_party", name="某公司")
    ops.start_consultation(clerk, full, on=dt.date(2026, 1, 16), party="other_organ", name="某局")
    ops.end_consultation(clerk, full, ref="2", on=dt.date(2026, 1, 30))
    ops.end_consultation(clerk, full, ref="1", on=dt.date(2026, 2, 3))
    ops.approve_extension(world.head_a, full, on=dt.date(2026, 2, 5), reason="需要调取档案")
    ops.send_fee_notice(clerk, full, on=dt.date(2026, 2, 6), method="per_piece")
    ops.record_fee_payment(clerk, full, on=dt.date(2026, 2, 10))
    ops.issue_reply(
        clerk, full, on=dt.date(2026, 2, 20), outcome="partial", summary="涉及第三方商业秘密（条例第十五条）",
        access="电子邮件发送", disclosed_part="2025年度项目资金安排", withheld_part="第三方报价明细",
    )  # fmt: skip

    company = ops.ApplicantData(kind="commercial", name="某某有限公司", id_type=IdType.CREDIT_CODE, id_number=credit_code(9))
    letter, _ = ops.register(
        clerk, agency, company, ops.RequestData(content="关于某项目审批的文件"),
        channel="ordinary_post", submitted_on=dt.date(2026, 2, 2), confirmed_on=dt.date(2026, 2, 3),
    )  # fmt: skip
    waiting, _ = ops.submit_online(agency, ops.ApplicantData(kind="natural_person", name="李四"), ops.RequestData(content="关于某事项的通知"))
    online, _ = ops.submit_online(agency, ops.ApplicantData(kind="research", name="某研究院"), ops.RequestData(content="关于某统计数据"))
    ops.confirm_receipt(clerk, online, on=TODAY)
    ops.withdraw(clerk, online, on=TODAY, reason="申请人撤回")
    passport = ops.ApplicantData(kind="natural_person", name="John Smith", id_type=IdType.OTHER, id_number="E12345678")
    foreigner, _ = ops.register(
        clerk, agency, passport, ops.RequestData(content="关于外籍人士办事指南"),
        channel="email", submitted_on=dt.date(2026, 3, 2), confirmed_on=dt.date(2026, 3, 3),
    )  # fmt: skip
    return {"full": full, "letter": letter, "waiting": waiting, "online": online, "foreigner": foreigner}


def test_applications_handled_through_operations_export_as_their_ledger_rows(world, handled):
    out = by_number(export_ledger(world.agency_a))
    full = handled["full"]
    assert out[full.number] == {
        "申请编号": full.number,
        "申请人类型": "自然人",
        "申请人": "张三",
        "证件号码": resident_id(1),
        "申请方式": "当面",
        "收到日期": "2026-01-05",
        "申请内容": "关于2025年度项目资金的文件",
        "补正告知日期": "2026-01-07",
        "补正收到日期": "2026-01-12",
        "征求意见开始日期": "2026-01-14",  # the earliest of the two consultations
        "征求意见结束日期": "2026-02-03",  # the latest end
        "延期": "是",
        "答复日期": "2026-02-20",
        "办理结果": "部分公开",
        "收费方式": "按件",
        "收费金额": fees.format_yuan(fees.pieces_fee(1, 12)),
        "缴费日期": "2026-02-10",
    }
    letter = out[handled["letter"].number]
    assert (letter["申请方式"], letter["收到日期"], letter["证件号码"], letter["申请人类型"]) == ("邮寄", "2026-02-03", credit_code(9), "商业企业")
    assert (letter["答复日期"], letter["办理结果"], letter["延期"]) == ("", "", "否")
    online = out[handled["online"].number]
    assert (online["申请方式"], online["答复日期"], online["办理结果"]) == ("网络", TODAY.isoformat(), "其他处理-其他")
    # Not received yet (条例第三十一条: awaiting confirmation): not in the ledger.
    assert handled["waiting"].number not in out
    # A passport number does not fit 证件号码 (身份证号 or 统一社会信用代码).
    assert out[handled["foreigner"].number]["证件号码"] == ""


def test_a_running_consultation_leaves_the_end_blank(world, handled):
    app = handled["letter"]
    ops.start_consultation(world.clerk_a, app, on=dt.date(2026, 2, 5), party="third_party", name="甲公司")
    ops.start_consultation(world.clerk_a, app, on=dt.date(2026, 2, 9), party="third_party", name="乙公司")
    ops.end_consultation(world.clerk_a, app, ref="1", on=dt.date(2026, 2, 12))
    row = by_number(export_ledger(world.agency_a))[app.number]
    assert (row["征求意见开始日期"], row["征求意见结束日期"]) == ("2026-02-05", "")


def test_handled_applications_survive_export_and_reimport_into_the_same_agency(world, handled):
    events = ApplicationEvent.objects.count()
    result = import_bytes(world.agency_a, export_ledger(world.agency_a))
    assert (result.created, result.updated) == (0, 0)
    assert result.unchanged == Application.objects.filter(agency=world.agency_a, received_on__isnull=False).count()
    assert ApplicationEvent.objects.count() == events
    letter = Application.objects.get(pk=handled["letter"].pk)
    assert letter.folded_state().channel is Channel.ORDINARY_POST
    assert len(Application.objects.get(pk=handled["full"].pk).folded_state().consultations) == 2


def test_a_reimported_change_keeps_the_finer_channel(world, handled):
    data = export_ledger(world.agency_a)
    header, *rows = read_csv(data)
    for r in rows:
        if r[0] == handled["letter"].number:
            r[header.index("答复日期")], r[header.index("办理结果")] = "2026-03-20", "予以公开"
    out = io.StringIO(newline="")
    csv.writer(out).writerows([header, *rows])
    result = import_bytes(world.agency_a, out.getvalue().encode())
    assert (result.updated, result.unchanged) == (1, len(rows) - 1)
    state = Application.objects.get(pk=handled["letter"].pk).folded_state()
    assert state.imported and state.concluded_on == dt.date(2026, 3, 20) and state.outcome == "open"
    assert state.channel is Channel.ORDINARY_POST


def test_handled_applications_round_trip_into_a_fresh_agency(world, handled):
    first = export_ledger(world.agency_a)
    import_bytes(world.agency_b, first)
    assert export_ledger(world.agency_b) == first
    copy = Application.objects.get(agency=world.agency_b, number=handled["full"].number)
    assert copy.applicant_kind == ApplicantKind.NATURAL_PERSON and copy.folded_state().extended
