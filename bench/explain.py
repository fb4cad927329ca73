"""EXPLAIN ANALYZE of the queries the pages run, on bench/run.py's synthetic department (README
"Performance"). PostgreSQL only (BENCH_DATABASE_URL or DATABASE_URL); prints plans, asserts nothing.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/explain.py \
        [--clients 20000 --visits 200000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.run import build, setup, throwaway_database  # noqa: E402


def explain(title: str, qs) -> None:
    from django.db import connection

    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF, TIMING ON) " + sql, params)
        lines = [row[0] for row in cursor.fetchall()]
    print(f"\n=== {title}")
    print("\n".join(lines))


def run(args) -> None:
    from django.db import connection
    from django.db.models import Count, Max
    from django.utils import timezone

    t = time.perf_counter()
    build(args.clients, args.visits)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"built {args.clients} clients / {args.visits} visits in {time.perf_counter() - t:.0f}s")

    from accounts.models import User
    from clientpool import services as pool_services
    from reports.queries import ReportScope, target_clients
    from salesops.periods import Period
    from visits import queries
    from visits.models import Client, Visit

    manager = User.objects.get(username="bench-manager")
    sp = User.objects.filter(role="salesperson").order_by("pk").first()
    today = timezone.localdate()
    before = (
        Client.objects.filter(team_id=manager.team_id)
        .annotate(visit_count=Count("visits", distinct=True), last_visit=Max("visits__date"))
        .order_by("-last_visit")[:30]
    )
    explain(
        "client list, before: joining every visit for the last visit (manager, one page)", before
    )
    explain(
        "client list, now: Client.last_visit_on (manager, one page)",
        queries.clients_for(manager).order_by("-last_visit")[:30],
    )
    explain(
        "client list, now: a salesperson's page",
        queries.clients_for(sp).order_by("-last_visit")[:30],
    )
    month = Period.month_of(today).previous()
    rows = target_clients(ReportScope(manager), month)
    explain("target-clients: the month's clients (count)", rows.qs.values("pk"))
    explain("target-clients: one page", rows.qs[:50])
    explain(
        "weekly-work: a week's visits of one salesperson (the per-person count)",
        Visit.objects.live()
        .filter(salesperson=sp, date__range=(today - dt.timedelta(days=7), today))
        .values("pk"),
    )
    from django.db.models import F

    explain(
        "记录拜访: search-as-you-type (20 matches)",
        queries.loggable_clients(sp)
        .filter(name__icontains="客户1")
        .order_by(F("last_visit_on").desc(nulls_last=True), "name", "pk")[:20],
    )
    idle, _ = pool_services.return_candidates(moment=timezone.now())
    print(f"\npool idle candidates: {len(idle)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20000)
    parser.add_argument("--visits", type=int, default=200000)
    args = parser.parse_args()
    url, drop = throwaway_database()
    if not url.startswith("postgres"):
        drop()
        sys.exit("bench/explain.py needs PostgreSQL: set BENCH_DATABASE_URL")
    try:
        setup(url)
        run(args)
    finally:
        drop()


if __name__ == "__main__":
    main()
