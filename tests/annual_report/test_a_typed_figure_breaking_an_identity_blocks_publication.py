"""Acceptance 3, through the back office: a typed figure that breaks an identity is caught,
shown on its cell, and blocks 定稿 and publication (the engine-level property test is
test_identities_hold_for_random_records.py)."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from gongkai.annual_report import publication
from gongkai.annual_report.build import build_report
from gongkai.annual_report.models import ReportDecision, ReportVersion
from gongkai.annual_report.render import render
from tests.web_helpers import client_for, fast_passwords, text_of  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("fast_passwords")
D = dt.date


def _bump(world, path: str) -> int:
    """POST a typed figure one above the computed value of ``path``; returns the new value."""
    from gongkai.annual_report import formats as F

    report = build_report(world.agency_a, 2024)
    value = F.get_value(report, path) + 1
    response = client_for(world.head_a).post(
        reverse("annual_report_figure", args=[world.agency_a.pk, 2024]),
        {"path": path, "value": str(value), "note": "按纸质登记簿补录一件"},
    )
    assert response.status_code == 302
    return value


def test_a_typed_table3_cell_that_breaks_the_identities_is_flagged_and_finalising_is_refused(world, seeded, freeze_today):
    freeze_today(D(2025, 1, 20))
    _bump(world, "table3.rows.open.natural_person")
    editor = client_for(world.head_a).get(reverse("annual_report_editor", args=[world.agency_a.pk, 2024]))
    page = editor.content.decode()
    text = text_of(editor)
    failing = {r["id"] for r in build_report(world.agency_a, 2024)["checks"] if r["status"] == "fail"}
    assert {"C2", "C3"} <= failing  # （七）总计 and the row's 总计 no longer add up
    assert "修正前不能定稿和发布" in text and "C2" in text and "C3" in text
    cell = BeautifulSoup(page, "lxml").find("td", id="cell-table3-rows-open-natural_person")
    assert "gk-cell--fail" in cell["class"]
    assert "C3" in cell.get_text() and "按纸质登记簿补录一件" in cell.get_text()  # the flag and the provenance on the cell itself

    response = client_for(world.head_a).post(reverse("annual_report_finalise", args=[world.agency_a.pk, 2024]), {})
    assert response.status_code == 400
    refusal = text_of(response)
    assert "存在不能定稿的错误" in refusal and "C2" in refusal and "C3" in refusal
    assert not ReportVersion.objects.exists()


def test_a_typed_carry_over_that_breaks_c1_blocks_finalising_with_its_id(world, seeded, freeze_today):
    freeze_today(D(2025, 1, 20))
    _bump(world, "table3.rows.carried_out.total")
    response = client_for(world.head_a).post(reverse("annual_report_finalise", args=[world.agency_a.pk, 2024]), {})
    assert response.status_code == 400
    assert "C1" in text_of(response).split("存在不能定稿的错误", 1)[1]
    assert not ReportVersion.objects.exists()


def test_publishing_runs_the_checks_again_on_the_frozen_snapshot_and_refuses_errors(world, seeded, freeze_today):
    """A version frozen before an identity was broken cannot exist through 定稿 (above); this
    one is written directly, as a snapshot made by an older release with a laxer checker
    would be. Publication checks the snapshot itself and lists the failing IDs."""
    freeze_today(D(2025, 1, 20))
    good = build_report(world.agency_a, 2024)
    bad = copy.deepcopy(good)
    bad["table4"]["review"]["total"] += 1  # C4
    context = publication.check_context(world.agency_a, 2024, good)
    html = render(bad, "html").decode()
    version = ReportVersion.objects.create(
        agency=world.agency_a, year=2024, number=1, report=bad, html=html, digest=publication.digest(bad, html),
        check_context=context, finalised_on=D(2025, 1, 20), finalised_by=world.head_a, finalised_by_label="李主任",
    )
    response = client_for(world.principal_a).post(reverse("annual_report_publish", args=[version.pk]), {"on": "2025-01-20"})
    assert response.status_code == 400
    assert "存在不能发布的错误（C4）" in text_of(response)
    assert not ReportDecision.objects.exists()
    assert client_for().get(reverse("annual_report_public_year", args=[world.agency_a.slug, 2024])).status_code == 404


def _fake_audit_finding(report):
    return [
        {"check": "R1", "severity": "error", "message": "DOCX文件中表三“总计”列为“42”，报告对象中为“43”"},
        {"check": "A1", "severity": "error", "message": "体检发现逾期甲"},
        {"check": "B6", "severity": "warning", "message": "体检提示乙"},
    ]


def test_an_error_finding_of_the_pre_publication_audit_refuses_publication(world, seeded, freeze_today, settings):
    freeze_today(D(2025, 1, 20))
    version = publication.finalise_report(world.head_a, world.agency_a, 2024)
    settings.GONGKAI_PRE_PUBLICATION_AUDIT = f"{__name__}._fake_audit_finding"
    response = client_for(world.principal_a).post(reverse("annual_report_publish", args=[version.pk]), {"on": "2025-01-20"})
    assert response.status_code == 400
    refusal = text_of(response)
    assert "存在不能发布的错误（R1）" in refusal and "报告对象中为“43”" in refusal
    assert "体检发现逾期甲" not in refusal and "体检提示乙" not in refusal  # deadlines and warnings never block
    assert not ReportDecision.objects.exists()


def test_the_real_pre_publication_audit_reads_the_rendered_report_back_and_finds_nothing_wrong(world, seeded, freeze_today, settings):
    assert settings.GONGKAI_PRE_PUBLICATION_AUDIT  # on by default
    freeze_today(D(2025, 1, 20))
    report = build_report(world.agency_a, 2024)
    assert publication.pre_publication_audit(report) == []
    broken = copy.deepcopy(report)
    broken["table3"]["rows"]["new"][0] += 1  # the files now show a table that does not add up
    assert "C1" in {f["id"] for f in publication.pre_publication_audit(broken)}
