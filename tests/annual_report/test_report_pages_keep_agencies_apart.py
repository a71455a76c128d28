"""Permissions and tenant isolation of every annual report URL (found in the URL
configuration, so a URL added later is covered): staff of B neither see nor act on A's
report; the supervisor reads A's pages but acts on nothing; the public sees only what was
published."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gongkai.annual_report import operations as report_ops
from gongkai.annual_report import publication
from gongkai.annual_report.models import (
    ManualFigure,
    RegisteredDocument,
    ReportDecision,
    ReportText,
    ReportVersion,
)
from gongkai.core.models import AuditEvent
from tests.web_helpers import client_for, fast_passwords, text_of  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("fast_passwords")
D = dt.date
PREFIX = "annual_report_"
A_PROBLEMS = "一是甲机关独有的问题表述，政策解读形式单一，全年仅1篇图解。"
A_DOCUMENT = "甲机关独有的规范性文件标题"
POST_DATA = {"path": "table2.penalty", "value": "7", "note": "乙机关的来源", "text": "乙机关写的文字", "revision_note": "乙修订",
             "on": "2025-01-20", "reason": "乙退回", "kind": "normative", "title": "乙登记的文件", "written_on": "2024-05-05"}


def _walk(patterns: list[Any]) -> list[tuple[str, URLPattern]]:
    out = []
    for p in patterns:
        if isinstance(p, URLResolver):
            out += _walk(p.url_patterns)
        elif isinstance(p, URLPattern) and p.name and p.name.startswith(PREFIX):
            out.append((p.name, p))
    return out


def url_patterns() -> dict[str, URLPattern]:
    return dict(_walk(get_resolver().url_patterns))


@pytest.fixture
def a_report(world, seeded, freeze_today):
    """A's 2024 report published; A's 2025... not over. A second version of 2024 awaits approval."""
    freeze_today(D(2025, 1, 20))
    a = world.agency_a
    report_ops.write_section(world.head_a, a, 2024, section="problems", text=A_PROBLEMS + "\n二是下一步将于2025年6月底前制定政策解读规程，由办公室负责。")
    doc = report_ops.register_document(world.head_a, a, kind="normative", title=A_DOCUMENT, written_on=D(2024, 2, 2))
    published = publication.publish_report(world.principal_a, publication.finalise_report(world.head_a, a, 2024))
    freeze_today(D(2025, 2, 3))
    report_ops.enter_figure(world.head_a, a, 2024, path="table2.penalty", value=5, note="补录")
    pending = publication.finalise_report(world.head_a, a, 2024, revision_note="更正行政处罚数")
    return {"published": published, "pending": pending, "doc": doc}


def urls_for(world: Any, a_report: dict[str, Any]) -> list[tuple[str, str]]:
    values = {
        "agency_id": world.agency_a.pk,
        "year": 2024,
        "pk": a_report["pending"].pk,
        "doc_id": a_report["doc"].pk,
        "region_id": world.city.pk,
        "key": "problems",
        "kind": "json",
        "slug": world.agency_a.slug,
        "number": a_report["pending"].number,
        "action": "approve",
    }
    out = []
    for name, p in sorted(url_patterns().items()):
        if name.startswith("annual_report_public"):
            continue
        kwargs = {k: values[k] for k in p.pattern.converters}
        out.append((name, reverse(name, kwargs=kwargs)))
    return out


def snapshot() -> tuple[int, ...]:
    return (
        ManualFigure.objects.count(), ReportText.objects.count(), RegisteredDocument.objects.count(),
        ReportVersion.objects.count(), ReportDecision.objects.count(), AuditEvent.objects.count(),
        RegisteredDocument.objects.filter(repealed_on__isnull=False).count(),
        sum(len(t.problems) for t in ReportText.objects.all()),
    )


def test_the_enumeration_finds_every_kind_of_page_this_file_relies_on():
    names = set(url_patterns())
    for expected in ("annual_report_editor", "annual_report_figure", "annual_report_section", "annual_report_finalise",
                     "annual_report_version", "annual_report_publish", "annual_report_return", "annual_report_documents",
                     "annual_report_repeal", "annual_report_oversight", "annual_report_region", "annual_report_public_year"):
        assert expected in names


def test_staff_of_another_agency_can_neither_see_nor_act_on_the_report(world, a_report):
    c = client_for(world.clerk_b)
    before = snapshot()
    for name, url in urls_for(world, a_report):
        response = c.get(url)
        body = response.content.decode("utf-8", "replace")
        if name in ("annual_report_index", "annual_report_documents_home"):
            assert response.status_code in (200, 302), name
        elif name in ("annual_report_oversight", "annual_report_region", "annual_report_region_download"):
            # supervisors only: Wagtail turns the refusal into a redirect to the dashboard
            assert response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/"), name
        else:
            assert response.status_code in (404, 405), (name, response.status_code)
        assert A_PROBLEMS not in body and A_DOCUMENT not in body, name
        post = c.post(url, POST_DATA)
        assert post.status_code in (302, 403, 404, 405) or name == "annual_report_index", (name, post.status_code)
    assert snapshot() == before


def test_the_supervisor_reads_every_page_but_every_action_is_refused(world, a_report):
    c = client_for(world.supervisor)
    before = snapshot()
    for name, url in urls_for(world, a_report):
        response = c.get(url)
        assert response.status_code in (200, 302, 405), (name, response.status_code)
        if name == "annual_report_editor":
            assert A_PROBLEMS in response.content.decode() and "不能修改" in response.content.decode()
            assert 'action="/admin/annual-report/' not in response.content.decode()  # no forms offered
        post = c.post(url, POST_DATA)
        assert post.status_code < 500, name
    assert snapshot() == before
    refused = c.post(reverse("annual_report_section", args=[world.agency_a.pk, 2024, "problems"]), {"text": "督查人员改写"})
    assert refused.status_code == 400 and "您没有在“张掖市民族宗教事务委员会”编制政府信息公开工作年度报告的权限" in text_of(refused)
    refused = c.post(reverse("annual_report_publish", args=[a_report["pending"].pk]), {"on": "2025-02-03"})
    assert refused.status_code == 400 and "批准发布政府信息公开工作年度报告的权限" in text_of(refused)
    assert snapshot() == before


def test_people_without_a_role_are_sent_to_the_login_page(world, a_report):
    for who in (None, world.outsider):
        c = client_for(who)
        for name, url in urls_for(world, a_report):
            response = c.get(url)
            assert response.status_code == 302 and "/admin/login/" in response["Location"], (name, who)


def test_office_staff_of_the_agency_may_edit_but_only_the_office_admin_finalises_and_leaders_approve(world, a_report):
    version = a_report["pending"]
    clerk = client_for(world.clerk_a)
    editor = clerk.get(reverse("annual_report_editor", args=[world.agency_a.pk, 2024])).content.decode()
    assert f'action="/admin/annual-report/{world.agency_a.pk}/2024/figure/"' in editor
    assert "定稿由公开办管理员进行" in editor or "正在等待审批" in editor
    response = clerk.post(reverse("annual_report_publish", args=[version.pk]), {"on": "2025-02-03"})
    assert response.status_code == 400 and "主要领导" in response.content.decode()
    head = client_for(world.head_a)
    page = head.get(reverse("annual_report_version", args=[version.pk])).content.decode()
    assert "批准发布</button>" not in page  # the office cannot approve
    assert not ReportDecision.objects.filter(version=version).exists()


def test_the_public_sees_published_versions_only(world, a_report):
    c = client_for()
    slug = world.agency_a.slug
    assert c.get(reverse("annual_report_public_year", args=[slug, 2024])).status_code == 200
    pending = a_report["pending"]
    assert c.get(reverse("annual_report_public_version", args=[slug, 2024, pending.number])).status_code == 404
    assert c.get(reverse("annual_report_public_version_download", args=[slug, 2024, pending.number, "json"])).status_code == 404
    assert "更正行政处罚数" not in c.get(reverse("annual_report_public_index", args=[slug])).content.decode()
    for year in (2023, 2025):
        assert c.get(reverse("annual_report_public_year", args=[slug, year])).status_code == 404
    assert c.get(reverse("annual_report_public_year", args=[world.agency_b.slug, 2024])).status_code == 404
    assert c.get(reverse("annual_report_public_download", args=[slug, 2024, "exe"])).status_code == 404
    assert c.get("/gongkai/no-such-agency/nianbao/").status_code == 404
    world.agency_a.is_active = False
    world.agency_a.save()
    assert c.get(reverse("annual_report_public_index", args=[slug])).status_code == 404


def test_bad_input_is_answered_without_a_server_error(world, a_report):
    c = client_for(world.head_a)
    a = world.agency_a.pk
    cases = [
        ("get", f"/admin/annual-report/{a}/1999/", {}),
        ("get", f"/admin/annual-report/{a}/2999/", {}),
        ("get", f"/admin/annual-report/{a}/2024/download/exe/", {}),
        ("get", f"/admin/annual-report/{a}/2024/section/problems/", {}),
        ("post", f"/admin/annual-report/{a}/2024/section/tables/", {"text": "x"}),
        ("post", f"/admin/annual-report/{a}/2024/figure/", {"path": "table9.x", "value": "1", "note": "x"}),
        ("post", f"/admin/annual-report/{a}/2024/figure/", {"path": "table2.penalty", "value": "三件", "note": "x"}),
        ("post", f"/admin/annual-report/{a}/2024/figure/", {"path": "table2.penalty", "value": "-1", "note": "x"}),
        ("post", f"/admin/annual-report/{a}/2024/figure/clear/", {"path": "table2.coercion", "note": ""}),
        ("post", f"/admin/annual-report/{a}/2024/figure/clear/", {"path": "table3.rows.new.total", "note": "没有这个录入值"}),
        ("post", f"/admin/annual-report/{a}/documents/", {"kind": "x", "title": "", "written_on": "2024-13-40"}),
        ("post", f"/admin/annual-report/{a}/documents/{a_report['doc'].pk}/repeal/", {"on": "2001-01-01"}),
        ("post", f"/admin/annual-report/{a}/documents/999999/repeal/", {"on": "2024-01-01"}),
        ("get", "/admin/annual-report/version/999999/", {}),
        ("get", "/admin/annual-report/oversight/?year=abc&region=zz&p=-3", {}),
        ("post", f"/admin/annual-report/{a}/2024/finalise/", {"revision_note": "x" * 5000}),
    ]
    before = snapshot()
    for method, url, data in cases:
        response = getattr(c, method)(url, data)
        assert response.status_code < 500, (url, data, response.status_code)
    assert snapshot() == before
