"""Acceptance 1: the JSON printed by `gongkai report` validates, in both formats."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.annual_report import schema

SHARED = Path(__file__).resolve().parents[3] / "shared" / "design" / "annual-report.schema.json"


def _report(*args: str) -> dict:
    out = io.StringIO()
    call_command("report", *args, stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def test_2021_and_2019_reports_printed_by_the_command_validate(world, seeded):
    for year, version in ((2024, "2021"), (2020, "2019"), (2023, "2021")):
        report = _report("--agency", world.agency_a.credit_code, "--year", str(year))
        assert report["format_version"] == version
        assert schema.errors(report) == []
    forced = _report("--agency", "mzw", "--year", "2024", "--format-version", "2019")
    assert schema.errors(forced) == [] and "other" in forced["table3"]["rows"]


def test_a_region_summary_validates(world, seeded):
    report = _report("--region", world.province.code, "--year", "2024")
    assert schema.errors(report) == []
    assert report["agency"]["kind"] == "government"


def test_a_broken_object_is_refused_with_its_path():
    with pytest.raises(ValueError, match="table3"):
        schema.validate({"schema": "gongkai.annual-report/1", "table3": {"columns": [], "rows": {}}})


@pytest.mark.skipif(not SHARED.exists(), reason="shared/ is not beside the project")
def test_the_packaged_schema_is_the_shared_contract():
    assert schema.SCHEMA_PATH.read_bytes() == SHARED.read_bytes()
