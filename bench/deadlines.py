"""Benchmark: deadlines for 100,000 applications (issue 2, acceptance 7; goal < 1 s).

Measures the pure path (fold → clock input → deadline, no explanation) on a realistic mix:
plain, corrected, consulted (overlapping), extended and fee-paused applications, plus
the projection path the workbench uses (JSON state → status). No database.

    .venv/bin/python -m bench.deadlines
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import random
import time


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from gongkai.foi.models import state_from_json, state_to_json
    from gongkai.foi.rules import clock
    from gongkai.foi.rules.events import Event, EventKind, fold
    from gongkai.foi.rules.status import derive
    from gongkai.workdays.operations import SEED_FILE
    from gongkai.workdays.rules import TableCalendar

    data = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    hol = {dt.date.fromisoformat(d): n for y in data["years"].values() for d, n in y["holidays"].items()}
    work = {dt.date.fromisoformat(d): n for y in data["years"].values() for d, n in y["workdays"].items()}
    cal = TableCalendar(hol, work, frozenset(int(y) for y in data["years"]))

    rng = random.Random(7)
    states = []
    for _ in range(100_000):
        received = dt.date(2019, 1, 2) + dt.timedelta(days=rng.randrange(0, 2900))
        ev = [Event(EventKind.REGISTERED, received, {"channel": "in_person"})]
        r = rng.random()
        if r < 0.1:
            ev.append(Event(EventKind.CORRECTION_REQUESTED, received + dt.timedelta(days=2), {"items": "x"}))
            ev.append(Event(EventKind.CORRECTION_RECEIVED, received + dt.timedelta(days=9), {}))
        elif r < 0.2:
            ev.append(Event(EventKind.CONSULTATION_STARTED, received + dt.timedelta(days=3), {"ref": "1", "party": "third_party"}))
            ev.append(Event(EventKind.CONSULTATION_STARTED, received + dt.timedelta(days=6), {"ref": "2", "party": "other_organ"}))
            ev.append(Event(EventKind.CONSULTATION_ENDED, received + dt.timedelta(days=20), {"ref": "1"}))
            ev.append(Event(EventKind.CONSULTATION_ENDED, received + dt.timedelta(days=25), {"ref": "2"}))
        elif r < 0.25:
            ev.append(Event(EventKind.EXTENSION_APPROVED, received + dt.timedelta(days=20), {}))
        elif r < 0.28:
            ev.append(Event(EventKind.FEE_NOTICE_SENT, received + dt.timedelta(days=5), {"method": "per_page", "units": 60, "amount": "300"}))
            ev.append(Event(EventKind.FEE_PAID, received + dt.timedelta(days=12), {}))
        states.append(fold(ev))
    cfg = clock.ClockConfig()

    def run_pure() -> int:
        n = 0
        for s in states:
            inp = clock.clock_input(s, cfg)
            if inp is not None and clock.compute(inp, cal, explain=False).deadline is not None:
                n += 1
        return n

    blobs = [state_to_json(s) for s in states]
    today = dt.date(2026, 11, 27)

    def run_projection() -> int:
        for b in blobs:
            derive(state_from_json(b), today, cal, cfg)
        return len(blobs)

    def timed(fn, repeat: int = 5) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
        times, n = [], 0
        for _ in range(repeat):
            t = time.perf_counter()
            n = fn()
            times.append(time.perf_counter() - t)
        times.sort()
        return times[0], times[len(times) // 2], n

    pure_best, pure_median, n_deadlines = timed(run_pure)
    proj_best, proj_median, _ = timed(run_projection)

    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}")
    print(f"load average: {os.getloadavg()[0]:.2f} (other work on the machine inflates the times)")
    print(f"deadlines for 100,000 applications (clock input -> deadline): best {pure_best:.3f} s, median {pure_median:.3f} s of 5 ({n_deadlines} deadlines)")
    print(f"status from the stored projection (JSON -> state -> status):   best {proj_best:.3f} s, median {proj_median:.3f} s of 5")


if __name__ == "__main__":
    main()
