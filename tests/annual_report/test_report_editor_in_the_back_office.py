"""The report editor: tables as the format lays them out with each figure's source and
checks, typed figures with a source note, sections 一/五/六, the document register, and a
preview in every format."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from gongkai.annual_report import formats as F
from gongkai.annual_report.build import build_report
from gongkai.annual_report.models import ManualFigure, RegisteredDocument, ReportText
from gongkai.core.models import AuditEvent
from tests.annual_report.grids import EXPECTED, assert_grid_matches, html_tables
from tests.web_helpers import client_for, fast_passwords, text_of  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("fast_passwords")
D = dt.date


def editor_url(world, year: int = 2024) -> str:
    return reverse("annual_report_editor", args=[world.agency_a.pk, year])


def test_the_tables_follow_the_format_and_every_number_tells_its_source(world, seeded, freeze_today):
    freeze_today(D(2025, 1, 20))
    response = client_for(world.clerk_a).get(editor_url(world))
    assert response.status_code == 200
    report = build_report(world.agency_a, 2024)
    fmt = F.get_format(report["format_version"])
    page = BeautifulSoup(response.content, "lxml")
    for key in ("table2", "table3", "table4"):
        table = page.find("h2", id=f"section-{key}").find_parent("section").find("table")
        for pop in table.find_all(attrs={"popover": True}):
            pop.decompose()
        for sup in table.find_all("sup"):
            sup.decompose()
        # read with the number only: a cell's source note (popover) and check flags removed
        wrapped = f'<section id="{key}">{table}</section>'
        assert_grid_matches(html_tables(wrapped)[key], EXPECTED[key](fmt, report), f"editor {key}")
        assert table.find("caption") is not None
    page = BeautifulSoup(response.content, "lxml")
    cell = page.find("td", id="cell-table2-penalty")
    assert "根据政务服务网办件系统和执法台账统计" in cell.find(attrs={"popover": True}).get_text()
    assert "gk-cell--typed" in cell["class"]
    carried = page.find("td", id="cell-table3-rows-carried_in-natural_person")
    assert "申请记录计算" in carried.find(attrs={"popover": True}).get_text()
    checks = page.find("section", id="checks").get_text()
    for result in report["checks"]:
        assert result["id"] in checks and result["basis"] in checks


def test_a_typed_figure_is_entered_with_its_source_and_shown_with_who_and_when(world, seeded, freeze_today):
    freeze_today(D(2025, 1, 20))
    c = client_for(world.clerk_a)
    url = reverse("annual_report_figure", args=[world.agency_a.pk, 2024])
    refused = c.post(url, {"path": "table2.coercion", "value": "两件", "note": "执法台账"})
    assert refused.status_code == 400 and "不是整数" in text_of(refused)
    missing_note = c.post(url, {"path": "table2.coercion", "value": "2", "note": ""})
    assert missing_note.status_code == 400 and "请填写来源说明" in text_of(missing_note)
    assert ManualFigure.objects.get(path="table2.coercion").value == "0"
    ok = c.post(url, {"path": "table2.coercion", "value": "2", "note": "行政强制案件台账"})
    assert ok.status_code == 302
    figure = ManualFigure.objects.get(path="table2.coercion")
    assert (figure.value, figure.note, figure.entered_by) == ("2", "行政强制案件台账", world.clerk_a)
    page = BeautifulSoup(c.get(editor_url(world)).content, "lxml")
    row = page.find("tr", id="fig-table2coercion")
    assert "由王科员于" in row.get_text() and "录入：行政强制案件台账" in row.get_text()
    assert AuditEvent.objects.filter(action="annual_report.figure_entered", data__path="table2.coercion").count() == 2


def test_section_five_is_written_by_people_and_one_returns_to_its_draft_when_emptied(world, seeded, freeze_today):
    freeze_today(D(2025, 1, 20))
    c = client_for(world.clerk_a)
    text = "一是网站栏目更新不及时，3个子栏目超过半年未更新。\n二是2025年3月底前完成栏目清理，由办公室负责。"
    response = c.post(reverse("annual_report_section", args=[world.agency_a.pk, 2024, "problems"]), {"text": text})
    assert response.status_code == 302
    assert ReportText.objects.get(agency=world.agency_a, year=2024).problems == text
    page = BeautifulSoup(c.get(editor_url(world)).content, "lxml")
    five = page.find("section", id="text-problems")
    assert five.find("textarea").get_text().strip() == text and "由王科员编写" in five.get_text()
    for check_id in ("E1", "E2", "E3", "E4"):
        assert check_id in five.get_text()
    c.post(reverse("annual_report_section", args=[world.agency_a.pk, 2024, "overview"]), {"text": ""})
    report = build_report(world.agency_a, 2024)
    assert report["provenance"]["sections.overview"].startswith("根据本报告数字自动生成的草稿")
    page = BeautifulSoup(c.get(editor_url(world)).content, "lxml")
    assert page.find("section", id="text-overview").find("textarea").get_text().strip() == report["sections"]["overview"]


def test_an_empty_section_five_shows_the_e1_warning_with_its_basis(world, seeded, freeze_today):
    freeze_today(D(2025, 1, 20))
    c = client_for(world.head_a)
    c.post(reverse("annual_report_section", args=[world.agency_a.pk, 2024, "problems"]), {"text": ""})
    five = BeautifulSoup(c.get(editor_url(world)).content, "lxml").find("section", id="text-problems")
    e1 = next(li for li in five.find_all("li") if "E1" in li.get_text())
    assert "尚未填写" in e1.get_text() and "条例第五十条第四项" in e1.get_text() and "gk-check--warn" in e1["class"]


def test_documents_are_registered_and_repealed_through_the_register_page(world, freeze_today):
    freeze_today(D(2025, 1, 20))
    c = client_for(world.head_a)
    url = reverse("annual_report_documents", args=[world.agency_a.pk])
    bad = c.post(url, {"kind": "normative", "title": "宗教活动场所管理办法", "written_on": "2025-02-01"})
    assert bad.status_code == 400 and "成文日期不能晚于今天" in text_of(bad)
    assert c.post(url, {"kind": "normative", "title": "宗教活动场所管理办法", "doc_number": "张民宗发〔2024〕1号", "written_on": "2024-03-01"}).status_code == 302
    doc = RegisteredDocument.objects.get()
    repeal = reverse("annual_report_repeal", args=[world.agency_a.pk, doc.pk])
    early = c.post(repeal, {"on": "2024-01-01"}, follow=True)
    assert "废止日期不能早于成文日期" in text_of(early)
    c.post(repeal, {"on": "2024-12-01"})
    doc.refresh_from_db()
    assert doc.repealed_on == D(2024, 12, 1)
    listing = text_of(c.get(url))
    assert "张民宗发〔2024〕1号" in listing and "2024-12-01" in listing
    assert AuditEvent.objects.filter(action__in=["annual_report.document_registered", "annual_report.document_repealed"]).count() == 2


def test_the_draft_previews_in_every_format(world, seeded, freeze_today):
    freeze_today(D(2025, 1, 20))
    c = client_for(world.clerk_a)
    a = world.agency_a.pk
    preview = c.get(reverse("annual_report_preview", args=[a, 2024]))
    assert preview.status_code == 200 and 'class="annual-report"' in preview.content.decode()
    assert c.get(reverse("annual_report_illustrated", args=[a, 2024])).status_code == 200
    magic = {"json": b"{", "html": b"<!DOCTYPE html>", "docx": b"PK", "xlsx": b"PK", "pdf": b"%PDF"}
    for kind, start in magic.items():
        response = c.get(reverse("annual_report_download", args=[a, 2024, kind]))
        assert response.status_code == 200 and response.content.startswith(start), kind
        assert "%EF%BC%88%E8%8D%89%E7%A8%BF%EF%BC%89" in response["Content-Disposition"]  # “（草稿）” in the file name
    assert json.loads(c.get(reverse("annual_report_download", args=[a, 2024, "json"])).content)["year"] == 2024
