"""Targets, actuals and pace against the hand count of conftest.py; the same numbers as reports 4/6."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from performance import queries
from plans.models import CommitmentLetter, MonthlySalesPlan
from reports.queries import ReportScope, monthly_sales, work_stats
from salesops.periods import Period, working_days
from tests.factories import UserFactory
from tests.visits.factories import ClientFactory, VisitFactory
from visits.models import Deposit

from .conftest import NOV, TODAY, task

pytestmark = pytest.mark.django_db
MONTH = Period.month_of(NOV)


def table(measures):
    return {m.key: (m.actual, m.pace, m.target) for m in measures}


def test_working_days_of_november_2026_by_hand():
    assert working_days(MONTH.start, MONTH.end) == 21
    assert queries.elapsed_share(MONTH, TODAY) == (10, 21)
    assert queries.elapsed_share(MONTH, dt.date(2026, 10, 31)) == (0, 21)
    assert queries.elapsed_share(MONTH, dt.date(2026, 12, 5)) == (21, 21)


def test_running_month_per_salesperson_and_team_total(november, team):
    result = queries.pace([team.pk], MONTH, TODAY)
    assert (result.elapsed, result.working, result.span.end) == (10, 21, TODAY)
    [tp] = result.teams
    people = {p.person.username: table(p.measures) for p in tp.people}
    assert set(people) == {"sales1", "sales2"}  # sales3 has no task
    assert people["sales1"] == {
        "visits": (3, Decimal("10.0"), 21),
        "new_clients": (3, Decimal("2.9"), 6),
        "accounts": (1, Decimal("1.4"), 3),
        "deposit": (Decimal("150000.50"), Decimal("200000.00"), Decimal("420000")),
    }
    assert people["sales2"] == {
        "visits": (1, Decimal("20.0"), 42),
        "new_clients": (0, Decimal("0.0"), 0),
        "accounts": (0, Decimal("0.5"), 1),
        "deposit": (Decimal("0"), Decimal("100000.00"), Decimal("210000")),
    }
    total = {m.key: m for m in tp.total}
    assert table(tp.total) == {
        "visits": (4, Decimal("30.0"), 63),
        "new_clients": (3, Decimal("2.9"), 6),
        "accounts": (1, Decimal("1.9"), 4),
        "deposit": (Decimal("150000.50"), Decimal("300000.00"), Decimal("630000")),
    }
    # the total's completion is recomputed from the summed parts of the same rows
    assert total["deposit"].completion == Decimal("0.2381")
    assert total["visits"].behind and not total["new_clients"].behind
    assert total["new_clients"].pace_completion == Decimal("1.0345")
    # a target of 0 leaves completion blank
    b = next(p for p in tp.people if p.person.username == "sales2")
    assert b.measures[1].completion is None


def test_closed_month_counts_its_whole_span(november, team):
    [tp] = queries.pace([team.pk], MONTH, dt.date(2026, 12, 5)).teams
    a = table(next(p for p in tp.people if p.person.username == "sales1").measures)
    assert a["visits"] == (4, Decimal("21.0"), 21)
    assert a["deposit"] == (Decimal("180000.50"), Decimal("420000.00"), Decimal("420000"))


def test_actuals_are_the_numbers_of_reports_4_and_6(november, team, manager):
    scope = ReportScope(user=manager, team_id=team.pk)
    for span in (Period("month", NOV, TODAY), MONTH):
        [tp] = queries.pace([team.pk], MONTH, span.end).teams
        sales = {r["salesperson"]: r for r in monthly_sales(scope, span)}
        work = {r["salesperson"]: r for r in work_stats(scope, span)}
        # the loop below compares people: it must have the two with a task to compare
        assert sorted(p.person.username for p in tp.people) == ["sales1", "sales2"]
        for p in tp.people:
            got = table(p.measures)
            name = p.person.display_name
            assert got["visits"][0] == work[name]["visits"]
            assert got["new_clients"][0] == work[name]["new_clients"]
            assert got["accounts"][0] == sales[name]["accounts"]
            assert got["deposit"][0] == sales[name]["deposit_amount"]


def test_unannounced_month_shows_nobody(november, team, other_team):
    result = queries.pace(None, MONTH, TODAY)
    by_team = {tp.team.pk: tp for tp in result.teams}
    assert by_team[other_team.pk].people == []
    assert [m.target for m in by_team[other_team.pk].total] == [0, 0, 0, Decimal("0")]
    MonthlySalesPlan.objects.filter(team=team).update(announced_at=None)
    assert queries.pace([team.pk], MONTH, TODAY).teams[0].people == []


def test_a_salesperson_sees_their_own_four(november, team):
    mine = queries.person_pace(november["a"], MONTH, TODAY)
    assert table(mine.measures)["deposit"][0] == Decimal("150000.50")
    assert queries.person_pace(november["c"], MONTH, TODAY) is None


def test_trend_counts_weeks_by_hand(november, team):
    rows = queries.trend([team.pk], TODAY, weeks=3)
    assert [r["week"] for r in rows] == ["2026-W44", "2026-W45", "2026-W46"]
    # W44 = 10-26..11-01: visit 10-30, client 10-31 23:30 and 11-01 00:10, deposit 10-30
    # W45 = 11-02..11-08: visit 11-02, clients 11-03 (c) and 11-05
    # W46 = 11-09..11-13 (to date): visits 11-09 ×2, 11-10, 11-13; client 11-13 23:30; deposits
    assert [(r["visits"], r["new_clients"], r["deposit"]) for r in rows] == [
        (1, 2, Decimal("70000")),
        (1, 2, Decimal("0")),
        (4, 1, Decimal("150000.50")),
    ]


def test_funnel_lists_every_state_of_the_team(november, team, other_salesperson):
    ClientFactory(salesperson=other_salesperson, status="funded")
    counts = {r["code"]: r["count"] for r in queries.funnel([team.pk])}
    assert counts["funded"] == 1 and counts["account_opened"] == 2 and counts["visited"] == 2
    assert counts["prospect"] == 1 and counts["closing"] == 0 and len(counts) == 11


def _people(team, manager, n):
    for _ in range(n):
        person = UserFactory(role=Role.SALESPERSON, team=team)
        task(team, person, manager, 10, 1, 1, "1000")
        VisitFactory(client=ClientFactory(salesperson=person), date=dt.date(2026, 11, 3))


def test_query_count_is_the_same_for_2_and_20_salespeople(team, manager, other_team, other_manager):
    MonthlySalesPlan.objects.create(
        team=team,
        month=NOV,
        sales_plan="方案",
        reward_plan="奖励",
        author=manager,
        announced_at=queries.timezone.now(),
    )
    counts = []
    for n in (2, 18):
        _people(team, manager, n)
        with CaptureQueriesContext(connection) as ctx:
            result = queries.pace(None, MONTH, TODAY)
            queries.trend(None, TODAY)
            queries.funnel([team.pk])
        counts.append(len(ctx))
    assert len(result.teams[0].people) == 20
    assert counts[0] == counts[1]
    assert CommitmentLetter.objects.count() == 20


def test_deposit_of_another_team_never_counts(november, team, other_salesperson):
    other = ClientFactory(salesperson=other_salesperson)
    Deposit.objects.create(
        client=other,
        date=dt.date(2026, 11, 12),
        amount=Decimal("999"),
        recorded_by=other_salesperson,
    )
    [tp] = queries.pace([team.pk], MONTH, TODAY).teams
    assert table(tp.total)["deposit"][0] == Decimal("150000.50")


def test_trend_closed_weeks_are_cached_until_a_late_write(november, team, settings):
    """The weeks before this one come from the cache (reports.freshness.remember) keyed by the
    team's data version: a visit logged late into a closed week shows on the next read."""
    from visits import services as visit_services

    first = queries.trend([team.pk], TODAY, weeks=3)
    with CaptureQueriesContext(connection) as ctx:
        assert queries.trend([team.pk], TODAY, weeks=3) == first
    # the data version, then this week's three counts: the closed weeks are not counted again
    assert len(ctx) == 4
    client = ClientFactory(salesperson=november["a"], status="visited")
    visit_services.visit_log(
        client=client, by=november["a"], date=dt.date(2026, 11, 4), kind="onsite", purpose="service"
    )
    again = queries.trend([team.pk], TODAY, weeks=3)
    assert again[1]["visits"] == first[1]["visits"] + 1
