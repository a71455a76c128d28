"""表二 counts the documents of the configured register (the 主动公开 catalogue) and those of
the manual register together, so documents never published through the platform can
still be reported."""

from __future__ import annotations

import datetime as dt

from gongkai.annual_report import operations as report_ops
from gongkai.annual_report.build import build_report
from gongkai.annual_report.register import KindCounts

D = dt.date


class FakeCatalogue:
    """Stands in for the catalogue: two 规范性文件 issued in the year, one of them repealed."""

    name = "测试目录"

    def counts(self, agency_q, year):  # type: ignore[no-untyped-def]
        return {"normative": KindCounts(issued=2, repealed=1, in_force=1, in_force_prev=0, published=2, total_public=1, records=2)}


def test_the_catalogue_and_the_manual_register_add_up(world, freeze_today, settings):
    settings.GONGKAI_DOCUMENT_REGISTER = f"{__name__}.FakeCatalogue"
    freeze_today(D(2025, 1, 10))
    # The manual register: one 规范性文件 of 2024 still in force, one of 2020.
    report_ops.register_document(world.clerk_a, world.agency_a, kind="normative", title="旧文件", written_on=D(2020, 3, 1), published_on=D(2020, 3, 5))
    report_ops.register_document(world.clerk_a, world.agency_a, kind="normative", title="外平台发布文件", written_on=D(2024, 4, 1), published_on=D(2024, 4, 2))
    report = build_report(world.agency_a, 2024, format_version="2021")
    assert report["table2"]["normative"] == {"issued": 2 + 1, "repealed": 1 + 0, "in_force": 1 + 2}
    assert "测试目录" in report["provenance"]["table2.normative"]
