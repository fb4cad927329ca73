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
    import datetime as dt
    import random
    from decimal import Decimal

    from django.utils import timezone

    from accounts.models import Role, Team, User
    from plans.models import (
        CommitmentLetter,
        MonthlySalesPlan,
        SalesTask,
        VisitPlan,
        VisitPlanItem,
        WorkLog,
    )
    from visits.models import AccountOpening, Client, ClosingAttempt, Deposit, Visit
    from visits.services import visit_summary_refresh

    rng = random.Random(1)
    today = timezone.localdate()
    teams = Team.objects.bulk_create([Team(name=f"营销{i + 1}部") for i in range(10)])
    manager = User.objects.create(
        username="bench-manager", full_name="经理", role=Role.MANAGER, team=teams[0]
    )
    User.objects.create(username="bench-office", full_name="办公室", role=Role.OFFICE)
    people = User.objects.bulk_create(
        [
            User(
                username=f"s{i}", full_name=f"营销员{i}", role=Role.SALESPERSON, team=teams[i % 10]
            )
            for i in range(100)
        ]
    )
    states = [
        "prospect",
        "visited",
        "needs_analyzed",
        "reported",
        "plan_ready",
        "revisited",
        "closing",
        "account_opened",
        "funded",
        "failed",
    ]
    Client.objects.bulk_create(
        [
            Client(
                name=f"客户{i}",
                phone=f"138{i:08d}",
                team_id=people[i % 100].team_id,
                salesperson=people[i % 100],
                status=rng.choice(states),
                investment_needs="稳健增值",
                remarks="=1+1" if i % 97 == 0 else "",
            )
            for i in range(clients)
        ],
        batch_size=2000,
    )
    ids = list(Client.objects.values_list("pk", "salesperson_id", "team_id"))
    start = today - dt.timedelta(days=365)
    batch = []
    for i in range(visits):
        pk, sp, team = ids[i % len(ids)]
        batch.append(
            Visit(
                client_id=pk,
                salesperson_id=sp,
                team_id=team,
                date=start + dt.timedelta(days=rng.randint(0, 364)),
                kind=rng.choice(["onsite", "invited"]),
                purpose=rng.choice(["first", "needs", "plan_revisit", "service"]),
            )
        )
        if len(batch) == 5000:
            Visit.objects.bulk_create(batch)
            batch = []
    Visit.objects.bulk_create(batch)
    # rows loaded in bulk skip visit_log: set the clients' denormalised last visit and count
    visit_summary_refresh(Client.objects.values_list("pk", flat=True))
    funded = [row for row in ids[: len(ids) // 10]]
    AccountOpening.objects.bulk_create(
        [
            AccountOpening(
                client_id=pk,
                date=start + dt.timedelta(days=rng.randint(0, 364)),
                account_number=f"A{pk}",
                recorded_by=manager,
            )
            for pk, _, _ in funded
        ],
        batch_size=2000,
    )
    Deposit.objects.bulk_create(
        [
            Deposit(
                client_id=pk,
                date=start + dt.timedelta(days=rng.randint(0, 364)),
                amount=Decimal(rng.randint(1, 100) * 10000),
                recorded_by=manager,
            )
            for pk, _, _ in funded
            for _ in range(2)
        ],
        batch_size=2000,
    )
    ClosingAttempt.objects.bulk_create(
        [
            ClosingAttempt(
                client_id=pk,
                salesperson_id=sp,
                team_id=team,
                started_on=start + dt.timedelta(days=rng.randint(0, 360)),
                outcome=rng.choice(["won", "lost", "open"]),
                decided_on=start + dt.timedelta(days=rng.randint(0, 364)),
            )
            for pk, sp, team in ids[: len(ids) // 5]
        ],
        batch_size=2000,
    )
    monday = start - dt.timedelta(days=start.weekday())
    plans = VisitPlan.objects.bulk_create(
        [
            VisitPlan(
                owner=p,
                team_id=p.team_id,
                horizon="week",
                period_start=monday + dt.timedelta(weeks=w),
                period_end=monday + dt.timedelta(weeks=w, days=6),
                status="approved",
            )
            for p in people
            for w in range(52)
        ],
        batch_size=2000,
    )
    by_owner = {}
    for pk, sp, _ in ids:
        by_owner.setdefault(sp, []).append(pk)
    VisitPlanItem.objects.bulk_create(
        [
            VisitPlanItem(
                plan=pl,
                date=pl.period_start + dt.timedelta(days=d),
                client_id=rng.choice(by_owner[pl.owner_id]),
                purpose="service",
                is_key=d == 0,
            )
            for pl in plans
            for d in range(5)
        ],
        batch_size=5000,
    )
    WorkLog.objects.bulk_create(
        [
            WorkLog(
                salesperson=p, team_id=p.team_id, date=start + dt.timedelta(days=d), content="日志"
            )
            for p in people
            for d in range(0, 365)
            if (start + dt.timedelta(days=d)).weekday() < 5
        ],
        batch_size=5000,
    )
    month = today.replace(day=1)
    tasks = SalesTask.objects.bulk_create(
        [
            SalesTask(
                team_id=p.team_id,
                salesperson=p,
                month=month,
                target_visits=20,
                target_new_clients=4,
                target_accounts=2,
                target_deposit_amount=500000,
                assigned_by=manager,
            )
            for p in people
        ]
    )
    # every task has its commitment letter (task_assign opens one), approved: the month is announced
    CommitmentLetter.objects.bulk_create(
        [
            CommitmentLetter(
                task=t,
                text="承诺完成本月任务",
                status="approved",
                submitted_at=timezone.now(),
                reviewed_at=timezone.now(),
                reviewed_by=manager,
            )
            for t in tasks
        ]
    )
    MonthlySalesPlan.objects.bulk_create(
        [
            MonthlySalesPlan(
                team=t,
                month=month,
                sales_plan="x",
                reward_plan="y",
                author=manager,
                announced_at=timezone.now(),
            )
            for t in teams
        ]
    )


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

    office = User.objects.get(username="bench-office")
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
