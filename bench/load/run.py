"""`make load`: the department at LOAD_SCALE under Locust, served as in production.

1. creates a throwaway PostgreSQL database (on LOAD_DATABASE_URL's server, else DATABASE_URL's, else
   postgres://postgres@127.0.0.1:5432), migrates it and builds the department (bench/load/data.py)
   at LOAD_SCALE (1 = 100 salespeople, 20,000 clients, 200,000 visits; 10 = ten times that);
2. serves it with gunicorn in production settings (DJANGO_DEBUG=0, a random secret, static files
   collected, LOAD_WORKERS workers of gunicorn.conf.py (threaded), default 2) on a free port — bench/load/wsgi.py, which adds
   the bare-Django floor at /_load/floor/ to the same workers;
3. runs Locust headless (bench/load/locustfile.py: salespeople, managers, the office, the floor)
   with LOAD_USERS users (default 50) spawned at LOAD_SPAWN_RATE a second (default 5) for
   LOAD_DURATION (default 60s);
4. prints per page: requests, p50/p95/p99 ms, requests a second, errors; the floor's figures and
   each page's p50 / the floor's p50;
5. counts the rows written during the run (visits, submitted and approved plans) against Locust's
   successful writes, and fails when they differ;
6. drops the database and stops gunicorn (also on failure or Ctrl-C); LOAD_KEEP_DATABASE=<name>
   builds into that database and keeps it, and a later run with the same name reuses it.

Before Locust (unless LOAD_WARM=0), bench/load/warm.py times warm single requests of every role's
pages one at a time and the throughput of the salesperson's pages at 8 connections against the
floor's.

    make load                      # 1x
    make load LOAD_SCALE=10        # 10x (building 2,000,000 visits takes a while)
    LOAD_USERS=100 LOAD_DURATION=5m make load
"""

from __future__ import annotations

