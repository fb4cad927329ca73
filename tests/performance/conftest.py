"""A team whose November 2026 is counted by hand.

November 2026 has 21 working days (Mon–Fri: 2–6, 9–13, 16–20, 23–27, 30; no statutory holiday);
on Friday 13 November 10 of them have passed, so pace = target × 10 ÷ 21.

salesperson ``a`` (王芳), task: 21 visits, 6 new clients, 3 accounts, 420 000 元
  visits 11-02, 11-10, 11-13 count; 11-11 (archived), 10-30 and 11-20 (after the 13th) do not → 3
  clients registered 11-01 00:10, 11-05 10:00, 11-13 23:30 local count; 10-31 23:30 local not → 3
  account openings 11-12 counts, 10-28 not → 1
  deposits 11-12 100 000 + 11-13 50 000.50 count; 10-30 70 000 and 11-20 30 000 not → 150 000.50
salesperson ``b`` (李强), task: 42 visits, 0 new clients, 1 account, 210 000 元
  one visit 11-09 → 1; nothing else in November
``c`` of the same team has no task (not shown); 营销二部 has a task but did not announce it.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import Role
from plans.models import CommitmentLetter, MonthlySalesPlan, SalesTask
from tests.factories import UserFactory
from tests.visits.factories import ClientFactory, VisitFactory
from visits.models import AccountOpening, Deposit

D = dt.date
NOV = D(2026, 11, 1)
TODAY = D(2026, 11, 13)


def local(day, hour=10, minute=0):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def task(team, person, manager, visits, new, accounts, deposit, month=NOV):
    t = SalesTask.objects.create(
        team=team,
        salesperson=person,
        month=month,
        target_visits=visits,
        target_new_clients=new,
        target_accounts=accounts,
        target_deposit_amount=Decimal(deposit),
        assigned_by=manager,
    )
    CommitmentLetter.objects.create(task=t, text="承诺", status="approved")
    return t


def client_of(person, created, **kw):
    c = ClientFactory(salesperson=person, **kw)
    type(c).objects.filter(pk=c.pk).update(created_at=created)
    return c


@pytest.fixture
def november(
    team, manager, salesperson, salesperson2, other_team, other_manager, other_salesperson
):
    a, b = salesperson, salesperson2
    c = UserFactory(username="sales3", full_name="陈静", role=Role.SALESPERSON, team=team)
    k1 = client_of(a, local(D(2026, 11, 1), 0, 10), status="funded")
    k2 = client_of(a, local(D(2026, 11, 5)), status="account_opened")
    client_of(a, local(D(2026, 11, 13), 23, 30), status="visited")
    k4 = client_of(a, local(D(2026, 10, 31), 23, 30), status="account_opened")
    kb = client_of(b, local(D(2026, 10, 15)), status="visited")
    kc = client_of(c, local(D(2026, 11, 3)), status="prospect")
    for day in (D(2026, 11, 2), D(2026, 11, 10), D(2026, 11, 13), D(2026, 10, 30), D(2026, 11, 20)):
        VisitFactory(client=k1, date=day)
    archived = VisitFactory(client=k2, date=D(2026, 11, 11))
    type(archived).objects.filter(pk=archived.pk).update(archived_at=local(D(2026, 11, 12)))
    VisitFactory(client=kb, date=D(2026, 11, 9))
    VisitFactory(client=kc, date=D(2026, 11, 9))  # c has no task
    AccountOpening.objects.create(
        client=k1, date=D(2026, 11, 12), account_number="A1", recorded_by=a
    )
    AccountOpening.objects.create(
        client=k4, date=D(2026, 10, 28), account_number="A2", recorded_by=a
    )
    for day, amount in (
        (D(2026, 11, 12), "100000"),
        (D(2026, 11, 13), "50000.50"),
        (D(2026, 10, 30), "70000"),
        (D(2026, 11, 20), "30000"),
    ):
        Deposit.objects.create(client=k1, date=day, amount=Decimal(amount), recorded_by=a)
    task(team, a, manager, 21, 6, 3, "420000")
    task(team, b, manager, 42, 0, 1, "210000")
    MonthlySalesPlan.objects.create(
        team=team,
        month=NOV,
        sales_plan="方案",
        reward_plan="奖励",
        author=manager,
        announced_at=local(D(2026, 11, 2)),
    )
    # the other team: a task, but the month is not announced
    task(other_team, other_salesperson, other_manager, 5, 5, 5, "5")
    MonthlySalesPlan.objects.create(
        team=other_team, month=NOV, sales_plan="方案", reward_plan="奖励", author=other_manager
    )
    return {"a": a, "b": b, "c": c}
