"""Load N synthetic applications for one agency into the database of DATABASE_URL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gongkai_bench \
        .venv/bin/python -m bench.load_foi --applications 100000 --open 1000

Rows are built through the pure event fold (the same projection operations write) and
inserted with bulk_create, so the data has the shape the platform produces.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--open", type=int, default=1_000, help="how many are still open today")
    parser.add_argument("--agency-code", default="11620700MB1234567D")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.db import transaction

    from gongkai.agencies import operations as agency_ops
    from gongkai.agencies.models import Agency, Role
    from gongkai.foi.models import Applicant, Application, ApplicationEvent, project
    from gongkai.foi.rules.applicants import ApplicantKind
    from gongkai.foi.rules.events import Event, EventKind, fold
    from gongkai.foi.rules.outcomes import OUTCOMES
    from gongkai.foi.services import today
    from gongkai.workdays.services import current_calendar

    rng = random.Random(1)
    cal = current_calendar()
    agency = Agency.objects.filter(credit_code=args.agency_code).first()
    if agency is None:
        agency = agency_ops.add_agency(None, code=args.agency_code, name="基准测试委员会", slug="bench")
        agency_ops.add_member(None, agency, username="bench", role=Role.CLERK, full_name="基准", password="bench-pass-2026")
    if Application.objects.filter(agency=agency).exists():
        print("already loaded:", Application.objects.filter(agency=agency).count())
        return
    t0 = time.perf_counter()
    kinds = list(ApplicantKind)
    outcome_keys = [o.key for o in OUTCOMES if o.key not in ("other.no_correction", "other.no_fee", "other.other")]
    now = today()
    start = now - dt.timedelta(days=365 * 8)
    span = (now - start).days
    with transaction.atomic():
        applicants = Applicant.objects.bulk_create(
            [Applicant(agency=agency, kind=kinds[i % 6].value, name=f"申请人{i:06d}") for i in range(args.applications // 3)],
            batch_size=5000,
        )
        apps: list[Application] = []
        events: list[list[Event]] = []
        for i in range(args.applications):
            is_open = i >= args.applications - args.open
            received = now - dt.timedelta(days=rng.randrange(1, 45)) if is_open else start + dt.timedelta(days=rng.randrange(span - 60))
            ev = [Event(EventKind.REGISTERED, received, {"channel": "in_person", "submitted_on": received.isoformat()})]
            r = rng.random()
            if r < 0.05:
                ev.append(Event(EventKind.CONSULTATION_STARTED, cal.add_workdays(received, 3), {"ref": "1", "party": "third_party", "name": "某公司"}))
                if not is_open:
                    ev.append(Event(EventKind.CONSULTATION_ENDED, cal.add_workdays(received, 12), {"ref": "1", "result": "同意"}))
            elif r < 0.08:
                ev.append(Event(EventKind.EXTENSION_APPROVED, cal.add_workdays(received, 15), {"reason": "量大"}))
            if not is_open:
                ev.append(Event(EventKind.REPLY_ISSUED, cal.add_workdays(received, rng.randrange(2, 24)), {"outcome": rng.choice(outcome_keys)}))
            state = fold(ev)
            applicant = applicants[i % len(applicants)]
            app = Application(
                agency=agency, number=f"B{i:07d}", applicant=applicant, applicant_kind=applicant.kind,
                channel="in_person", source="registered", content=f"申请公开第{i}号文件及相关材料",
            )
            project(app, state, len(ev))
            apps.append(app)
            events.append(ev)
        Application.objects.bulk_create(apps, batch_size=5000)
        ApplicationEvent.objects.bulk_create(
            [
                ApplicationEvent(application=a, seq=n, kind=e.kind.value, on=e.on, data=dict(e.data), actor_label="基准")
                for a, ev in zip(apps, events, strict=True)
                for n, e in enumerate(ev, 1)
            ],
            batch_size=10000,
        )
    from django.db import connection

    if connection.vendor == "postgresql":  # as autovacuum would soon after a bulk load
        with connection.cursor() as cur:
            for table in ("foi_application", "foi_applicant", "foi_applicationevent"):
                cur.execute(f"VACUUM ANALYZE {table}")
    print(f"loaded {args.applications} applications ({args.open} open) in {time.perf_counter() - t0:.1f}s")


if __name__ == "__main__":
    main()
