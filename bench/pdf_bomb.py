"""Benchmark: report 7's PDF (重点客户名单) with hostile 20,000-character unbroken cells.

Before issue 11, 5,000 unbroken characters in a client's 备注 took the renderer 19 s and 10,000 timed
the worker out. Now a PDF cell is cut at ``PDF_CELL_MAX_CHARS`` ("…（全文见 Excel）") and cells break
anywhere, so the layout is linear. Prints the time of the full view (query, render, PDF) for each
hostile cell; asserts nothing.

    .venv/bin/python bench/pdf_bomb.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import setup, throwaway_database  # noqa: E402

CASES = {
    '20,000 × "A"': "A" * 20000,
    '20,000 × "长"': "长" * 20000,
    "20,000 mixed, no spaces": ("x长7" * 7000)[:20000],
}


def run() -> None:
    from django.conf import settings
    from django.test import Client as WebClient
    from django.utils import timezone

    from accounts.models import Role, Team, User
    from visits.models import Client, Visit

    settings.ALLOWED_HOSTS = ["*"]
    today = timezone.localdate()
    team = Team.objects.create(name="营销一部")
    manager = User.objects.create(username="m", full_name="经理", role=Role.MANAGER, team=team)
    team.manager = manager
    team.save()
    seller = User.objects.create(username="s", full_name="营销员", role=Role.SALESPERSON, team=team)
    web = WebClient()
    web.force_login(manager)
    url = f"/reports/target-clients/{today:%Y-%m}/?format=pdf"
    print(f"report 7 PDF (budget {settings.PDF_TIME_BUDGET_SECONDS:g}s), one client per case:")
    for label, text in CASES.items():
        Visit.objects.all().delete()
        Client.objects.all().delete()
        client = Client.objects.create(
            name="客户", phone="13800000000", team=team, salesperson=seller, status="visited"
        )
        # past the fields' maximum lengths on purpose: rows written before they existed
        Client.objects.filter(pk=client.pk).update(
            remarks=text, investment_needs=text, investment_experience=text
        )
        Visit.objects.create(
            client=client,
            salesperson=seller,
            team=team,
            date=today,
            kind="onsite",
            purpose="first",
            summary="x",
        )
        web.get(url)  # warm up (fonts)
        t = time.perf_counter()
        response = web.get(url)
        secs = time.perf_counter() - t
        print(
            f"  {label:<26} {secs:.2f}s  HTTP {response.status_code}  "
            f"{len(response.content) / 1024:.0f} KB"
        )


def main() -> None:
    url, drop = throwaway_database()
    try:
        setup(url)
        run()
    finally:
        drop()


if __name__ == "__main__":
    main()
