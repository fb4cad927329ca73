"""Benchmark: the seven reports at department scale. Prints numbers; asserts nothing.

Builds a synthetic department — 10 teams, 100 salespeople, 20,000 clients, 200,000 visits, a year of
weekly plans — in a throwaway database (a temporary SQLite file; or, when DATABASE_URL or
BENCH_DATABASE_URL names PostgreSQL, a new database on that server that is dropped afterwards), then
for each report prints the time, query count and peak Python memory (tracemalloc) of its HTML page,
its .xlsx and its PDF through the full view, and compares the streaming .xlsx writer with raw
openpyxl write-only on the 20,000-row target-client table.

    make bench            # or: .venv/bin/python bench/run.py [--clients 20000 --visits 200000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def throwaway_database() -> tuple[str, object]:
    """A temporary SQLite file, or — when DATABASE_URL names PostgreSQL — a new database on that
    server, dropped afterwards. The database DATABASE_URL names is never touched."""
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        tmp = tempfile.mkdtemp(prefix="salesops-bench-")
        return f"sqlite:///{tmp}/bench.sqlite3", lambda: shutil.rmtree(tmp, ignore_errors=True)
    import psycopg

    base, _, _ = url.rpartition("/")
    name = f"salesops_bench_{os.getpid()}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return f"{base}/{name}", drop


def setup(db_url: str) -> None:
    os.environ["DATABASE_URL"] = db_url
    os.environ["DJANGO_DEBUG"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salesops.settings")
    os.environ["AXES_ENABLED"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(clients: int, visits: int) -> None:
    """The department of bench/load/data.py (the load harness's, SCALE 1), with these sizes."""
    from bench.load.data import build_department

    build_department(1, clients=clients, visits=visits)


def measure(fn):
    """Time (without tracing, which would slow Python down), then peak memory in a second run."""
    from django.db import connection, reset_queries

    reset_queries()
    t = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - t
    queries = len(connection.queries)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, elapsed, queries, peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20000)
    parser.add_argument("--visits", type=int, default=200000)
    args = parser.parse_args()
    url, drop = throwaway_database()
    try:
        setup(url)
        run(args)
    finally:
        drop()


def run(args) -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    settings.DEBUG = True  # to count queries
    settings.ALLOWED_HOSTS = ["*"]
    t = time.perf_counter()
    build(args.clients, args.visits)
    print(
        f"data: 10 teams, 100 salespeople, {args.clients} clients, {args.visits} visits, 52 weeks of plans "
        f"({connection.vendor}); built in {time.perf_counter() - t:.1f}s"
    )

    from accounts.models import User
    from reports.definitions import REPORTS
    from reports.queries import ReportScope
    from reports.render import PDF_MAX_ROWS, Meta, write_sheet
    from salesops.periods import Period

    office = User.objects.get(username="load-office")
    web = Client()
    web.force_login(office)
    today = timezone.localdate()
    print(
        "each cell: seconds / queries / peak MB (tracemalloc), through the full view as the office"
    )
    print(f"{'report':<16}{'rows':>7}{'HTML':>20}{'xlsx':>20}{'PDF':>20}")
    for code, defn in REPORTS.items():
        if defn.period_kind == "week":
            period = Period.last_complete("week", today)
        else:
            period = Period.month_of(today)
        cells = []
        for suffix in ("", "?format=xlsx", "?format=pdf"):
            response, secs, queries, mb = measure(
                lambda suffix=suffix: web.get(f"/reports/{code}/{period.key}/{suffix}")
            )
            assert response.status_code == 200, (code, suffix, response.status_code)
            cells.append(f"{secs:6.2f}s {queries:3d}q {mb:5.1f}MB")
        n = len(defn.query(ReportScope(office), period))
        print(f"{code:<16}{n:>7}  " + "  ".join(cells))
    print(f"(a PDF lists at most {PDF_MAX_ROWS} rows and says so; the .xlsx has every row)")

    # what a manager prints: one team's report, one page
    from accounts.models import Team

    team = Team.objects.order_by("pk").first()
    week = Period.last_complete("week", today)
    for code in ("weekly-sales", "weekly-work"):
        response, secs, queries, mb = measure(
            lambda code=code: web.get(f"/reports/{code}/{week.key}/?team={team.pk}&format=pdf")
        )
        assert response.status_code == 200
        print(f"one team's {code} PDF (1 page): {secs:.2f}s {queries}q {mb:.1f}MB")
    # report 7 of one team's last month: the widest table (24 columns), the demo-sized PDF that
    # must be ready ≤ 1.5 s after the click (docs/design.md §Long work); the renderer runs in a
    # forked child, whose CPU time is shown too (the wall time includes the machine's load)
    import resource

    def children_cpu() -> float:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        return used.ru_utime + used.ru_stime

    last_month = Period.month_of(today).previous()
    before = children_cpu()
    response, secs, queries, mb = measure(
        lambda: web.get(f"/reports/target-clients/{last_month.key}/?team={team.pk}&format=pdf")
    )
    assert response.status_code == 200
    print(
        f"one team's target-clients PDF ({last_month.key}): {secs:.2f}s {queries}q {mb:.1f}MB "
        f"(renderer CPU {(children_cpu() - before) / 2:.2f}s)"  # measure() renders it twice
    )

    # the writer alone, on the same rows, against raw openpyxl write-only
    from io import BytesIO

    from openpyxl import Workbook

    defn = REPORTS["target-clients"]
    month = Period.month_of(today)
    rows = list(defn.query(ReportScope(office), month))
    meta = Meta("营销部", month, timezone.now(), "bench")

    def ours():
        wb = Workbook(write_only=True)
        write_sheet(wb, defn, meta, rows)
        out = BytesIO()
        wb.save(out)
        return out.getvalue()

    def raw():
        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        for r in rows:
            ws.append([r[c.key] for c in defn.columns])
        out = BytesIO()
        wb.save(out)
        return out.getvalue()

    _, ours_s, _, ours_mb = measure(ours)
    _, raw_s, _, raw_mb = measure(raw)
    print(
        f"target-clients .xlsx writer at {len(rows)} rows: ours {ours_s:.2f}s / {ours_mb:.1f} MB peak; "
        f"raw openpyxl write-only {raw_s:.2f}s / {raw_mb:.1f} MB; speed ratio {raw_s / ours_s:.2f}"
    )


if __name__ == "__main__":
    main()
