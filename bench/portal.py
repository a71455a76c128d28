"""Benchmark: the public portal with 1,000,000 catalogue entries on PostgreSQL (issue 4, item 5).

1. Loads the entries once (bench/load_portal.py: COPY, treebeard paths kept consistent).
2. Search latency in process: a sample of 2-, 3- and 4-character queries cut from random
   entries (so every query occurs somewhere, common and rare alike), plus words that occur
   nowhere; each timed as the search page runs it (first page, capped count, entries).
3. Queries per page, in process (the lean read path, warm, page cache off).
4. HTTP under gunicorn (2 sync workers) and wrk: a bare Django view, the portal home, a
   column list (pages 1 and 2), an entry and a search page, in three runs: Wagtail's own
   serving (the lean path off, no page cache), the lean read path (no page cache), and the
   whole-page cache; the bare view is measured in each run.

    .venv/bin/python -m bench.portal [--entries 1000000] [--seconds 8] [--queries 300] [--quiet 0.6]
                                     [--only search] [--runs lean]

``--only WORD`` measures only the pages whose name contains WORD (the bare view always);
``--runs WORD`` only the runs whose label contains it ("lean", "Wagtail", "cache");
``--queries 0`` skips the in-process search latency.

``--quiet L`` first waits (up to 20 minutes) until the 1-minute load average is below L, so
other work on the machine does not skew the figures; the load is printed with the results.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.parse

from bench import http

PG_URL = "postgres://postgres@127.0.0.1:5432/gongkai_bench_portal"
ABSENT = ["不存在词", "量子", "航天发射", "足球", "张掖", "区块链", "股票", "核电站"]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def search_latency(n: int) -> dict[str, dict[str, float]]:
    import django

    django.setup()
    from gongkai.agencies.models import Agency
    from gongkai.publishing import search
    from gongkai.publishing.models import SearchDoc
    from gongkai.publishing.rules import search as rules

    agency = Agency.objects.get(slug="benchportal").pk
    rng = random.Random(26)
    max_id = SearchDoc.objects.order_by("-entry_id").values_list("entry_id", flat=True).first()
    queries: list[tuple[int, str]] = []
    while len(queries) < n:
        text = SearchDoc.objects.filter(entry_id__gte=rng.randrange(max_id)).order_by("entry_id").values_list("text", flat=True).first()
        length = (2, 3, 4)[len(queries) % 3]
        runs = [r for r in rules.runs(text or "") if len(r) >= length and not r.isascii()]
        if runs:
            r = rng.choice(runs)
            i = rng.randrange(len(r) - length + 1)
            queries.append((length, r[i : i + length]))
    queries += [(len(q), q) for q in ABSENT]
    for _, q in queries:  # warm the caches once, as a running site would be
        search.search([agency], q)
    out: dict[str, list[float]] = {"2": [], "3": [], "4": [], "absent": []}
    slow: list[tuple[float, str]] = []
    for length, q in queries:
        t = time.perf_counter()
        search.search([agency], q)
        ms = (time.perf_counter() - t) * 1000
        out["absent" if q in ABSENT else str(length)].append(ms)
        slow.append((ms, q))
    every = [ms for v in out.values() for ms in v]
    summary = {k: {"n": len(v), "p50": statistics.median(v), "p95": pct(v, 95), "max": max(v)} for k, v in out.items() if v}
    summary["all"] = {"n": len(every), "p50": statistics.median(every), "p95": pct(every, 95), "max": max(every)}
    summary["slowest"] = {q: round(ms, 1) for ms, q in sorted(slow, reverse=True)[:5]}  # type: ignore[dict-item]
    return summary


def wait_for_quiet(limit: float, max_wait: int = 1200) -> None:
    start = time.monotonic()
    while os.getloadavg()[0] >= limit and time.monotonic() - start < max_wait:
        print(f"load average {os.getloadavg()[0]:.2f} ≥ {limit}: waiting", flush=True)
        time.sleep(30)


def queries_per_page(urls: dict[str, str]) -> dict[str, int]:
    """Queries each page costs on the lean path once the portal's map and counts are kept."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.GONGKAI_PORTAL_CACHE_SECONDS = 0
    settings.ALLOWED_HOSTS = ["*"]
    client, out = Client(), {}
    for name, url in urls.items():
        client.get(url)
        with CaptureQueriesContext(connection) as q:
            assert client.get(url).status_code == 200, url
        out[name] = len(q)
    return out


