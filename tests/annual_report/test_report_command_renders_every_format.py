"""`gongkai report` for an agency and a region, in every format (acceptance 4's renders)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from gongkai.annual_report import formats as F
from gongkai.annual_report.build import build_report


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("report", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_demo_agencys_2024_report_renders_in_every_format(world, seeded, tmp_path):
    magic = {"json": b"{", "html": b"<!DOCTYPE html>", "docx": b"PK", "xlsx": b"PK", "pdf": b"%PDF"}
    for kind, start in magic.items():
        target = tmp_path / f"report.{kind}"
        _, err = run("--agency", world.agency_a.credit_code, "--year", "2024", "--format", kind, "--out", str(target))
        data = target.read_bytes()
        assert data.startswith(start), kind
        assert "已写入" in err
    # The PDF is the HTML printed by WeasyPrint: lay it out again to look at its pages.
    from weasyprint import HTML

    html = (tmp_path / "report.html").read_text()
    pages = HTML(string=html).render().pages
    assert len(pages) >= 4
    texts = ["".join(_texts(p._page_box)) for p in pages]
    t3 = F.TABLE3_2021
    on_its_page = next(t for t in texts if F.SECTIONS[2].heading in t)
    assert t3.rows[0].label in on_its_page and t3.rows[-1].label in on_its_page  # 表三 is not split


def _texts(box):
    text = getattr(box, "text", None)
    if text:
        yield text
    for child in getattr(box, "children", []) or []:
        yield from _texts(child)


def test_errors_are_reported_in_chinese(world):
    with pytest.raises(CommandError, match="没有找到机关"):
        run("--agency", "nobody", "--year", "2024")
    with pytest.raises(CommandError, match="2018"):
        run("--agency", "mzw", "--year", "2018")
    with pytest.raises(CommandError, match="行政区划"):
        run("--region", "999999", "--year", "2024")


def test_blocking_checks_are_listed_on_stderr(world, freeze_today):
    freeze_today(dt.date(2025, 1, 5))
    _, err = run("--agency", "mzw", "--year", "2024", "--format-version", "2019")
    assert "[B4 错误]" in err and "修正前不能发布" in err


def test_a_region_summary_is_the_sum_of_its_agencies(world, seeded, freeze_today):
    from gongkai.agencies import operations as agency_ops
    from gongkai.agencies.models import Role
    from tests.annual_report.scenario import Spec, create_application

    clerk = agency_ops.add_member(None, world.agency_b, username="clerk_b2", role=Role.CLERK, full_name="郑科员").user
    world_b = type("W", (), {"clerk_a": clerk, "head_a": clerk, "agency_a": world.agency_b})()
    create_application(world_b, Spec("commercial", dt.date(2024, 5, 6), dt.date(2024, 5, 20), "open"), 1)
    create_application(world_b, Spec("natural_person", dt.date(2024, 12, 30)), 2)
    a, b = build_report(world.agency_a, 2024), build_report(world.agency_b, 2024)
    out, _ = run("--region", world.city.code, "--year", "2024")
    region = json.loads(out)
    for key in F.TABLE3_2021.row_keys:
        assert region["table3"]["rows"][key] == [x + y for x, y in zip(a["table3"]["rows"][key], b["table3"]["rows"][key], strict=True)]
    for block in ("review", "lit_direct", "lit_after_review"):
        assert region["table4"][block] == {k: a["table4"][block][k] + b["table4"][block][k] for k in a["table4"][block]}
    assert region["timeliness"]["replied"] == a["timeliness"]["replied"] + b["timeliness"]["replied"]
    assert region["fees"] == a["fees"]
    assert region["table2"]["licensing"] == a["table2"]["licensing"] + b["table2"]["licensing"]
    assert {r["id"] for r in region["checks"]} >= {"C1", "C2", "C3", "C4", "A2"}
    assert region["agency"]["name"] == "张掖市（汇总）"
