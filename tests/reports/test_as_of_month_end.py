"""Report 7 (and 逾期未回访) of a closed month is as of the month's end in every column
(docs/design.md §Numbers as of a moment): a deadline, a state, a typed value and the owner changed
after the month are not in it; name and phone stay current; the client is in the report of whoever
owned it at the month's end."""

import datetime as dt
from decimal import Decimal

import pytest

from reports.definitions import REPORTS
from reports.queries import ReportScope
from salesops.periods import Period
from salesops.services import bump, clock_at
from tests.visits.factories import ClientFactory, VisitFactory
from visits import services
from visits.models import Client

from .conftest import at

pytestmark = pytest.mark.django_db
D = dt.date
NOV = Period.parse("2026-11")


def fresh(client):
    return Client.objects.get(pk=client.pk)


@pytest.fixture
def moved(salesperson, salesperson2, manager):
    """客户壬, as a hand count of November's end: salesperson's, 方案已制定 since 11-20 with 限期回访
    11-25, 意向资金 100,000, 稳健型. In December (the reports' clock stands at 12-05) the manager moves
    the deadline to 12-12, the client is revisited, and the client goes to salesperson2 with new typed values."""
    c = ClientFactory(
        salesperson=salesperson,
        name="客户壬",
        status="plan_ready",
        revisit_due=D(2026, 11, 25),
        intended_funds=Decimal("100000"),
        risk_preference="moderate",
        remarks="十一月备注",
    )
    Client.objects.filter(pk=c.pk).update(created_at=at(D(2026, 11, 5)))
    c.history.update(history_date=at(D(2026, 11, 20)))  # the values were set in November
    VisitFactory(client=c, date=D(2026, 11, 10))
    with clock_at(at(D(2026, 12, 1))):
        services.client_set_revisit_due(
            client=fresh(c), by=manager, revisit_due=D(2026, 12, 12), expected_version=None
        )
    with clock_at(at(D(2026, 12, 3))):
        services.client_record_revisit(
            client=fresh(c), by=salesperson, date=D(2026, 12, 3), kind="onsite"
        )
    with clock_at(at(D(2026, 12, 4))):  # handed over, and re-typed by the new owner
        now = fresh(c)
        now.salesperson = salesperson2
        now.intended_funds = Decimal("900000")
        now.risk_preference = "aggressive"
        now.remarks = "十二月备注"
        now.name = "客户壬（新名）"
        bump(now, manager)
    return fresh(c)


@pytest.fixture
def postponed(salesperson, manager):
    """客户癸: 方案已制定 with 限期回访 11-28 at November's end; on 12-01 the manager moves it to 12-09."""
    c = ClientFactory(
        salesperson=salesperson, name="客户癸", status="plan_ready", revisit_due=D(2026, 11, 28)
    )
    Client.objects.filter(pk=c.pk).update(created_at=at(D(2026, 11, 6)))
    c.history.update(history_date=at(D(2026, 11, 21)))
    with clock_at(at(D(2026, 12, 1))):
        services.client_set_revisit_due(
            client=fresh(c), by=manager, revisit_due=D(2026, 12, 9), expected_version=None
        )
    return fresh(c)


def test_a_deadline_moved_after_the_month_is_not_in_it(postponed, manager, salesperson):
    assert postponed.revisit_due == D(2026, 12, 9)
    (row,) = rows("2026-11", manager)
    assert row["revisit_due"] == D(2026, 11, 28)
    assert row["status"] == "方案已制定"
    stats = {
        r["salesperson"]: r["overdue"]
        for r in REPORTS["monthly-work"].query(ReportScope(manager), NOV)
    }
    assert stats[salesperson.display_name] == 1  # due 11-28, still 方案已制定 on 11-30


def rows(month, user, **filters):
    return list(REPORTS["target-clients"].query(ReportScope(user, **filters), Period.parse(month)))


def test_report_7_of_a_closed_month_is_as_of_its_end(moved, manager, salesperson, salesperson2):
    assert moved.status == "revisited" and moved.revisit_due is None  # now
    (row,) = [r for r in rows("2026-11", manager) if r["name"] != "客户癸"]
    # the hand count of 11-30: every column as it was then …
    assert row["revisit_due"] == D(2026, 11, 25)
    assert row["status"] == "方案已制定"
    assert row["funds"] == Decimal("100000")
    assert row["risk"] == "稳健型"
    assert row["remarks"] == "十一月备注"
    assert row["salesperson"] == salesperson.display_name
    assert row["visit_count"] == 1  # the December revisit is not November's
    # … but the name stays current
    assert row["name"] == "客户壬（新名）"
    # the owner at the month's end has it in their report; the new owner does not
    assert [r["name"] for r in rows("2026-11", manager, salesperson_id=salesperson.pk)] == [
        "客户壬（新名）"
    ]
    assert rows("2026-11", manager, salesperson_id=salesperson2.pk) == []
    assert [r["name"] for r in rows("2026-11", salesperson)] == ["客户壬（新名）"]
    assert rows("2026-11", salesperson2) == []
    # the totals row sums the values of then
    totals = REPORTS["target-clients"].query(ReportScope(manager), NOV).totals()
    assert totals["funds"] == Decimal("100000")


def test_the_running_month_is_as_of_now(moved, manager, salesperson2):
    (row,) = rows("2026-12", manager)
    assert row["revisit_due"] is None  # the revisit cleared the deadline
    assert row["status"] == "已回访"
    assert row["funds"] == Decimal("900000")
    assert row["salesperson"] == salesperson2.display_name


def test_overdue_of_a_closed_month_counts_as_of_its_end(moved, manager, salesperson, salesperson2):
    """On 11-30 客户壬 was salesperson's, 方案已制定, due 11-25: overdue in November's report 6 — for
    salesperson, although it is now salesperson2's, revisited and without a deadline."""
    stats = {
        r["salesperson"]: r["overdue"]
        for r in REPORTS["monthly-work"].query(ReportScope(manager), NOV)
    }
    assert stats[salesperson.display_name] == 1
    assert stats[salesperson2.display_name] == 0
