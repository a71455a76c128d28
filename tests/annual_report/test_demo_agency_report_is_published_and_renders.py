"""Acceptance 4 for the demo: `gongkai demo` leaves the demo agency's 2024 report complete
and published on 2025-01-20 (the seed report's date) through the portal's review, its 2025
report finalised and in review; the published 2024 report renders in every format."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess

import pytest
from django.core.management import call_command

from gongkai.agencies.models import Agency
from gongkai.annual_report import formats as F
from gongkai.annual_report import publication
from gongkai.annual_report.models import ManualFigure, RegisteredDocument
from gongkai.annual_report.render import FORMATS, render
from gongkai.demo.report_scenarios import PROBLEMS

D = dt.date


@pytest.fixture
def demo(db, freeze_today):
    freeze_today(D(2026, 11, 16))
    call_command("demo", "--quiet-logins", stdout=io.StringIO())
    return Agency.objects.get(slug="mzw")


def test_the_demo_publishes_2024_on_the_seed_date_and_leaves_2025_awaiting_approval(demo):
    y2024 = publication.year_status(demo, 2024)
    assert y2024.first_published_on == D(2025, 1, 20) and y2024.on_time() is True
    decision = y2024.latest
    assert decision.decided_by.username == "zhuyao" and decision.version.finalised_by.username == "gongkaiban"
    assert publication.blocking(decision.report["checks"]) == []
    assert decision.report["sections"]["problems"] == PROBLEMS[2024]
    for path in publication.manual_paths(F.get_format("2021")):
        figure = ManualFigure.objects.get(agency=demo, year=2024, path=path)
        assert figure.note and figure.note in decision.report["provenance"][path]
    assert RegisteredDocument.objects.filter(agency=demo).count() >= 5
    y2025 = publication.year_status(demo, 2025)
    assert y2025.latest is None and y2025.pending is not None and y2025.pending.finalised_by.username == "gongkaiban"
    assert publication.blocking(y2025.pending.report["checks"]) == []


def test_the_demo_walks_both_reports_through_the_portals_review_with_four_people(demo):
    from django.test import Client

    from gongkai.annual_report import review

    y2024 = publication.year_status(demo, 2024).latest
    steps = review.status_of(y2024.version).steps
    assert [(s.name, s.status) for s in steps] == [(n, "approved") for n in ("科室审核", "保密审查", "分管领导审核", "主要领导审定")]
    assert [s.by for s in steps] == ["马勇（宗教工作科科长）", "孙丽（保密审查员）", "赵建国（分管领导）", "钱志强（主要领导）"]
    assert steps[1].attestation
    page = review.page_for(demo, 2024)
    assert page.live and page.report_version_id == y2024.version_id
    assert Client().get(page.url).status_code == 200
    assert page.url in Client().get(f"/{demo.slug}/zfxxgk/gknb/").content.decode()
    pending = publication.year_status(demo, 2025).pending
    status = review.status_of(pending)
    assert status.running and status.current.task.name == "分管领导审核"
    assert [s.status for s in status.steps] == ["approved", "approved", "in_progress", ""]
    assert not review.page_for(demo, 2025).live


def test_the_published_2024_report_renders_in_every_format(demo, tmp_path):
    report = publication.year_status(demo, 2024).latest.report
    magic = {"json": b"{", "html": b"<!DOCTYPE html>", "docx": b"PK", "xlsx": b"PK", "pdf": b"%PDF"}
    assert set(magic) == set(FORMATS)
    for kind in FORMATS:
        data = render(report, kind)
        assert data.startswith(magic[kind]), kind
    pdf = tmp_path / "2024.pdf"
    pdf.write_bytes(render(report, "pdf"))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout  # poppler-utils
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 4
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert "2025年1月20日" in flat and PROBLEMS[2024].splitlines()[1][:12] in flat
