"""A closed period's report is cached (reports.freshness) and is fresh again after any write it
counts: the cache key carries the data version every such write moves on."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.definitions import REPORTS
from reports.queries import ReportScope
from reports.services import build
from salesops.periods import Period
from visits import services as visit_services
from visits.models import Client

pytestmark = pytest.mark.django_db

D = dt.date
WEEK = Period.parse("2026-W46")
MONTH = Period.parse("2026-11")


def rows_of(code, period, user, **scope):
    with CaptureQueriesContext(connection) as ctx:
        _, rows = build(REPORTS[code], period, ReportScope(user, **scope))
        rows = list(rows)
    return rows, len(ctx)


def row_for(rows, name):
    return next(r for r in rows if r["salesperson"] == name)


def test_weekly_work_is_cached_and_a_late_visit_shows(dept, manager, salesperson):
    first, cold = rows_of("weekly-work", WEEK, manager)
    again, warm = rows_of("weekly-work", WEEK, manager)
    assert again == first
    assert warm < cold  # the second read comes from the cache
    before = row_for(first, salesperson.display_name)["visits"]
    client = Client.objects.get(name="客户甲")
    visit_services.visit_log(
        client=client, by=salesperson, date=D(2026, 11, 12), kind="onsite", purpose="service"
    )
    after, _ = rows_of("weekly-work", WEEK, manager)
    assert row_for(after, salesperson.display_name)["visits"] == before + 1


def test_weekly_sales_shows_a_late_deposit(dept, manager, salesperson):
    first, _ = rows_of("weekly-sales", WEEK, manager)
    rows_of("weekly-sales", WEEK, manager)
    client = Client.objects.get(name="客户乙")
    visit_services.client_record_deposit(
        client=client, by=salesperson, date=D(2026, 11, 14), amount=Decimal("10.00")
    )
    after, _ = rows_of("weekly-sales", WEEK, manager)
    was = row_for(first, salesperson.display_name)["deposit_amount"]
    assert row_for(after, salesperson.display_name)["deposit_amount"] == was + Decimal("10.00")


def test_target_clients_count_and_totals_follow_a_new_client(dept, manager, salesperson):
    _, rows = build(REPORTS["target-clients"], MONTH, ReportScope(manager))
    count = rows.count()
    rows.totals()
    with CaptureQueriesContext(connection) as ctx:
        _, cached = build(REPORTS["target-clients"], MONTH, ReportScope(manager))
        assert cached.count() == count
        cached.totals()
    # the teams in scope and their data version: no visit, deposit or client is read again
    assert not [q for q in ctx.captured_queries if "visits_" in q["sql"]]
    visit_services.visit_log(
        client=Client.objects.get(name="客户丙"),
        by=salesperson,
        date=D(2026, 11, 3),
        kind="onsite",
        purpose="after_failure",
    )
    _, fresh = build(REPORTS["target-clients"], MONTH, ReportScope(manager))
    assert fresh.totals()["visit_count"] == rows.totals()["visit_count"] + 1


def test_scopes_do_not_share_a_cached_report(dept, manager, salesperson, salesperson2):
    team_rows, _ = rows_of("weekly-work", WEEK, manager)
    own, _ = rows_of("weekly-work", WEEK, salesperson)
    assert len(own) == 1 and len(team_rows) > 1
    narrowed, _ = rows_of("weekly-work", WEEK, manager, salesperson_id=salesperson2.pk)
    assert [r["salesperson"] for r in narrowed] == [salesperson2.display_name]


def test_a_running_period_is_not_cached(dept, manager, salesperson):
    running = Period.parse("2026-W49")  # the reports' clock stands on 2026-12-05
    _, cold = rows_of("weekly-work", running, manager)
    _, warm = rows_of("weekly-work", running, manager)
    assert warm == cold


def test_the_report_page_changes_after_a_write(dept, client_as, manager, salesperson):
    url = "/reports/weekly-sales/2026-W46/"
    page = client_as(manager).get(url).content.decode()
    assert "100,010.00" not in page and "100010.00" not in page
    visit_services.client_record_deposit(
        client=Client.objects.get(name="客户乙"),
        by=salesperson,
        date=D(2026, 11, 14),
        amount=Decimal("10.00"),
    )
    page = client_as(manager).get(url).content.decode()
    assert "100,010.00" in page or "100010.00" in page


def table_of(page) -> str:
    html = page.content.decode()
    start = html.index('<div class="table-container')
    return html[start : html.index("</table>", start)]


@pytest.fixture
def drawn(monkeypatch):
    """The table rows drawn during the test (salesops.tables.row_html, spied on)."""
    from salesops import tables

    rows = []
    real = tables.row_html
    monkeypatch.setattr(
        tables, "row_html", lambda row, *a, **k: rows.append(row) or real(row, *a, **k)
    )
    return rows


def test_a_closed_periods_table_is_drawn_once(dept, client_as, manager, drawn):
    """The second read of a closed week's page serves the table's HTML from the cache (no row is
    drawn); another page, sort or filter of it is its own entry; an unknown query key is drawn."""
    browser = client_as(manager)
    url = "/reports/weekly-sales/2026-W46/"
    first = table_of(browser.get(url))
    assert drawn
    drawn.clear()
    assert table_of(browser.get(url)) == first
    assert drawn == []
    browser.get(url + "?sort=-salesperson")
    assert drawn
    drawn.clear()
    browser.get(url + "?sort=-salesperson")
    assert drawn == []
    browser.get(url + "?utm=1")
    once = len(drawn)
    browser.get(url + "?utm=1")
    assert once and len(drawn) == 2 * once


def test_a_running_periods_table_is_drawn_every_time(dept, client_as, manager, drawn):
    browser = client_as(manager)
    browser.get("/reports/weekly-sales/2026-W49/")
    once = len(drawn)
    browser.get("/reports/weekly-sales/2026-W49/")
    assert once and len(drawn) == 2 * once


def test_the_cached_table_changes_after_a_late_visit(dept, client_as, manager, salesperson):
    url = "/reports/weekly-work/2026-W46/"
    browser = client_as(manager)
    before = table_of(browser.get(url))
    assert table_of(browser.get(url)) == before  # now from the cache
    visit_services.visit_log(
        client=Client.objects.get(name="客户甲"),
        by=salesperson,
        date=D(2026, 11, 12),
        kind="onsite",
        purpose="service",
    )
    assert table_of(browser.get(url)) != before
