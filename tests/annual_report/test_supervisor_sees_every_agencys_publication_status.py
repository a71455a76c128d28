"""The supervisor's view of a region (年报督查): per agency, published or not, the date, on
time or late against A1/A2, failing checks by severity, a link to the report; and the
region's summary report (汇总)."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from gongkai.agencies import operations as agency_ops
from gongkai.agencies.models import AgencyKind, Role
from gongkai.annual_report import formats as F
from gongkai.annual_report import publication
from gongkai.annual_report.build import build_region_report, build_report
from tests.web_helpers import client_for, fast_passwords  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("fast_passwords")
D = dt.date


def _rows(response) -> dict[str, list[str]]:
    soup = BeautifulSoup(response.content, "lxml")
    table = soup.find("caption", string=lambda s: s and "A1" in s).find_parent("table")
    out = {}
    for tr in table.find("tbody").find_all("tr"):
        name = tr.find("th").get_text(strip=True)
        out[name] = [td.get_text(" ", strip=True) for td in tr.find_all("td")]
    return out


def test_each_agency_shows_whether_and_when_it_published_and_its_failing_checks(world, seeded, freeze_today):
    freeze_today(D(2025, 2, 10))
    # A published late; B finalised, awaiting approval; a 区政府 below the city has done nothing.
    publication.publish_report(world.principal_a, publication.finalise_report(world.head_a, world.agency_a, 2024))
    district = agency_ops.add_region(None, code="620702", name="甘州区", parent=world.city)
    gov = agency_ops.add_agency(None, code="11620702MB3456789D", name="张掖市甘州区人民政府", kind=AgencyKind.GOVERNMENT, region=district, slug="gzq")
    head_b = agency_ops.add_member(None, world.agency_b, username="head_b", role=Role.OFFICE_ADMIN, full_name="陈主任").user
    pending_b = publication.finalise_report(head_b, world.agency_b, 2024)

    response = client_for(world.supervisor).get(reverse("annual_report_oversight"), {"year": "2024", "region": world.city.code})
    assert response.status_code == 200
    rows = _rows(response)
    assert set(rows) == {world.agency_a.name, world.agency_b.name, gov.name}

    a = rows[world.agency_a.name]
    published = next(d for d in publication.published(world.agency_a, 2024))
    expected_a = publication.count_by_severity(published.report["checks"])
    assert "2025-02-10发布（逾期）" in a[1] and "A1" in a[2]
    assert (int(a[3]), int(a[4])) == (expected_a["E"], expected_a["W"]) and expected_a["E"] >= 1  # A1 itself is an error
    b = rows[world.agency_b.name]
    expected_b = publication.count_by_severity(pending_b.report["checks"])
    assert "待审批" in b[1] and "已逾期" in b[1] and (int(b[3]), int(b[4])) == (expected_b["E"], expected_b["W"])
    assert "第1稿（待审批）" in b[5]
    g = rows[gov.name]
    live = publication.count_by_severity(build_report(gov, 2024, today=D(2025, 2, 10))["checks"])
    assert "未发布（期限2025-03-31）" in g[1] and "A2" in g[2]  # 人民政府: 3月31日
    assert (int(g[3]), int(g[4])) == (live["E"], live["W"]) and g[5] == "当前草稿"

    text = BeautifulSoup(response.content, "lxml").find("section", attrs={"aria-label": "汇总"}).get_text(" ", strip=True)
    assert "机关 3" in text and "已发布 1" in text and "按期发布 0" in text and "逾期发布 1" in text and "逾期未发布 1" in text
    assert reverse("annual_report_public_year", args=[world.agency_a.slug, 2024]) in response.content.decode()


def test_a_subordinate_region_can_be_chosen_and_the_summary_report_aggregates_it(world, seeded, freeze_today):
    freeze_today(D(2025, 2, 10))
    c = client_for(world.supervisor)
    response = c.get(reverse("annual_report_region", args=[world.city.pk, 2024]))
    assert response.status_code == 200
    region_report = build_region_report(world.city, 2024)
    page = BeautifulSoup(response.content, "lxml")
    new_label = F.TABLE3_2021.row("new").label
    new_row = next(th for th in page.find_all("th") if th.get_text(strip=True) == new_label).find_parent("tr")
    assert [td.get_text(strip=True) for td in new_row.find_all("td")] == [str(v) for v in region_report["table3"]["rows"]["new"]]
    assert "（汇总）" in page.find("h1").get_text()
    docx = c.get(reverse("annual_report_region_download", args=[world.city.pk, 2024, "docx"]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert c.get(reverse("annual_report_region", args=[world.province.pk, 2024])).status_code == 404  # above the supervised region


def test_only_supervisors_open_the_oversight_pages(world, seeded):
    for who in (world.head_a, world.principal_a, world.clerk_b):
        for url in (reverse("annual_report_oversight"), reverse("annual_report_region", args=[world.city.pk, 2024])):
            response = client_for(who).get(url)
            assert response.status_code in (302, 403) and world.agency_a.name not in response.content.decode()
