"""The two-server proof (`make test-scale`, run by CI after the PostgreSQL tests).

Starts what a deployment of N servers has — one PostgreSQL database, one Redis, one S3-compatible
object store (moto's server, in this process) — and two app servers (gunicorn, production settings,
different ports) in front of them, then checks through HTTP, as a browser behind the load balancer
would:

  1. both servers are ready (/readyz: database, cache, storage);
  2. a session logged in through A works on B;
  3. a report submission frozen through A downloads through B, byte for byte, from the object store
     (nothing on either server's disk);
  4. a login lockout earned on A holds on B (and only for that user and address);
  5. a scheduled command started on both servers at the same moment does its work once;
  6. the cache is shared: what each server's /readyz wrote is in the one Redis;
  7. the log lines are JSON and carry the proxy's request id.

It creates and drops its own database (salesops_scale) and flushes its own Redis database (/15),
and leaves no process behind. Exit status 0 when every check passes.

    .venv/bin/python scripts/scale_check.py [--pg postgres://postgres@127.0.0.1:5432]
                                            [--redis redis://127.0.0.1:6379/15]

To prove another scheduled command (e.g. send_reminders) runs once, change ONCE_COMMAND and
ONCE_COUNT_SQL below: the command is started on both servers at once and the query must count 1.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST = "sales.example.com"  # the name the load balancer forwards; both servers serve it
PASSWORD = "scale-Check-2026"
DB_NAME = "salesops_scale"
BUCKET = "salesops-scale"

# the exactly-once probe: a scheduled command, and a query counting what it did (must be 1)
SLOT = f"scale-{int(time.time())}"
ONCE_COMMAND = ["ops_heartbeat", "--slot", SLOT]
ONCE_COUNT_SQL = (
    "SELECT count(*) FROM ops_jobrun WHERE job = 'ops_heartbeat' AND slot = %s",
    [SLOT],
)

USERS_SCRIPT = f"""
from accounts.models import Role, Team, User
team = Team.objects.create(name="营销一部")
manager = User.objects.create_user("manager", password="{PASSWORD}", role=Role.MANAGER, team=team,
                                   full_name="张经理")
team.manager = manager
team.save()
User.objects.create_user("office", password="{PASSWORD}", role=Role.OFFICE, full_name="办公室")
User.objects.create_user("sales", password="{PASSWORD}", role=Role.SALESPERSON, team=team,
                         full_name="王芳")
