"""A small department whose numbers are known by hand (week 2026-W46 = 11-09..11-15, month 2026-11)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from plans.models import (
    CommitmentLetter,
    MonthlySalesPlan,
    SalesTask,
    VisitPlan,
    VisitPlanItem,
    WorkLog,
)
from salesops.services import clock_at
from tests.visits.factories import ClientFactory, VisitFactory
from visits.models import AccountOpening, ClosingAttempt, Deposit

D = dt.date


def at(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


@pytest.fixture(autouse=True)
def _reports_clock():
    """The reports' clock (salesops.services.today) stands after the fixture's November, so that
    its periods are closed and counted whole; tests of a running period set their own."""
    with clock_at(at(D(2026, 12, 5))):
        yield


@pytest.fixture
def dept(team, manager, salesperson, salesperson2, other_salesperson):
    a, b = salesperson, salesperson2
    c1 = ClientFactory(salesperson=a, name="客户甲", status="visited")
    c2 = ClientFactory(
        salesperson=a,
        name="客户乙",
        status="funded",
        reported_on=D(2026, 11, 9),
        phone='=HYPERLINK("http://x")',
    )
    c3 = ClientFactory(salesperson=a, name="客户丙", status="failed", revisit_due=D(2026, 11, 5))
    c4 = ClientFactory(salesperson=b, name="客户丁", status="needs_analyzed")
    outsider = ClientFactory(salesperson=other_salesperson, name="外队客户", status="visited")
    for c, day in (
        (c1, D(2026, 11, 10)),
        (c2, D(2026, 10, 20)),
        (c3, D(2026, 10, 1)),
        (c4, D(2026, 11, 13)),
        (outsider, D(2026, 11, 10)),
    ):
        type(c).objects.filter(pk=c.pk).update(created_at=at(day))
    v1 = VisitFactory(client=c1, date=D(2026, 11, 10), kind="onsite", purpose="first")
    v2 = VisitFactory(client=c2, date=D(2026, 11, 11), kind="invited", purpose="plan_revisit")
    VisitFactory(client=c3, date=D(2026, 11, 12), kind="onsite", purpose="after_failure")
    VisitFactory(client=c2, date=D(2026, 11, 20), kind="onsite", purpose="service")
    v4 = VisitFactory(client=c4, date=D(2026, 11, 13), kind="invited", purpose="needs")
    VisitFactory(client=outsider, date=D(2026, 11, 10))
    ClosingAttempt.objects.create(
        client=c2,
        team=team,
        salesperson=a,
        started_on=D(2026, 11, 9),
        outcome="won",
        decided_on=D(2026, 11, 12),
    )
    ClosingAttempt.objects.create(
        client=c3,
        team=team,
        salesperson=a,
        started_on=D(2026, 11, 3),
        outcome="lost",
        decided_on=D(2026, 11, 10),
    )
    ClosingAttempt.objects.create(client=c4, team=team, salesperson=b, started_on=D(2026, 11, 14))
    AccountOpening.objects.create(
        client=c2, date=D(2026, 11, 12), account_number="310001", recorded_by=a
    )
    Deposit.objects.create(
        client=c2, date=D(2026, 11, 13), amount=Decimal("100000.00"), recorded_by=a
    )
    Deposit.objects.create(
        client=c2, date=D(2026, 11, 20), amount=Decimal("50000.50"), recorded_by=a
    )
    pa = VisitPlan.objects.create(
        owner=a,
        team=team,
        horizon="week",
        period_start=D(2026, 11, 9),
        period_end=D(2026, 11, 15),
        status="approved",
    )
    VisitPlanItem.objects.create(
        plan=pa, date=D(2026, 11, 10), client=c1, purpose="first", is_key=True, visit=v1
    )
    VisitPlanItem.objects.create(
        plan=pa, date=D(2026, 11, 11), client=c2, purpose="plan_revisit", visit=v2
    )
    VisitPlanItem.objects.create(
        plan=pa, date=D(2026, 11, 14), prospect_name="赵先生", purpose="first", note="@SUM(A1)"
    )
    pb = VisitPlan.objects.create(
        owner=b,
        team=team,
        horizon="week",
        period_start=D(2026, 11, 9),
        period_end=D(2026, 11, 15),
        status="submitted",
    )
    VisitPlanItem.objects.create(
        plan=pb, date=D(2026, 11, 13), client=c4, purpose="needs", visit=v4
    )
    for person, days in ((a, (9, 10, 11)), (b, (13,))):
        for d in days:
            WorkLog.objects.create(
                salesperson=person, team=team, date=D(2026, 11, d), content="日志"
            )
    ta = SalesTask.objects.create(
        team=team,
        salesperson=a,
        month=D(2026, 11, 1),
        target_visits=20,
        target_new_clients=4,
        target_accounts=2,
        target_deposit_amount=Decimal("300000"),
        assigned_by=manager,
    )
    tb = SalesTask.objects.create(
        team=team,
        salesperson=b,
        month=D(2026, 11, 1),
        target_visits=10,
        target_new_clients=2,
        target_accounts=1,
        target_deposit_amount=Decimal("100000"),
        assigned_by=manager,
    )
    CommitmentLetter.objects.create(task=ta, text="承诺", status="approved")
    CommitmentLetter.objects.create(task=tb, text="承诺", status="approved")
    MonthlySalesPlan.objects.create(
        team=team,
        month=D(2026, 11, 1),
        sales_plan="方案",
        reward_plan="奖励",
        author=manager,
        announced_at=at(D(2026, 11, 2)),
    )
    return {"a": a, "b": b, "c1": c1, "c2": c2, "c3": c3, "c4": c4}