def entry_url() -> str:
    import django

    django.setup()
    from gongkai.publishing.models import CatalogEntry

    e = CatalogEntry.objects.filter(agency__slug="benchportal").order_by("-published_on", "-pk").first()
    return e.url


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--quiet", type=float, default=0.0, help="wait until the load average is below this first")
    parser.add_argument("--only", default="", help="only the pages whose name contains this (e.g. search)")
    parser.add_argument("--runs", default="", help="only the runs whose label contains this (lean, Wagtail, cache)")
    args = parser.parse_args()
    os.environ["BENCH_DATABASE_URL"] = PG_URL
    http.PG_URL = PG_URL
    os.makedirs(http.ROOT / "bench" / "out", exist_ok=True)
    http.ensure_database(PG_URL)
    http.manage("migrate", "--no-input", "-v0")
    http.manage("collectstatic", "--no-input", "-v0")
    subprocess.run([sys.executable, "-m", "bench.load_portal", "--entries", str(args.entries)], check=True, env=http.env(), cwd=http.ROOT)
    os.environ.update(http.env())
    latency = search_latency(args.queries) if args.queries else {}
    pages = {
        "portal home": "/benchportal/",
        "column list (工作动态, page 1)": "/benchportal/gzdt/",
        "column list (工作动态, page 2)": "/benchportal/gzdt/?page=2",
        "entry": entry_url(),
        "search 宗教 (never cached)": f"/benchportal/search/?q={urllib.parse.quote('宗教')}",
    }
    pages = {name: url for name, url in pages.items() if args.only in name}
    queries = queries_per_page(pages)
    from django.db import connections

    connections.close_all()
    if args.quiet:
        wait_for_quiet(args.quiet)
    load_before = os.getloadavg()
    results = {}
    runs = (("Wagtail's own serving, no cache", {"GONGKAI_PORTAL_CACHE_SECONDS": "0", "GONGKAI_PORTAL_LEAN": "0"}),
            ("lean read path, no cache", {"GONGKAI_PORTAL_CACHE_SECONDS": "0"}),
            ("page cache", {"GONGKAI_PORTAL_CACHE_SECONDS": "600"}))
    for label, env in [r for r in runs if args.runs in r[0]]:
        server = http.Gunicorn(workers=2, **env)
        base = f"http://127.0.0.1:{server.port}"
        try:
            results[label] = [http.wrk("bare Django view", f"{base}/bench/bare/", seconds=args.seconds)]
            results[label] += [http.wrk(name, base + url, seconds=args.seconds) for name, url in pages.items()]
        finally:
            server.stop()
    load_after = os.getloadavg()
    print(http.machine())
    print(f"load average (1, 5, 15 min) before {load_before}, after {load_after}")
    print(f"{args.entries:,} entries in one portal; gunicorn 2 sync workers; wrk 2 threads, 8 connections, {args.seconds}s")
    for label, rs in results.items():
        print(f"\n{label}:\n" + http.table(rs, "bare Django view"))
    print("\nqueries per page (lean read path, warm):", json.dumps(queries, ensure_ascii=False))
    print("\nsearch latency (ms), in process:")
    for k, v in latency.items():
        print(k, json.dumps(v, ensure_ascii=False))
    (http.ROOT / "bench" / "out" / "portal.json").write_text(json.dumps(
        {"machine": http.machine(), "load": [load_before, load_after], "queries": queries,
         "http": {k: [r.__dict__ for r in v] for k, v in results.items()}, "search": latency},
        ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
