"""Shared helpers for HTTP benchmarks: a PostgreSQL bench database, gunicorn, wrk."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gongkai_bench")


def ensure_database(url: str = PG_URL) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def env(**extra: str) -> dict[str, str]:
    e = {**os.environ, "DATABASE_URL": PG_URL, "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(ROOT)}
    e.update(extra)
    return e


def manage(*args: str) -> None:
    subprocess.run([str(BIN / "gongkai"), *args], check=True, env=env(), cwd=ROOT)


@dataclass
class Result:
    name: str
    url: str
    rps: float
    p50_ms: float
    p99_ms: float
    non_2xx: int


class Gunicorn:
    def __init__(self, workers: int = 2, port: int = 8765, **extra_env: str) -> None:
        self.port = port
        self.proc = subprocess.Popen(
            [str(BIN / "gunicorn"), "gongkai.wsgi:application", "-w", str(workers), "-b", f"127.0.0.1:{port}",
             "--access-logfile", "/dev/null", "--error-logfile", str(ROOT / "bench" / "out" / "gunicorn.log")],
            env=env(**extra_env), cwd=ROOT,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=1)
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def _ms(text: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    if not m:
        return float("nan")
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v


def wrk(name: str, url: str, *, cookie: str = "", seconds: int = 10, connections: int = 8, threads: int = 2) -> Result:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookie}), timeout=30).read()  # warm up
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    non2 = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return Result(name, url, rps, p50, p99, int(non2.group(1)) if non2 else 0)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{dt.date.today()} · {platform.machine()} {cpu}, {os.cpu_count()} cores · Python {platform.python_version()}"


def table(results: list[Result], baseline: str) -> str:
    base = next(r for r in results if r.name == baseline).rps
    lines = ["| view | req/s | p50 ms | p99 ms | vs " + baseline + " | non-2xx |", "|---|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r.name} | {r.rps:,.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.rps / base:.2f}× | {r.non_2xx} |")
    return "\n".join(lines)
