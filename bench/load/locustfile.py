"""The load journeys (Locust): users of each role doing what they do on a working day.

Started by bench/load/run.py (`make load`), which builds the department, serves it with gunicorn
and writes the journeys' facts (logins, clients, draft plans, report periods) to the JSON file
LOAD_FACTS names. Requests carry what nginx adds in production (X-Forwarded-Proto: https), so the
app runs exactly as deployed. A write counts as a success only when the page after it shows the
success message; run.py then counts the rows in the database and compares.

    salesperson: home, client list, 记录拜访 (GET the form, POST a visit), submit a week's plan
    manager:     home, client list, pipeline, review queue, approve a submitted plan
    office:      report pages, one .xlsx download
    floor:       the bare-Django floor (/_load/floor/), the same gunicorn, the ratio's baseline
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import threading
from pathlib import Path

from locust import HttpUser, between, task
from requests.cookies import RequestsCookieJar

FACTS = json.loads(Path(os.environ["LOAD_FACTS"]).read_text(encoding="utf-8"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'action="/plans/(\d+)/approve/">.*?name="version" value="(\d+)"', re.S)
SUBMIT_VERSION = re.compile(r'action="/plans/\d+/submit/">.*?name="version" value="(\d+)"', re.S)
PLAN_LINK = re.compile(r'href="/plans/(\d+)/"')
PURPOSE = re.compile(
    r'name="purpose"[^>]*>(?:(?!</select>).)*?<option value="([a-z_]+)" selected>', re.S
)
PROBLEM = re.compile(r"(?:invalid-feedback|alert-danger|alert-warning)[^>]*>(.*?)</", re.S)
_lock = threading.Lock()
_counters: dict[str, itertools.count] = {}


def next_of(kind: str, items: list):
    """Hand out each user's identity once (round-robin): two Locust users never share a login."""
    with _lock:
        counter = _counters.setdefault(kind, itertools.count())
        return items[next(counter) % len(items)]


def record(name: str, what: str) -> None:
    """Each write sent and each one the app confirmed, for run.py to compare with the database
    (a write the server finished after Locust stopped waiting is sent, not confirmed)."""
    with _lock, Path(os.environ["LOAD_FACTS"]).with_name("writes.log").open("a") as f:
        f.write(f"{what}\t{name}\n")


class SecureOverHttp(RequestsCookieJar):
    """The app's cookies are Secure (TLS ends at nginx in production); keep them for our http."""

    def set_cookie(self, cookie, *args, **kwargs):
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


