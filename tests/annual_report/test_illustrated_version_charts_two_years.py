"""图解: charts of the year and the year before, drawn as inline SVG on the server from the
two report objects only; every chart has a title, a description and a data table."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from gongkai.annual_report import publication
from gongkai.annual_report.build import build_report
from gongkai.annual_report.render.illustrated import illustrated_body, render_illustrated
from gongkai.foi.rules.outcomes import FAMILY_LABELS
from tests.web_helpers import client_for, fast_passwords  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("fast_passwords")
D = dt.date


def _table(figure) -> dict[str, list[str]]:
    table = figure.find("table", class_="chart-data")
    head = [th.get_text(strip=True) for th in table.find("thead").find_all("th")][1:]
    rows = {tr.find("th").get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")}
    return {"_years": head, **rows}


def test_each_chart_has_a_title_a_description_and_the_numbers_of_both_years_as_a_table(world, seeded):
    now, before = build_report(world.agency_a, 2024), build_report(world.agency_a, 2023)
    soup = BeautifulSoup(render_illustrated(now, before), "lxml")
    assert soup.html["lang"] == "zh-CN" and soup.find("script") is None
    assert "http" not in "".join(str(s) for s in soup.find_all(["link", "img", "style"]))  # nothing fetched from elsewhere
    figures = soup.find_all("figure")
    assert len(figures) >= 7
    for fig in figures:
        svg = fig.find("svg")
        assert svg["role"] == "img"
        ids = svg["aria-labelledby"].split()
        assert svg.find("title")["id"] in ids and svg.find("desc")["id"] in ids
        assert svg.find("title").get_text() == fig.find("figcaption").get_text()
        assert fig.find("table", class_="chart-data").find("caption") is not None
        assert _table(fig)["_years"] in (["2024年", "2023年"], ["2024年"], [])

    flow = _table(soup.find("figure", id="chart-flow"))
    assert flow["本年新收"] == [str(now["table3"]["rows"]["new"][-1]), str(before["table3"]["rows"]["new"][-1])]
    assert flow["结转下年度"] == [str(now["table3"]["rows"]["carried_out"][-1]), str(before["table3"]["rows"]["carried_out"][-1])]

    outcomes = _table(soup.find("figure", id="chart-outcomes"))
    deny_2024 = sum(v[-1] for k, v in now["table3"]["rows"].items() if k.startswith("deny."))
    assert outcomes[FAMILY_LABELS["deny"]][0] == str(deny_2024)
    assert outcomes[FAMILY_LABELS["open"]][0] == str(now["table3"]["rows"]["open"][-1])

    timely = _table(soup.find("figure", id="chart-timeliness"))
    assert timely["按期答复"][0] == str(now["timeliness"]["on_time"]) and timely["逾期答复"][0] == str(now["timeliness"]["overdue"])

    appeals = _table(soup.find("figure", id="chart-appeals"))
    assert [row[0] for row in list(appeals.values())[1:]] == [str(now["table4"][k]["total"]) for k in ("review", "lit_direct", "lit_after_review")]

    decisions = _table(soup.find("figure", id="chart-decisions"))
    assert list(decisions.values())[1:] == [[str(now["table2"][k]), str(before["table2"][k])] for k in ("licensing", "penalty", "coercion")]


def test_without_a_previous_report_the_charts_show_one_year_and_text_is_escaped(world, seeded):
    now = copy.deepcopy(build_report(world.agency_a, 2024))
    now["agency"]["name"] = "<script>alert(1)</script>委员会"
    html = illustrated_body(now, None)
    assert "<script>" not in html and "&lt;script&gt;" in html
    soup = BeautifulSoup(html, "lxml")
    assert all(_table(f)["_years"] == ["2024年"] for f in soup.find_all("figure"))
    assert "没有上一年度报告" in soup.get_text()


def test_a_previous_year_in_the_other_format_is_compared_except_for_its_table2(world, seeded):
    now = build_report(world.agency_a, 2024)
    before = build_report(world.agency_a, 2023, format_version="2019")
    soup = BeautifulSoup(illustrated_body(now, before), "lxml")
    assert _table(soup.find("figure", id="chart-flow"))["_years"] == ["2024年", "2023年"]
    assert _table(soup.find("figure", id="chart-documents"))["_years"] == ["2024年"]
    assert "上一年度报告使用不同的格式" in soup.get_text()


def test_the_public_illustrated_page_uses_the_published_reports_of_both_years(world, seeded, freeze_today):
    freeze_today(D(2025, 1, 20))
    c = client_for()
    url = reverse("annual_report_public_illustrated", args=[world.agency_a.slug, 2024])
    assert c.get(url).status_code == 404  # nothing published yet
    publication.publish_report(world.principal_a, publication.finalise_report(world.head_a, world.agency_a, 2024))
    soup = BeautifulSoup(c.get(url).content, "lxml")
    assert _table(soup.find("figure", id="chart-flow"))["_years"] == ["2024年"]  # 2023 was not published
    publication.publish_report(world.principal_a, publication.finalise_report(world.head_a, world.agency_a, 2023))
    soup = BeautifulSoup(c.get(url).content, "lxml")
    assert _table(soup.find("figure", id="chart-flow"))["_years"] == ["2024年", "2023年"]
    assert soup.find("script") is None
