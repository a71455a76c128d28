"""Benchmark: the 依申请公开 workbench with 100,000 applications on PostgreSQL (issue 2, item 7).

Compared in one run, under gunicorn (2 workers) and wrk, with a bare Django view and a
hand-written 20-row list view over the same table.

    .venv/bin/python -m bench.workbench [--applications 100000] [--open 1000] [--seconds 10]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

from bench import http


def session_cookie() -> tuple[str, int]:
    """Log the bench clerk in (as the browser would) and return the cookie and agency id."""
    os.environ.update(http.env())
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from gongkai.agencies.models import Agency

    client = Client()
    client.force_login(get_user_model().objects.get(username="bench"))
    return f"sessionid={client.cookies['sessionid'].value}", Agency.objects.get(slug="bench").pk


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--open", type=int, default=1_000)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    os.makedirs(http.ROOT / "bench" / "out", exist_ok=True)
    http.ensure_database()
    http.manage("migrate", "--no-input", "-v0")
    subprocess.run([sys.executable, "-m", "bench.load_foi", "--applications", str(args.applications), "--open", str(args.open)],
                   check=True, env=http.env(), cwd=http.ROOT)
    cookie, agency = session_cookie()
    server = http.Gunicorn(workers=2)
    base = f"http://127.0.0.1:{server.port}"
    try:
        results = [
            http.wrk("bare Django view", f"{base}/bench/bare/", seconds=args.seconds),
            http.wrk("hand-written 20-row list", f"{base}/bench/list20/?agency={agency}", seconds=args.seconds),
            # The floor of any page in the Wagtail admin (session, menus, sidebar): a form with no data.
            http.wrk("Wagtail admin page with no data (收费计算器)", f"{base}/admin/foi/tools/fee/", cookie=cookie, seconds=args.seconds),
            http.wrk("workbench: 全部 (page 1 of 100,000)", f"{base}/admin/foi/?tab=all", cookie=cookie, seconds=args.seconds),
            http.wrk(f"workbench: 办理中 ({args.open} open, sorted by deadline)", f"{base}/admin/foi/", cookie=cookie, seconds=args.seconds),
            http.wrk("workbench: 已逾期", f"{base}/admin/foi/?tab=overdue", cookie=cookie, seconds=args.seconds),
        ]
    finally:
        server.stop()
    print(http.machine())
    print(f"{args.applications:,} applications, {args.open:,} open; gunicorn 2 sync workers; wrk 2 threads, 8 connections, {args.seconds}s")
    print(http.table(results, "hand-written 20-row list"))
    (http.ROOT / "bench" / "out" / "workbench.json").write_text(json.dumps([r.__dict__ for r in results], ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
