"""A4: what was published stays as published. Later changes to the records, the typed
figures and the text change the draft, never the published object, its HTML or the public
page; the rows refuse updates and deletes in the model and in the database."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from gongkai.annual_report import operations as report_ops
from gongkai.annual_report import publication
from gongkai.annual_report.build import build_report
from gongkai.annual_report.models import ReportDecision, ReportVersion
from gongkai.core.append_only import AppendOnlyError
from tests.annual_report.scenario import Spec, create_application
from tests.web_helpers import client_for, fast_passwords  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("fast_passwords")
D = dt.date


def _public(world, kind: str | None = None) -> bytes:
    if kind is None:
        url = reverse("annual_report_public_year", args=[world.agency_a.slug, 2024])
    else:
        url = reverse("annual_report_public_download", args=[world.agency_a.slug, 2024, kind])
    response = client_for().get(url)
    assert response.status_code == 200
    return response.content


def test_later_changes_reach_the_draft_but_not_the_publication(world, seeded, freeze_today):
    freeze_today(D(2025, 1, 20))
    decision = publication.publish_report(world.principal_a, publication.finalise_report(world.head_a, world.agency_a, 2024))
    page, data = _public(world), _public(world, "json")
    digest = (decision.digest, decision.version.digest)
    draft_before = build_report(world.agency_a, 2024)

    freeze_today(D(2025, 2, 10))
    create_application(world, Spec("natural_person", D(2024, 12, 30), D(2025, 1, 24), "open"), 99)  # registered late
    report_ops.enter_figure(world.head_a, world.agency_a, 2024, path="table2.licensing", value=120, note="政务服务网复核")
    report_ops.write_section(world.head_a, world.agency_a, 2024, section="problems", text="一是政策解读形式单一。")
    report_ops.register_document(world.head_a, world.agency_a, kind="normative", title="补登记的文件", written_on=D(2024, 12, 1))

    draft_after = build_report(world.agency_a, 2024)
    assert draft_after["table3"]["rows"]["new"][-1] == draft_before["table3"]["rows"]["new"][-1] + 1
    assert draft_after["table2"]["licensing"] == 120 and draft_after["sections"]["problems"] == "一是政策解读形式单一。"

    assert _public(world) == page and _public(world, "json") == data
    fresh = ReportDecision.objects.get(pk=decision.pk)
    assert (fresh.digest, fresh.version.digest) == digest
    assert fresh.digest == publication.digest(fresh.report, fresh.html)
    assert fresh.report["table2"]["licensing"] == 96 and fresh.report["table3"]["rows"]["new"][-1] == draft_before["table3"]["rows"]["new"][-1]
    assert hashlib.sha256(fresh.html.encode()).hexdigest() == hashlib.sha256(decision.html.encode()).hexdigest()


def test_versions_and_decisions_refuse_updates_and_deletes(world, seeded, freeze_today):
    freeze_today(D(2025, 1, 20))
    decision = publication.publish_report(world.principal_a, publication.finalise_report(world.head_a, world.agency_a, 2024))
    version = decision.version
    version.html = "<p>改过的</p>"
    with pytest.raises(AppendOnlyError):
        version.save()
    with pytest.raises(AppendOnlyError):
        decision.delete()
    for table, column in (("annual_report_reportversion", "html"), ("annual_report_reportdecision", "html")):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
            cur.execute(f'UPDATE "{table}" SET "{column}" = %s', ["<p>改过的</p>"])
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
            cur.execute(f'DELETE FROM "{table}"')
    assert ReportVersion.objects.get().html == ReportDecision.objects.get().version.html != "<p>改过的</p>"
