"""Benchmark: previewing and importing a 5,000-row client file (aim: preview under 10 s).

Builds a throwaway database (bench/run.py's: a temporary SQLite file, or a new PostgreSQL database
when DATABASE_URL / BENCH_DATABASE_URL names one) with one team, 10 salespeople and 20,000 existing
clients (the duplicate check compares against every one of them), writes a 5,000-row .xlsx with 50
bad rows, then times the upload-and-preview through the real view, the preview page, and the
all-or-nothing import of the 4,950 good rows. Prints numbers; asserts nothing.

    .venv/bin/python bench/import_5000.py [--rows 5000 --existing 20000]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import setup, throwaway_database  # noqa: E402


def workbook(rows: int, usernames: list[str]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["客户姓名", "联系电话", "营销人员账号", "客户来源", "风险偏好", "备注"])
    for i in range(rows):
        bad = i % 100 == 99
        phone = "12345" if bad else f"150{i:08d}"
        sheet.append(
            [f"导入客户{i}", phone, usernames[i % len(usernames)], "陌生拜访", "稳健型", "备注"]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--existing", type=int, default=20000)
    args = parser.parse_args()
    url, drop = throwaway_database()
    try:
        setup(url)
        run(args.rows, args.existing)
    finally:
        drop()  # type: ignore[operator]


def run(rows: int, existing: int) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test import Client as TestClient
    from django.test.utils import CaptureQueriesContext

    from accounts.models import Role, Team, User
    from clientimport.models import ClientImport
    from visits.models import Client

    team = Team.objects.create(name="营销一部")
    manager = User.objects.create_user("bench_mgr", role=Role.MANAGER, team=team, full_name="经理")
    team.manager = manager
    team.save()
    people = [
        User.objects.create_user(
            f"bench_sp{i}", role=Role.SALESPERSON, team=team, full_name=f"营销{i}"
        )
        for i in range(10)
    ]
    Client.objects.bulk_create(
        Client(
            name=f"老客户{i}",
            phone=f"138{i:08d}",
            phone_normalized=f"+86138{i:08d}",
            team=team,
            salesperson=people[i % 10],
        )
        for i in range(existing)
    )
    data = workbook(rows, [p.username for p in people])
    web = TestClient(HTTP_HOST="localhost")
    web.force_login(manager)
    print(
        f"file: {rows} rows, {len(data) / 1024:.0f} KB; {existing} existing clients ({connection.vendor})"
    )

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = web.post("/imports/upload/", {"file": SimpleUploadedFile("c.xlsx", data)})
        preview_s = time.perf_counter() - start
    assert response.status_code == 302, response.status_code
    batch = ClientImport.objects.get()
    print(
        f"upload + preview of every row: {preview_s:.2f}s, {len(queries)} queries "
        f"({batch.rows_invalid} rows with errors) — aim < 10 s"
    )
    start = time.perf_counter()
    page = web.get(response["Location"])
    print(f"preview page: {time.perf_counter() - start:.2f}s, {len(page.content) / 1024:.0f} KB")

    bad = [r["row"] for r in batch.preview["errors"]]
    start = time.perf_counter()
    done = web.post(f"/imports/{batch.pk}/confirm/", {"version": batch.version, "exclude": bad})
    import_s = time.perf_counter() - start
    batch.refresh_from_db()
    assert done.status_code == 302 and batch.status == "imported", batch.status
    print(
        f"confirm (check again + import {batch.imported_count} rows in one transaction): {import_s:.2f}s"
    )


if __name__ == "__main__":
    main()