class Role(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def on_start(self) -> None:
        """Signed in this morning: the session run.py made for this login."""
        self.client.cookies = SecureOverHttp()
        self.client.headers.update({"X-Forwarded-Proto": "https"})
        if self.username:
            self.client.cookies.set("sessionid", FACTS["sessions"][self.username])

    def sign_in(self) -> None:
        page = self.client.get("/accounts/login/", name="login (GET)")
        token = CSRF.search(page.text)
        with self.post(
            "/accounts/login/",
            {"username": self.username, "password": FACTS["password"]},
            token.group(1) if token else "",
            name="login (POST)",
            catch_response=True,
        ) as response:
            if response.url.rstrip("/").endswith("/accounts/login"):
                response.failure("still on the login page")

    def post(self, path: str, data: dict, token: str, **kwargs):
        origin = self.host.replace("http://", "https://")
        return self.client.post(
            path,
            data={"csrfmiddlewaretoken": token, **data},
            headers={"Origin": origin, "Referer": origin + path},
            **kwargs,
        )

    def write(self, path: str, data: dict, page: str, expected: str, name: str) -> None:
        """POST a form read from ``page``; a success only if the next page says ``expected``."""
        token = CSRF.search(page)
        record(name, "sent")
        with self.post(
            path, data, token.group(1) if token else "", name=name, catch_response=True
        ) as response:
            if response.status_code != 200 or expected not in response.text:
                said = PROBLEM.search(response.text)
                why = re.sub(r"<[^>]+>|\s+", " ", said.group(1)).strip()[:120] if said else ""
                response.failure(f"{response.status_code}: no “{expected}” {why}")
            else:
                response.success()
                record(name, "ok")


class Salesperson(Role):
    weight = 6

    def on_start(self) -> None:
        me = next_of("salesperson", FACTS["salespeople"])
        self.username = me["username"]
        self.clients = me["clients"]
        self.drafts = me["drafts"]  # shared by the users of one login: each plan submitted once
        super().on_start()

    @task(4)
    def home(self) -> None:
        self.client.get("/", name="home (salesperson)")

    @task(3)
    def client_list(self) -> None:
        self.client.get("/visits/clients/", name="client list (salesperson)")

    @task(3)
    def log_visit(self) -> None:
        client = random.choice(self.clients)
        page = self.client.get(f"/visits/log/?client={client}", name="记录拜访 (GET)").text
        purpose = PURPOSE.search(page)
        self.write(
            "/visits/log/",
            {
                "client": client,
                "date": FACTS["today"],
                "kind": "invited",
                "purpose": purpose.group(1) if purpose else "service",
                "summary": "负载测试拜访",
            },
            page,
            "已记录拜访",
            "记录拜访 (POST)",
        )

    @task(1)
    def submit_plan(self) -> None:
        with _lock:
            if not self.drafts:
                return
            pk = self.drafts.pop(0)
        page = self.client.get(f"/plans/{pk}/", name="plan (GET)").text
        version = SUBMIT_VERSION.search(page)
        self.write(
            f"/plans/{pk}/submit/",
            {"version": version.group(1) if version else ""},
            page,
            "方案已提交",
            "plan submit (POST)",
        )


class Manager(Role):
    weight = 2

    def on_start(self) -> None:
        self.username = next_of("manager", FACTS["managers"])
        super().on_start()

    @task(3)
    def home(self) -> None:
        self.client.get("/", name="home (manager)")

    @task(2)
    def client_list(self) -> None:
        self.client.get("/visits/clients/", name="client list (manager)")

    @task(2)
    def pipeline(self) -> None:
        self.client.get("/visits/pipeline/", name="pipeline (manager)")

    @task(2)
    def approve(self) -> None:
        queue = self.client.get("/plans/review/", name="review queue").text
        links = PLAN_LINK.findall(queue)
        if not links:
            return
        pk = random.choice(links[:10])
        page = self.client.get(f"/plans/{pk}/", name="plan (GET)").text
        found = VERSION.search(page)
        if not found:  # approved by a colleague's request meanwhile, or not waiting
            return
        self.write(
            f"/plans/{pk}/approve/",
            {"version": found.group(2)},
            page,
            "已审核通过",
            "plan approve (POST)",
        )


class Office(Role):
    fixed_count = 1  # one office, whatever LOAD_USERS is

    def on_start(self) -> None:
        self.username = FACTS["office"]
        super().on_start()

    @task(3)
    def report(self) -> None:
        code, period = random.choice(FACTS["reports"])
        self.client.get(f"/reports/{code}/{period}/", name="report page (office)")

    @task(1)
    def download(self) -> None:
        code, period = FACTS["download"]
        self.client.get(f"/reports/{code}/{period}/?format=xlsx", name="report .xlsx (office)")


class SigningIn(Role):
    """Someone signing in (the password hash is deliberately slow), then their home page."""

    fixed_count = 1
    wait_time = between(5, 10)

    def on_start(self) -> None:
        super().on_start()

    @task
    def sign_in_and_home(self) -> None:
        self.client.cookies.clear()
        self.username = next_of("signing-in", FACTS["managers"] + [FACTS["office"]])
        self.sign_in()
        self.client.get("/", name="home (after sign-in)")


class Floor(HttpUser):
    """The floor: a bare-Django page from the same gunicorn workers, requested alongside."""

    fixed_count = 1
    wait_time = between(1, 3)

    @task
    def floor(self) -> None:
        self.client.get("/_load/floor/", name="floor (bare Django)")