"""


def step(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:6.1f}s] {message}", flush=True)


def fail(message: str) -> None:
    raise SystemExit(f"FAILED: {message}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """One browser behind the load balancer: its cookies, its address; talks to any server."""

    def __init__(self, ip: str) -> None:
        self.ip = ip
        self.cookies: dict[str, str] = {}

    def request(
        self, port: int, method: str, path: str, form: dict[str, str] | None = None, **headers: str
    ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        body = urlencode(form).encode() if form is not None else None
        head = {
            "Host": HOST,
            # what nginx adds (README "Running on N servers"): TLS was terminated there
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.ip,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **headers,
        }
        if body is not None:
            head["Content-Type"] = "application/x-www-form-urlencoded"
            head["Origin"] = f"https://{HOST}"
            head["Referer"] = f"https://{HOST}{path}"
            if "csrftoken" in self.cookies:
                head["X-CSRFToken"] = self.cookies["csrftoken"]
        conn.request(method, path, body=body, headers=head)
        response = conn.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookie_value = rest.split(";", 1)[0]
                if cookie_value and "max-age=0" not in value.lower():
                    self.cookies[name] = cookie_value
                else:
                    self.cookies.pop(name, None)
        conn.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def login(self, port: int, username: str, password: str) -> int:
        status, _, page = self.request(port, "GET", "/accounts/login/")
        if status != 200:
            fail(f"login page answered {status}")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not token:
            fail("no CSRF token on the login page")
        status, _, _ = self.request(
            port,
            "POST",
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": token.group(1).decode(),
                "username": username,
                "password": password,
            },
        )
        return status


@contextmanager
def object_store() -> Iterator[str]:
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per S3 request
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@contextmanager
def database(pg: str) -> Iterator[str]:
    import psycopg

    with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    try:
        yield f"{pg}/{DB_NAME}"
    finally:
        with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        fail(f"manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def wait_ready(port: int, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    fail(f"the server on port {port} did not start:\n{log.read_text()[-3000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15")
    args = parser.parse_args()

    import boto3
    import psycopg
    import redis

    r = redis.Redis.from_url(args.redis)
    r.flushdb()
    work = Path(tempfile.mkdtemp(prefix="salesops-scale-"))
    servers: list[subprocess.Popen] = []
    try:
        with database(args.pg) as db_url, object_store() as s3_url:
            s3 = boto3.client(
                "s3",
                endpoint_url=s3_url,
                aws_access_key_id="scale",
                aws_secret_access_key="scale",
                region_name="us-east-1",
            )
            s3.create_bucket(Bucket=BUCKET)
            media = work / "media"  # must stay empty: every file goes to the object store
            media.mkdir()
            env = {
                **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "S3_"))},
                "DJANGO_DEBUG": "0",
                "DJANGO_SECRET_KEY": secrets.token_hex(32),
                "DJANGO_ALLOWED_HOSTS": HOST,
                "DJANGO_TRUSTED_PROXY_COUNT": "1",
                "DJANGO_MEDIA_ROOT": str(media),
                "DJANGO_LOG_JSON": "1",
                "DJANGO_LOG_LEVEL": "INFO",
                "DATABASE_URL": db_url,
                "REDIS_URL": args.redis,
                "S3_BUCKET": BUCKET,
                "S3_ENDPOINT_URL": s3_url,
                "S3_ACCESS_KEY_ID": "scale",
                "S3_SECRET_ACCESS_KEY": "scale",
                "S3_REGION": "us-east-1",
                "S3_ADDRESSING_STYLE": "path",
                "AXES_FAILURE_LIMIT": "3",
            }
            step("migrate, users, collectstatic")
            manage(env, "migrate", "--noinput", "-v0")
            manage(env, "shell", "-c", USERS_SCRIPT)
            manage(env, "collectstatic", "--noinput", "-v0")

            ports = {"a": free_port(), "b": free_port()}
            logs = {name: work / f"app-{name}.log" for name in ports}
            for name, port in ports.items():
                servers.append(
                    subprocess.Popen(
                        [
                            GUNICORN,
                            "salesops.wsgi",
                            "--bind",
                            f"127.0.0.1:{port}",
                            "--workers",
                            "2",
                        ],
                        cwd=ROOT,
                        env={**env, "DJANGO_SERVER_NAME": f"app-{name}"},
                        stdout=logs[name].open("w"),
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                )
            for name, port in ports.items():
                wait_ready(port, logs[name])
            a, b = ports["a"], ports["b"]
            step(f"two app servers up: A on {a}, B on {b}")

            # 1. ready
            for port in (a, b):
                status, _, body = Browser("203.0.113.1").request(port, "GET", "/readyz")
                if status != 200:
                    fail(f"/readyz on {port}: {status} {body!r}")
            step("1. /readyz 200 on both (database, cache, storage)")

            # 2. a session from A works on B
            manager = Browser("203.0.113.10")
            if manager.login(a, "manager", PASSWORD) != 302:
                fail("the manager could not log in through A")
            status, _, _ = manager.request(b, "GET", "/reports/submissions/")
            if status != 200:
                fail(f"the session from A was not accepted by B ({status})")
            step("2. logged in through A, served by B")

            # 3. a submission frozen through A downloads through B
            status, _, _ = manager.request(a, "POST", "/reports/weekly-work/2026-W46/submit/", {})
            if status != 302:
                fail(f"submitting through A answered {status}")
            with psycopg.connect(db_url) as conn:
                row = conn.execute("SELECT id, xlsx, pdf FROM reports_submission").fetchone()
            if row is None:
                fail("no submission was recorded")
            pk, xlsx_name, pdf_name = row
            for kind, name in (("xlsx", xlsx_name), ("pdf", pdf_name)):
                stored = s3.get_object(Bucket=BUCKET, Key=name)["Body"].read()
                status, _, body = manager.request(b, "GET", f"/reports/submissions/{pk}/{kind}/")
                if status != 200 or body != stored or not body:
                    fail(f"the {kind} frozen through A did not download through B ({status})")
            if any(p.is_file() for p in media.rglob("*")):
                fail(f"files were written to the local disk: {list(media.rglob('*'))}")
            step(
                "3. submission frozen through A (object store) downloaded through B, byte for byte"
            )

            # 4. a lockout from A holds on B
            attacker = Browser("203.0.113.66")
            for _ in range(3):
                attacker.login(a, "sales", "wrong-password")
            status = Browser("203.0.113.66").login(b, "sales", PASSWORD)
            if status != 429:
                fail(f"the lockout earned on A did not hold on B ({status})")
            if Browser("203.0.113.77").login(b, "sales", PASSWORD) != 302:
                fail("the lockout spread to another address")
            step("4. locked out through A, still locked out on B (other addresses unaffected)")

            # 5. a scheduled command started on both servers at once does its work once
            runs = [
                subprocess.Popen(
                    [PY, "manage.py", *ONCE_COMMAND],
                    cwd=ROOT,
                    env={**env, "DJANGO_SERVER_NAME": f"app-{name}"},
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for name in ports
            ]
            outputs = [run.communicate(timeout=120) for run in runs]
            if any(run.returncode for run in runs):
                fail(f"the scheduled command failed: {outputs}")
            with psycopg.connect(db_url) as conn:
                (count,) = conn.execute(*ONCE_COUNT_SQL).fetchone()
            if count != 1:
                fail(f"the scheduled command ran {count} times, expected once: {outputs}")
            step(f"5. `{' '.join(ONCE_COMMAND)}` on both at once: done once")

            # 6. the cache is shared: each server's /readyz wrote its probe into the one Redis
            keys = {k.decode().rsplit(":", 1)[-1] for k in r.keys("*ops:readyz:*")}
            if not {"app-a", "app-b"} <= keys:
                fail(f"the servers do not share the cache (keys seen: {keys})")
            step("6. both servers write to the one shared cache (Redis)")

            # 7. JSON log lines with the proxy's request id
            Browser("203.0.113.1").request(
                a, "GET", "/accounts/login/", **{"X-Request-ID": "scale-7"}
            )
            time.sleep(0.5)
            lines = [json.loads(x) for x in logs["a"].read_text().splitlines() if x.startswith("{")]
            if not any(
                x.get("request_id") == "scale-7" and x.get("server") == "app-a" for x in lines
            ):
                fail("no JSON log line of A carries the request id scale-7")
            step("7. JSON log lines carry the request id")
    finally:
        for server in servers:
            with suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGTERM)
        for server in servers:
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        r.flushdb()
        shutil.rmtree(work, ignore_errors=True)
    step("all checks passed")


STARTED = time.monotonic()

if __name__ == "__main__":
    sys.exit(main())
