"""Benchmark: the annual report over 1,000,000 applications (issue 3, acceptance 5).

Two scopes, each against a single hand-written SQL GROUP BY over the same rows, measured
alternately in the same process on PostgreSQL:
  - one agency with 1,000,000 applications received 2019–2026;
  - a region of 2,000 agencies holding 1,000,000 applications between them.
The report is the whole ``build_report`` / ``build_region_report``: 表三, fees and
timeliness, 表四, the register, typed figures, narrative drafts and every check.

    .venv/bin/python -m bench.report [--applications 1000000] [--agencies 2000]

Rows are written with COPY straight into the projection columns (the report reads no
events), generated through the same pure fold and ``project`` the platform uses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import time

from bench import http

BENCH_URL = os.environ.get("BENCH_REPORT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gongkai_bench_report")
YEAR = 2025

BASELINE = """
SELECT applicant_kind, outcome,
  COUNT(*) FILTER (WHERE received_on >= %(start)s) AS new,
  COUNT(*) FILTER (WHERE received_on < %(start)s) AS carried_in,
  COUNT(*) FILTER (WHERE concluded_on <= %(end)s) AS concluded,
  COUNT(*) FILTER (WHERE concluded_on IS NULL OR concluded_on > %(end)s) AS carried_out
FROM foi_application
WHERE agency_id IN ({ids}) AND received_on IS NOT NULL AND received_on <= %(end)s
  AND (concluded_on IS NULL OR concluded_on >= %(start)s)
