"""Benchmark: 年报体检 on a folder of 1,000 generated reports (issue 5, acceptance 4).

Reports are synthetic objects rendered by the annual report engine, a mix of HTML, DOCX,
text copies and PDF (in that rotation); the timed part is ``gongkai audit``'s work on the
folder: reading, normalising, recovering the tables and running the checks.

    .venv/bin/python -m bench.audit [--reports 1000] [--dir var/bench-audit]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from collections import Counter
from pathlib import Path

KINDS = ("html", "docx", "text", "pdf")
SUFFIX = {"html": ".html", "docx": ".docx", "text": ".txt", "pdf": ".pdf"}


def generate(folder: Path, n: int) -> None:
    from tests.report_audit.reports import rendered, synthetic

    folder.mkdir(parents=True, exist_ok=True)
    existing = len(list(folder.iterdir()))
    if existing >= n:
        return
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        path = folder / f"report_{i:04d}{SUFFIX[kind]}"
        if path.exists():
            continue
        version = "2021" if i % 3 else "2019"
        report = synthetic(version, random.Random(i), agency=f"某市第{i}局")
        path.write_bytes(rendered(report, kind))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--dir", default="var/bench-audit")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    folder = Path(args.dir)
    t0 = time.perf_counter()
    generate(folder, args.reports)
    print(f"generated {args.reports} reports in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    from gongkai.report_audit.batch import audit_path
    from gongkai.report_audit.output import Failed

    t0 = time.perf_counter()
    results, _ = audit_path(folder)
    elapsed = time.perf_counter() - t0
    kinds = Counter(p.suffix for p in folder.iterdir())
    failed = sum(isinstance(r, Failed) for r in results)
    errors = sum(1 for r in results if not isinstance(r, Failed) and r.counts["error"])
    print(f"reports: {len(results)} ({dict(kinds)}), unreadable: {failed}, with errors: {errors}")
    print(f"time: {elapsed:.1f}s, {len(results) / elapsed:.1f} reports/s (one process)")
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")


if __name__ == "__main__":
    main()
