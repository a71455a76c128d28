"""``gongkai import_ledger`` and ``gongkai export_ledger`` from the command line."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.foi.models import Application

HEADERS = [
    "申请编号", "申请人类型", "申请人", "证件号码", "申请方式", "收到日期", "申请内容", "补正告知日期",
    "补正收到日期", "征求意见开始日期", "征求意见结束日期", "延期", "答复日期", "办理结果", "收费方式",
    "收费金额", "缴费日期",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _today(freeze_today):
    freeze_today(dt.date(2026, 3, 31))


def write_ledger(path, rows, headers=HEADERS):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(headers)
        writer.writerows([r.get(h, "") for h in headers] for r in rows)
    return path


def good_rows():
    return [
        {"申请编号": "L1", "申请人类型": "自然人", "申请人": "张三", "收到日期": "2025-03-03", "申请方式": "当面"},
        {"申请编号": "L2", "申请人类型": "其他", "收到日期": "2025-04-01", "答复日期": "2025-04-20", "办理结果": "予以公开"},
    ]


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command(*args, stdout=out, stderr=err)
    return exc.value, out.getvalue(), err.getvalue()


def test_import_prints_the_counts(world, tmp_path):
    path = write_ledger(tmp_path / "台账.csv", good_rows())
    out, err = run("import_ledger", "--agency", world.agency_a.credit_code, str(path))
    assert "新增2件" in out and "更新0件" in out and world.agency_a.name in out
    assert err == ""
    assert Application.objects.filter(agency=world.agency_a).count() == 2

    rows = good_rows()
    rows[0] |= {"答复日期": "2025-03-20", "办理结果": "部分公开"}
    out, _ = run("import_ledger", "--agency", world.agency_a.credit_code, str(write_ledger(path, rows)))
    assert "新增0件" in out and "更新1件" in out and "未变化1件" in out


def test_import_errors_are_listed_by_row_and_column_and_exit_non_zero(world, tmp_path):
    rows = [*good_rows(), {"申请编号": "L3", "申请人类型": "自然人", "收到日期": "2025-13-01"}, {"申请编号": "L1", "申请人类型": "公司", "收到日期": "2025-03-03"}]
    error, out, err = run_failing("import_ledger", "--agency", world.agency_a.credit_code, str(write_ledger(tmp_path / "x.csv", rows)))
    assert error.returncode == 1
    assert "3处错误" in str(error) and "未导入" in str(error)
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("第4行 [收到日期] ")
    assert lines[1].startswith("第5行 [申请人类型] ")
    assert lines[2].startswith("第5行 [申请编号] ") and "第2行" in lines[2]
    assert out == ""
    assert not Application.objects.exists()


def test_import_warns_about_unknown_columns_on_stderr(world, tmp_path):
    rows = [r | {"经办人": "王科员"} for r in good_rows()]
    out, err = run("import_ledger", "--agency", world.agency_a.credit_code, str(write_ledger(tmp_path / "x.csv", rows, [*HEADERS, "经办人"])))
    assert "新增2件" in out
    assert err.strip() == "警告：第1行 [经办人] “经办人”不是依申请公开台账的列，已忽略"


def test_a_dry_run_says_so_and_writes_nothing(world, tmp_path):
    out, _ = run("import_ledger", "--agency", world.agency_a.credit_code, str(write_ledger(tmp_path / "x.csv", good_rows())), "--dry-run")
    assert "试运行" in out and "新增2件" in out
    assert not Application.objects.exists()


def test_the_agency_may_be_named_by_slug_or_lower_case_code(world, tmp_path):
    path = write_ledger(tmp_path / "x.csv", good_rows())
    run("import_ledger", "--agency", world.agency_b.slug, str(path))
    run("import_ledger", "--agency", world.agency_a.credit_code.lower(), str(path))
    assert Application.objects.filter(agency=world.agency_b).count() == 2
    assert Application.objects.filter(agency=world.agency_a).count() == 2


def test_an_unknown_agency_or_file_fails_with_a_message(world, tmp_path):
    error, _, _ = run_failing("import_ledger", "--agency", "NOPE", str(write_ledger(tmp_path / "x.csv", good_rows())))
    assert "没有找到" in str(error) and "NOPE" in str(error)
    error, _, _ = run_failing("import_ledger", "--agency", world.agency_a.slug, str(tmp_path / "missing.csv"))
    assert "找不到文件" in str(error)
    (tmp_path / "x.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    error, _, _ = run_failing("import_ledger", "--agency", world.agency_a.slug, str(tmp_path / "x.xls"))
    assert ".xlsx" in str(error)


def test_export_writes_csv_to_stdout(world, tmp_path):
    run("import_ledger", "--agency", world.agency_a.slug, str(write_ledger(tmp_path / "x.csv", good_rows())))
    out, _ = run("export_ledger", "--agency", world.agency_a.credit_code)
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
    assert rows[0] == HEADERS
    assert [r[0] for r in rows[1:]] == ["L1", "L2"]


def test_export_to_a_file_by_year_and_format(world, tmp_path):
    from openpyxl import load_workbook

    run("import_ledger", "--agency", world.agency_a.slug, str(write_ledger(tmp_path / "x.csv", good_rows())))
    target = tmp_path / "out.xlsx"
    out, _ = run("export_ledger", "--agency", world.agency_a.slug, "--format", "xlsx", "--out", str(target), "--year", "2025")
    assert str(target) in out
    sheet = load_workbook(target).worksheets[0]
    assert [c.value for c in sheet[1]] == HEADERS and sheet.max_row == 3

    target = tmp_path / "2024.csv"
    run("export_ledger", "--agency", world.agency_a.slug, "--year", "2024", "--out", str(target))
    assert target.read_bytes().decode("utf-8-sig").splitlines() == [",".join(HEADERS)]


def test_export_of_xlsx_needs_an_output_file(world):
    error, _, _ = run_failing("export_ledger", "--agency", world.agency_a.slug, "--format", "xlsx")
    assert "--out" in str(error)
