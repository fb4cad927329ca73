"""Warm single requests and throughput at 8 connections, against the gunicorn make load started.

``single``: one request at a time (nothing else running), each page of each role 3 times to warm
it, then WARM_SAMPLES times timed: median and 90th percentile in ms, as a user with the page in
front of them sees it (gunicorn, production settings, over HTTP). The issue's aims: home, client
list, 记录拜访, pipeline and review queue ≤ 30 ms; a closed period's report page ≤ 50 ms.

``throughput``: CONNECTIONS client threads, each sending its next request as soon as the last one
is answered (a closed loop, as wrk does), for SECONDS per page: completed requests a second, and
the share of the floor's figure measured the same way (aim: home, client list and 记录拜访 ≥ 20 %).
The client shares the machine's cores with gunicorn and PostgreSQL, as Locust does.
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from dataclasses import dataclass

WARM_SAMPLES = 20
CONNECTIONS = 8
SECONDS = 8.0


@dataclass
class Page:
    role: str
    name: str
    path: str
    username: str  # "" for the floor (no session)


def pages(facts: dict) -> list[Page]:
    sp = facts["salespeople"][0]
    manager = facts["managers"][0]
    result = [
        Page("salesperson", "home", "/", sp["username"]),
        Page("salesperson", "client list", "/visits/clients/", sp["username"]),
        Page("salesperson", "记录拜访", f"/visits/log/?client={sp['clients'][0]}", sp["username"]),
        Page("salesperson", "plan", f"/plans/{sp['drafts'][0]}/", sp["username"]),
        Page("manager", "home", "/", manager),
        Page("manager", "client list", "/visits/clients/", manager),
        Page("manager", "pipeline", "/visits/pipeline/", manager),
        Page("manager", "review queue", "/plans/review/", manager),
        Page("analyst", "home", "/", facts["analysts"][0]),
        Page("analyst", "client list", "/visits/clients/", facts["analysts"][0]),
        Page("leader", "home", "/", facts["leader"]),
        Page("leader", "client list", "/visits/clients/", facts["leader"]),
        Page("office", "home", "/", facts["office"]),
    ]
    for code, period in facts["reports"]:
        result.append(
            Page("office", f"report {code}", f"/reports/{code}/{period}/", facts["office"])
        )
    result.append(Page("-", "floor (bare Django)", "/_load/floor/", ""))
    return result


def get(port: int, path: str, session: str) -> float:
    """One GET as nginx would pass it on; seconds until the whole body is read."""
    headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
    if session:
        headers["Cookie"] = f"sessionid={session}"
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")
    finally:
        conn.close()
    return time.perf_counter() - started


def single(port: int, facts: dict) -> list[tuple[Page, float, float]]:
    rows = []
    for page in pages(facts):
        session = facts["sessions"].get(page.username, "")
        for _ in range(3):
            get(port, page.path, session)
        times = sorted(get(port, page.path, session) * 1000 for _ in range(WARM_SAMPLES))
        rows.append((page, statistics.median(times), times[int(len(times) * 0.9) - 1]))
    return rows


def throughput(port: int, facts: dict) -> list[tuple[str, float]]:
    """Requests a second at CONNECTIONS connections: the floor, then the salesperson's home,
    client list and 记录拜访 — each connection a different salesperson, as in the morning rush."""
    people = facts["salespeople"][:CONNECTIONS]
    targets = [
        ("floor (bare Django)", lambda p: ("/_load/floor/", "")),
        ("home (salesperson)", lambda p: ("/", facts["sessions"][p["username"]])),
        (
            "client list (salesperson)",
            lambda p: ("/visits/clients/", facts["sessions"][p["username"]]),
        ),
        (
            "记录拜访 (salesperson)",
            lambda p: (f"/visits/log/?client={p['clients'][0]}", facts["sessions"][p["username"]]),
        ),
    ]
    result = []
    for name, what in targets:
        done = [0] * CONNECTIONS
        stop = time.monotonic() + SECONDS

        def loop(i: int, what=what, done=done, stop=stop) -> None:
            path, session = what(people[i % len(people)])
            while time.monotonic() < stop:
                get(port, path, session)
                done[i] += 1

        threads = [threading.Thread(target=loop, args=(i,)) for i in range(CONNECTIONS)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        result.append((name, sum(done) / (time.monotonic() - started)))
    return result


def report(rows: list[tuple[Page, float, float]], rates: list[tuple[str, float]]) -> None:
    print()
    print(f"warm single requests (one at a time, {WARM_SAMPLES} each after 3 to warm up):")
    print(f"| {'role':<11} | {'page':<28} | {'median ms':>9} | {'p90 ms':>7} |")
    print(f"|{'-' * 13}|{'-' * 30}|{'-' * 10}:|{'-' * 8}:|")
    for page, median, p90 in rows:
        print(f"| {page.role:<11} | {page.name:<28} | {median:>9.1f} | {p90:>7.1f} |")
    floor = rates[0][1] if rates else 0
    print()
    print(f"throughput at {CONNECTIONS} connections ({SECONDS:g} s each, closed loop):")
    print(f"| {'page':<28} | {'req/s':>7} | {'of floor':>8} |")
    print(f"|{'-' * 30}|{'-' * 8}:|{'-' * 9}:|")
    for name, rate in rates:
        share = f"{rate / floor:.0%}" if floor else "-"
        print(f"| {name:<28} | {rate:>7.1f} | {share:>8} |")
    print()
