"""Benchmark: the seven reports at department scale. Prints numbers; asserts nothing.

Builds a synthetic department — 10 teams, 100 salespeople, 20,000 clients, 200,000 visits, a year of
weekly plans — in a throwaway database (a temporary SQLite file, or the PostgreSQL database named
by BENCH_DATABASE_URL), then for each report prints the query count and the time to build the HTML
page, the .xlsx and the PDF of one month, and the peak Python memory of each.

    make bench            # or: .venv/bin/python bench/run.py [--clients 20000 --visits 200000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


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
    from plans.models import MonthlySalesPlan, SalesTask, VisitPlan, VisitPlanItem, WorkLog
    from visits.models import AccountOpening, Client, ClosingAttempt, Deposit, Visit

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
    SalesTask.objects.bulk_create(
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
    tmp = tempfile.mkdtemp(prefix="salesops-bench-")
    setup(os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3")
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
    from reports.render import Meta, to_pdf, to_xlsx
    from salesops.periods import Period

    office = User.objects.get(username="bench-office")
    web = Client()
    web.force_login(office)
    today = timezone.localdate()
    print(
        f"{'report':<16}{'rows':>7}{'queries':>9}{'HTML s':>9}{'xlsx s':>9}{'PDF s':>9}{'peak MB':>9}"
    )
    for code, defn in REPORTS.items():
        period = Period.month_of(today) if defn.period_kind == "month" else Period.week_of(today)
        if defn.period_kind == "week":
            period = Period.last_complete("week", today)
        response, html_s, queries, html_mb = measure(
            lambda: web.get(f"/reports/{code}/{period.key}/")
        )
        assert response.status_code == 200, response.status_code
        rows = defn.query(ReportScope(office), period)
        meta = Meta("营销部", period, timezone.now(), "bench")
        _, xlsx_s, _, xlsx_mb = measure(lambda: to_xlsx([(defn, meta, rows)]))
        pdf_rows = rows if code != "target-clients" else rows[:40]
        _, pdf_s, _, pdf_mb = measure(lambda: to_pdf(defn, meta, pdf_rows))
        note = " (PDF: first 40 rows, one page)" if code == "target-clients" else ""
        print(
            f"{code:<16}{len(rows):>7}{queries:>9}{html_s:>9.2f}{xlsx_s:>9.2f}{pdf_s:>9.2f}{max(html_mb, xlsx_mb, pdf_mb):>9.1f}{note}"
        )

    defn = REPORTS["target-clients"]
    rows = defn.query(ReportScope(office), Period.month_of(today))
    big = rows * max(1, args.clients // max(1, len(rows)))
    big = big[: args.clients]
    meta = Meta("营销部", Period.month_of(today), timezone.now(), "bench")
    _, ours, _, ours_mb = measure(lambda: to_xlsx([(defn, meta, big)]))

    def raw():
        from io import BytesIO

        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        for r in big:
            ws.append([r[c.key] for c in defn.columns])
        out = BytesIO()
        wb.save(out)
        return out.getvalue()

    _, base, _, base_mb = measure(raw)
    print(
        f"target-clients .xlsx at {len(big)} rows: ours {ours:.2f}s / {ours_mb:.1f} MB peak; "
        f"raw openpyxl write-only {base:.2f}s / {base_mb:.1f} MB; speed ratio {base / ours:.2f}"
    )


if __name__ == "__main__":
    main()