import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
WRITES = {
    "记录拜访 (POST)": "visits",
    "plan submit (POST)": "submitted",
    "plan approve (POST)": "approved",
}


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def server_url() -> str:
    url = os.environ.get("LOAD_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = "postgres://postgres@127.0.0.1:5432/postgres"
    return url.rpartition("/")[0]


def admin(base: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def exists(base: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        return bool(conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone())


def department_in(name: str):
    from accounts.models import Role, Team, User
    from bench.load.data import Department
    from visits.models import Client, Visit

    return Department(
        teams=Team.objects.count(),
        salespeople=User.objects.filter(role=Role.SALESPERSON).count(),
        clients=Client.objects.count(),
        visits=Visit.objects.count(),
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def counts() -> dict[str, int]:
    from plans.models import VisitPlan
    from visits.models import Visit

    return {
        "visits": Visit.objects.count(),
        "submitted": VisitPlan.objects.filter(submitted_at__isnull=False).count(),
        "approved": VisitPlan.objects.filter(status="approved").count(),
    }


def facts(path: Path) -> None:
    """What the journeys need to know: logins, each salesperson's clients and draft plans."""
    from django.utils import timezone

    from accounts.models import Role, User
    from bench.load.data import PASSWORD
    from plans.models import VisitPlan
    from reports.definitions import REPORTS
    from salesops.periods import Period
    from visits.models import Client

    today = timezone.localdate()
    clients: dict[int, list[int]] = {}
    for pk, sp in Client.objects.values_list("pk", "salesperson_id").order_by("pk"):
        if len(clients.setdefault(sp, [])) < 50:
            clients[sp].append(pk)
    drafts: dict[int, list[int]] = {}
    for pk, owner in VisitPlan.objects.filter(status="draft").values_list("pk", "owner_id"):
        drafts.setdefault(owner, []).append(pk)
    people = User.objects.filter(role=Role.SALESPERSON).order_by("pk")
    sessions = signed_in(User.objects.exclude(role=Role.SALESPERSON).union(people[:500]))
    reports = [
        (code, Period.last_complete(d.period_kind, today).key) for code, d in REPORTS.items()
    ]
    data = {
        "password": PASSWORD,
        "today": today.isoformat(),
        "office": "load-office",
        "sessions": sessions,
        "managers": list(
            User.objects.filter(role=Role.MANAGER).order_by("pk").values_list("username", flat=True)
        ),
        "analysts": list(
            User.objects.filter(role=Role.ANALYST).order_by("pk").values_list("username", flat=True)
        ),
        "leader": User.objects.filter(role=Role.LEADER).values_list("username", flat=True).first(),
        "salespeople": [
            {"username": p.username, "clients": clients[p.pk], "drafts": drafts.get(p.pk, [])}
            for p in people
            if p.username in sessions
        ],
        "reports": reports,
        "download": next(r for r in reports if r[0] == "weekly-sales"),
    }
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def signed_in(users) -> dict[str, str]:
    """A session for each user, as if they had signed in this morning: the journeys measure the
    pages, not a password hash per simulated user (the login user class measures signing in)."""
    from django.test import Client as Browser

    sessions = {}
    for user in users:
        browser = Browser()
        browser.force_login(user)
        sessions[user.username] = browser.cookies["sessionid"].value
    return sessions


def wait_ready(port: int, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not start:\n{log.read_text()[-3000:]}")


def table(stats_csv: Path) -> dict[str, dict[str, float]]:
    rows: dict[str, dict[str, float]] = {}
    with stats_csv.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row["Name"] if row["Type"] else "Aggregated"
            rows[f"{row['Type']} {name}".strip()] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50": float(row["50%"] or 0),
                "p95": float(row["95%"] or 0),
                "p99": float(row["99%"] or 0),
                "rps": float(row["Requests/s"] or 0),
            }
    return rows


def report(rows: dict[str, dict[str, float]]) -> None:
    floor = next((v for k, v in rows.items() if "floor" in k), None)
    print()
    print(
        f"| {'page':<34} | {'requests':>8} | {'p50 ms':>7} | {'p95 ms':>7} | {'p99 ms':>7} "
        f"| {'req/s':>6} | {'errors':>6} | {'p50/floor':>9} |"
    )
    print(
        f"|{'-' * 36}|{'-' * 9}:|{'-' * 8}:|{'-' * 8}:|{'-' * 8}:|{'-' * 7}:|{'-' * 7}:|{'-' * 10}:|"
    )
    for name, v in sorted(rows.items(), key=lambda kv: (kv[0] == "Aggregated", kv[0])):
        ratio = f"{v['p50'] / floor['p50']:.1f}×" if floor and floor["p50"] else "-"
        print(
            f"| {name:<34} | {v['requests']:>8} | {v['p50']:>7.0f} | {v['p95']:>7.0f} "
            f"| {v['p99']:>7.0f} | {v['rps']:>6.2f} | {v['failures']:>6} | {ratio:>9} |"
        )
    print()


def main() -> int:
    scale = float(os.environ.get("LOAD_SCALE", "1") or "1")
    users = os.environ.get("LOAD_USERS", "50")
    spawn = os.environ.get("LOAD_SPAWN_RATE", "5")
    duration = os.environ.get("LOAD_DURATION", "60s")
    workers = os.environ.get("LOAD_WORKERS", "2")
    base = server_url()
    # LOAD_KEEP_DATABASE=name: build into that database once and keep it; a later run with the
    # same name reuses the department as it is (for measuring a change without rebuilding)
    kept = os.environ.get("LOAD_KEEP_DATABASE", "")
    name = kept or f"salesops_load_{os.getpid()}"
    work = Path(tempfile.mkdtemp(prefix="salesops-load-"))
    db_url = f"{base}/{name}"
    reuse = bool(kept) and exists(base, name)
    if not reuse:
        admin(base, f'CREATE DATABASE "{name}"')
    # one secret for the sessions made here and the server that reads them
    secret = secrets.token_hex(32)
    server = None
    try:
        os.environ.update(
            DATABASE_URL=db_url, DJANGO_DEBUG="1", AXES_ENABLED="0", DJANGO_SECRET_KEY=secret
        )
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salesops.settings")
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        say(f"database {name}: migrate")
        call_command("migrate", verbosity=0)
        if reuse:
            dept = department_in(name)
            say(f"reusing {name}: {dept.salespeople} salespeople, {dept.clients:,} clients")
        else:
            say(f"building the department at LOAD_SCALE={scale:g}")
            started = time.monotonic()
            from bench.load.data import build_department

            dept = build_department(scale)
            say(
                f"built {dept.teams} teams, {dept.salespeople} salespeople, {dept.clients:,} "
                f"clients, {dept.visits:,} visits in {time.monotonic() - started:.0f}s; ANALYZE"
            )
        with connections["default"].cursor() as cursor:
            cursor.execute("ANALYZE")
        facts(work / "facts.json")
        before = counts()
        connections.close_all()

        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AXES_"))},
            "DJANGO_SETTINGS_MODULE": "salesops.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secret,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SSL_REDIRECT": "0",
            "DATABASE_URL": db_url,
            "NOTIFY_DELIVERY": os.environ.get("NOTIFY_DELIVERY", "background"),
        }
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        port = free_port()
        log = work / "gunicorn.log"
        say(
            f"gunicorn (production settings, {workers} workers × 8 threads, gunicorn.conf.py) on 127.0.0.1:{port}"
        )
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "bench.load.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                workers,
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_ready(port, log)
        if os.environ.get("LOAD_WARM", "1") != "0":
            from bench.load import warm

            say("warm single requests, then throughput at 8 connections")
            facts_data = json.loads((work / "facts.json").read_text(encoding="utf-8"))
            warm.report(warm.single(port, facts_data), warm.throughput(port, facts_data))
        say(f"locust: {users} users (spawn {spawn}/s) for {duration}")
        locust = os.environ.get("LOAD_LOCUST") or str(BIN / "locust")
        subprocess.run(
            [
                locust,
                "-f",
                str(ROOT / "bench" / "load" / "locustfile.py"),
                "--headless",
                "--only-summary",
                "-u",
                users,
                "-r",
                spawn,
                "-t",
                duration,
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(work / "locust"),
                # let a user finish its request at the end: a write the server made is counted
                "--stop-timeout",
                "60",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**os.environ, "LOAD_FACTS": str(work / "facts.json")},
            stdout=subprocess.DEVNULL,
            stderr=(work / "locust.log").open("w"),
            check=False,
        )
        rows = table(work / "locust_stats.csv")
        say(
            f"LOAD_SCALE={scale:g} ({dept.salespeople} salespeople, {dept.clients:,} clients, "
            f"{dept.visits:,} visits), {users} users, {duration}, gunicorn {workers} workers, "
            f"{os.cpu_count()} CPUs"
        )
        report(rows)
        failures_csv = work / "locust_failures.csv"
        if failures_csv.exists():
            with failures_csv.open(encoding="utf-8") as f:
                for row in list(csv.DictReader(f))[:10]:
                    print(f"  error: {row['Name']}: {row['Error'][:160]} × {row['Occurrences']}")
        after = counts()
        log_lines = (work / "writes.log").read_text(encoding="utf-8").splitlines()
        tally = {(w, n): log_lines.count(f"{w}\t{n}") for w in ("sent", "ok") for n in WRITES}
        ok = True
        for page, key in WRITES.items():
            sent, confirmed = tally[("sent", page)], tally[("ok", page)]
            written = after[key] - before[key]
            kept = confirmed <= written <= sent
            ok = ok and kept
            print(
                f"writes {page}: {sent} sent, {confirmed} confirmed by the app, {written} new rows "
                f"in the database ({'every confirmed write kept' if kept else 'MISMATCH'})"
            )
        errors = [line for line in log.read_text().splitlines() if "Traceback" in line]
        print(f"server errors in the gunicorn log: {len(errors)}")
        return 0 if ok else 1
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        if kept:
            say(f"database {name} kept (LOAD_KEEP_DATABASE)")
        else:
            admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            say(f"database {name} dropped")


if __name__ == "__main__":
    raise SystemExit(main())