GROUP BY applicant_kind, outcome
"""


def setup_django() -> None:
    http.PG_URL = BENCH_URL
    os.environ.update(http.env())
    import django

    django.setup()


def load(n_apps: int, n_agencies: int) -> None:
    from django.db import connection

    from gongkai.agencies import operations as agency_ops
    from gongkai.agencies.models import Agency
    from gongkai.core.rules.identifiers import credit_code_check_char
    from gongkai.foi.models import Applicant, Application, project
    from gongkai.foi.rules.events import Event, EventKind, fold
    from gongkai.foi.rules.outcomes import OUTCOMES
    from gongkai.workdays.services import current_calendar

    if Agency.objects.filter(slug="bench-one").exists():
        return
    t0 = time.perf_counter()
    province = agency_ops.add_region(None, code="990000", name="基准省")
    region = agency_ops.add_region(None, code="990100", name="基准市", parent=province)

    def code(i: int) -> str:
        first17 = f"1199010{i:010d}"
        return first17 + credit_code_check_char(first17)

    one = agency_ops.add_agency(None, code=code(0), name="基准委员会", region=province, slug="bench-one")
    many = [Agency(credit_code=code(i), name=f"基准局{i:04d}", region=region, slug=f"bench-{i:04d}") for i in range(1, n_agencies + 1)]
    Agency.objects.bulk_create(many, batch_size=1000)
    many_ids = list(Agency.objects.filter(region=region).values_list("pk", flat=True))
    cal = current_calendar()
    rng = random.Random(3)
    keys = [o.key for o in OUTCOMES]
    weights = [30, 12] + [1] * 8 + [6, 3, 1] + [2] * 5 + [1, 0.5, 1]

    def rows(agency_ids: list[int], total: int, applicants: dict[int, int]):  # type: ignore[no-untyped-def]
        kinds = ["natural_person"] * 6 + ["commercial", "research", "public_interest", "legal_services", "other_org"]
        start, span = dt.date(2019, 1, 2), (dt.date(2026, 11, 20) - dt.date(2019, 1, 2)).days
        for i in range(total):
            agency_id = agency_ids[i % len(agency_ids)]
            received = start + dt.timedelta(days=rng.randrange(span))
            ev = [Event(EventKind.REGISTERED, received, {"channel": "in_person"})]
            r = rng.random()
            if r < 0.02:
                ev.append(Event(EventKind.CORRECTION_REQUESTED, cal.add_workdays(received, 3), {"items": "补正", "period_workdays": 15}))
                ev.append(Event(EventKind.CORRECTION_RECEIVED, cal.add_workdays(received, 8), {}))
            elif r < 0.05:
                ev.append(Event(EventKind.CONSULTATION_STARTED, cal.add_workdays(received, 4), {"ref": "1", "party": "third_party", "name": "第三方"}))
                ev.append(Event(EventKind.CONSULTATION_ENDED, cal.add_workdays(received, 14), {"ref": "1"}))
            elif r < 0.08:
                ev.append(Event(EventKind.EXTENSION_APPROVED, cal.add_workdays(received, 18), {"reason": "量大"}))
            elif r < 0.09:
                ev.append(Event(EventKind.FEE_NOTICE_SENT, cal.add_workdays(received, 5), {"method": "per_page", "units": 60, "amount": "300"}))
                ev.append(Event(EventKind.FEE_PAID, cal.add_workdays(received, 9), {}))
            # About 3 % of replies late, as in a diligent office (the rate matters: late
            # replies are listed by number in the report).
            delay = rng.randrange(25, 36) if rng.random() < 0.03 else rng.randrange(1, 21)
            reply = cal.add_workdays(received, delay)
            if reply < dt.date(2026, 11, 20):
                ev.append(Event(EventKind.REPLY_ISSUED, reply, {"outcome": rng.choices(keys, weights)[0]}))
            app = Application(agency_id=agency_id, applicant_id=applicants[agency_id])
            project(app, fold(ev), len(ev))
            yield (agency_id, f"R{i:07d}", applicants[agency_id], rng.choice(kinds), app.received_on, app.concluded_on,
                   app.outcome, json.dumps(app.state, ensure_ascii=False), app.events_folded, app.day0, app.clock_workdays,
                   app.clock_paused, app.fee_paid_on, app.fee_collected)

    cols = ("agency_id, number, applicant_id, applicant_kind, received_on, concluded_on, outcome, state, events_folded, "
            "day0, clock_workdays, clock_paused, fee_paid_on, fee_collected, channel, source, content, form_requirement, "
            "delivery, pieces, query_code_digest, created_at")
    with connection.cursor() as cur:
        for ids, total in (([one.pk], n_apps), (many_ids, n_apps)):
            # Applicants first: nothing else may use the connection while COPY runs.
            made = Applicant.objects.bulk_create([Applicant(agency_id=a, kind="natural_person", name="基准申请人") for a in ids])
            applicants = {a.agency_id: a.pk for a in made}
            with cur.cursor.copy(f"COPY foi_application ({cols}) FROM STDIN") as copy:
                for row in rows(ids, total, applicants):
                    copy.write_row((*row, "in_person", "registered", "基准申请", "", "", 1, "", dt.datetime.now(dt.UTC)))
        cur.execute("VACUUM ANALYZE foi_application")
    print(f"loaded 2 × {n_apps:,} applications ({n_agencies:,} agencies in the region) in {time.perf_counter() - t0:.0f}s")


def measure(repeat: int, n_apps: int) -> None:
    from django.db import connection

    from gongkai.agencies.models import Agency, Region
    from gongkai.annual_report.build import build_region_report, build_report

    one = Agency.objects.get(slug="bench-one")
    region = Region.objects.get(code="990100")
    region_ids = list(Agency.objects.filter(region=region).values_list("pk", flat=True))
    params = {"start": dt.date(YEAR, 1, 1), "end": dt.date(YEAR, 12, 31)}

    def baseline(ids: list[int]) -> None:
        with connection.cursor() as cur:
            cur.execute(BASELINE.format(ids=", ".join(map(str, ids))), params)
            cur.fetchall()

    cases = [
        (f"one agency, {n_apps:,} applications", lambda: baseline([one.pk]), lambda: build_report(one, YEAR)),
        (f"region of {len(region_ids):,} agencies, {n_apps:,} applications", lambda: baseline(region_ids), lambda: build_region_report(region, YEAR)),
    ]
    print(http.machine())
    print(f"PostgreSQL; report year {YEAR}; median of {repeat} alternating runs after one warm-up of each")
    print("| scope | hand-written GROUP BY (ms) | full report (ms) | ratio |")
    print("|---|---:|---:|---:|")
    for name, base_fn, report_fn in cases:
        base_fn()
        report = report_fn()
        b, r = [], []
        for _ in range(repeat):
            t = time.perf_counter()
            base_fn()
            b.append(time.perf_counter() - t)
            t = time.perf_counter()
            report_fn()
            r.append(time.perf_counter() - t)
        mb, mr = statistics.median(b) * 1000, statistics.median(r) * 1000
        print(f"| {name} | {mb:.0f} | {mr:.0f} | {mr / mb:.2f}× |")
        t3 = report["table3"]["rows"]
        print(f"  (表三 总计: new {t3['new'][-1]:,}, replied {t3['total'][-1]:,}; timeliness {report['timeliness']['on_time']:,} on time, {report['timeliness']['overdue']:,} overdue)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--agencies", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    http.PG_URL = BENCH_URL
    http.ensure_database(BENCH_URL)
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "gongkai.cli", "migrate", "--no-input", "-v0"], check=True, env={**http.env(), "DATABASE_URL": BENCH_URL}, cwd=http.ROOT)
    setup_django()
    load(args.applications, args.agencies)
    measure(args.repeat, args.applications)


if __name__ == "__main__":
    main()
