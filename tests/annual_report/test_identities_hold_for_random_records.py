"""Acceptance 3: any records give C1–C4; a typed or tampered cell that breaks one is caught."""

from __future__ import annotations

import copy
import datetime as dt

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annual_report import checks
from gongkai.annual_report import formats as F
from gongkai.annual_report import operations as report_ops
from gongkai.annual_report.build import build_report
from gongkai.appeals import operations as appeal_ops
from tests.annual_report.scenario import Spec, create_application

KINDS = ["natural_person", "commercial", "research", "public_interest", "legal_services", "other_org"]
# Outcomes reached by a reply or a withdrawal (the lapsing ones need their periods to run).
REPLIES = [o for o in F.TABLE3_2021.row_keys if o not in F.NON_OUTCOME_ROWS and o not in ("other.no_correction", "other.no_fee", "unable.still_unclear")]
START = dt.date(2023, 10, 1)

applications = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(0, 450), st.one_of(st.none(), st.integers(0, 120)), st.sampled_from(REPLIES)),
    max_size=8,
)
cases = st.lists(
    st.tuples(st.sampled_from(["review", "lit_direct", "lit_after_review"]), st.integers(0, 450), st.one_of(st.none(), st.integers(0, 200)), st.sampled_from(["maintain", "correct", "other"])),
    max_size=5,
)
IDENTITIES = ("C1", "C2", "C3", "C4")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(apps=applications, appeals=cases, version=st.sampled_from(["2021", "2019"]))
def test_any_records_give_a_report_where_the_identities_hold(world, freeze_today, apps, appeals, version):
    freeze_today(dt.date(2025, 12, 31))
    with transaction.atomic():
        for i, (kind, day, after, outcome) in enumerate(apps):
            received = START + dt.timedelta(days=day)
            concluded = received + dt.timedelta(days=after) if after is not None else None
            create_application(world, Spec(kind, received, concluded, outcome if concluded else None), i + 1)
        for i, (kind, day, after, result) in enumerate(appeals):
            received = START + dt.timedelta(days=day)
            case = appeal_ops.register_case(world.clerk_a, world.agency_a, number=f"C{i}", kind=kind, received_on=received)
            if after is not None:
                appeal_ops.conclude_case(world.clerk_a, case, on=received + dt.timedelta(days=after), result=result)
        report = build_report(world.agency_a, 2024, format_version=version)
        found = {r["id"]: r["status"] for r in report["checks"] if r["id"] in IDENTITIES}
        assert found == dict.fromkeys(IDENTITIES, "pass")
        assert report["table3"]["rows"]["new"][6] + report["table3"]["rows"]["carried_in"][6] == sum(
            1 for _, day, after, _ in apps
            if START + dt.timedelta(days=day) <= dt.date(2024, 12, 31)
            and (after is None or START + dt.timedelta(days=day + after) >= dt.date(2024, 1, 1))
        )
        transaction.set_rollback(True)


cells = st.sampled_from([f.path for f in F.figures(F.get_format("2021")) if f.table in ("table3", "table4")])


@settings(max_examples=60, deadline=None)
@given(path=cells, delta=st.integers(1, 50))
def test_a_tampered_cell_breaks_an_identity_and_blocks_publication(path, delta):
    from tests.annual_report.test_checks_catalogue import make_report

    report = make_report()
    assert not checks.blocks_publication(checks.run_checks(report))
    tampered = copy.deepcopy(report)
    F.set_value(tampered, path, F.get_value(tampered, path) + delta)
    found = checks.run_checks(tampered)
    assert any(r["status"] == "fail" and r["id"] in IDENTITIES for r in found)
    assert checks.blocks_publication(found)


def test_a_typed_figure_that_breaks_an_identity_is_caught_and_traced(world, freeze_today):
    freeze_today(dt.date(2025, 1, 10))
    create_application(world, Spec("natural_person", dt.date(2024, 3, 1), dt.date(2024, 3, 15), "open"), 1)
    assert not checks.blocks_publication(build_report(world.agency_a, 2024)["checks"])
    report_ops.enter_figure(world.head_a, world.agency_a, 2024, path="table3.rows.open.natural_person", value=2, note="按纸质台账补录")
    report = build_report(world.agency_a, 2024)
    failing = {r["id"] for r in report["checks"] if r["status"] == "fail"}
    assert {"C2", "C3"} <= failing
    assert checks.blocks_publication(report["checks"])
    assert "李主任" in report["provenance"]["table3.rows.open.natural_person"]
    assert "按记录计算为1" in report["provenance"]["table3.rows.open.natural_person"]
