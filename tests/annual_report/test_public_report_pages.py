"""The public 政府信息公开年报 column: the agency's published reports newest first; one
year's report exactly as published (the format's table layout with merged cells, <th
scope>, captions, lang), its downloads, its versions and the 图解."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from gongkai.annual_report import formats as F
from gongkai.annual_report import operations as report_ops
from gongkai.annual_report import publication
from gongkai.annual_report.render import common
from tests.annual_report.grids import EXPECTED, assert_grid_matches, html_headings, html_tables, xlsx_table
from tests.web_helpers import client_for, fast_passwords  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("fast_passwords")
D = dt.date


@pytest.fixture
def published(world, seeded, freeze_today):
    """2023 and 2024 published (2023 late, on the same day), 2024 revised once."""
    freeze_today(D(2025, 1, 20))
    a = world.agency_a
    y2023 = publication.publish_report(world.principal_a, publication.finalise_report(world.head_a, a, 2023))
    y2024 = publication.publish_report(world.principal_a, publication.finalise_report(world.head_a, a, 2024))
    freeze_today(D(2025, 3, 3))
    report_ops.enter_figure(world.head_a, a, 2024, path="table2.penalty", value=4, note="补录一件简易程序处罚")
    revised = publication.publish_report(
        world.leader_a, publication.finalise_report(world.head_a, a, 2024, revision_note="更正表二行政处罚决定数量")
    )
    return {"2023": y2023, "2024": y2024, "revised": revised}


def test_the_column_lists_published_reports_newest_first_with_their_dates(world, published):
    response = client_for().get(reverse("annual_report_public_index", args=[world.agency_a.slug]))
    assert response.status_code == 200
    items = BeautifulSoup(response.content, "lxml").select(".ar-list > li")
    titles = [li.find("a").get_text(strip=True) for li in items]
    assert titles == [common.title(published["revised"].report), common.title(published["2023"].report)]
    assert "发布日期：2025年1月20日" in items[0].get_text() and "修订日期：2025年3月3日" in items[0].get_text()


def test_the_year_page_shows_the_published_snapshot_with_the_official_layout(world, published):
    response = client_for().get(reverse("annual_report_public_year", args=[world.agency_a.slug, 2024]))
    assert response.status_code == 200
    html = response.content.decode()
    current = published["revised"]
    article = html[html.index('<article class="annual-report">') : html.index("</article>") + len("</article>")]
    assert article in current.html  # exactly the frozen HTML
    fmt = F.get_format(current.report["format_version"])
    tables = html_tables(html)
    assert set(tables) == {"table2", "table3", "table4"}
    for key, found in tables.items():
        assert_grid_matches(found, EXPECTED[key](fmt, current.report), f"public {key}")
    assert html_headings(article) == list(fmt.headings)
    soup = BeautifulSoup(html, "lxml")
    assert soup.html["lang"].startswith("zh")
    for table in soup.find("article").find_all("table"):
        assert table.find("caption") is not None
        assert all(th.get("scope") in {"row", "rowgroup", "col", "colgroup"} for th in table.find_all("th"))
    assert "本报告于2025年3月3日修订：更正表二行政处罚决定数量" in soup.find("article").get_text()
    versions = soup.find("section", class_="ar-versions").get_text()
    assert "2025年3月3日发布" in versions and "2025年1月20日发布" in versions


def test_an_earlier_version_stays_readable_and_says_it_was_revised(world, published):
    first = published["2024"]
    response = client_for().get(reverse("annual_report_public_version", args=[world.agency_a.slug, 2024, first.version.number]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "这是2025年1月20日发布的历史版本，已被修订" in html
    article = html[html.index('<article class="annual-report">') : html.index("</article>") + len("</article>")]
    assert article in first.html and "修订：" not in article


def test_downloads_are_rendered_from_the_published_object(world, published):
    from docx import Document
    from openpyxl import load_workbook

    current = published["revised"]
    c = client_for()
    slug = world.agency_a.slug

    def get(kind: str, number: int | None = None) -> bytes:
        if number is None:
            url = reverse("annual_report_public_download", args=[slug, 2024, kind])
        else:
            url = reverse("annual_report_public_version_download", args=[slug, 2024, number, kind])
        response = c.get(url)
        assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
        return response.content

    assert get("pdf").startswith(b"%PDF")
    doc = Document(io.BytesIO(get("docx")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert common.title(current.report) in text and "本报告于2025年3月3日修订" in text
    wb = load_workbook(io.BytesIO(get("xlsx")))
    fmt = F.get_format(current.report["format_version"])
    assert_grid_matches(xlsx_table(wb["表二"], 3), EXPECTED["table2"](fmt, current.report), "public xlsx 表二")
    import json

    assert json.loads(get("json"))["table2"]["penalty"] == 4
    assert json.loads(get("json", published["2024"].version.number))["table2"]["penalty"] == 3
