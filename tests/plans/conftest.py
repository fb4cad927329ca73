import datetime as dt

import pytest
from django.utils import timezone

from plans import services
from tests.visits.factories import ClientFactory


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def next_monday(today):
    return today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=7)


@pytest.fixture
def my_client(salesperson):
    return ClientFactory(salesperson=salesperson, status="plan_ready", name="计划客户")


@pytest.fixture
def draft_plan(salesperson, next_monday, my_client):
    plan = services.plan_create(owner=salesperson, horizon="week", period_start=next_monday)
    services.plan_item_add(
        plan=plan, by=salesperson, date=next_monday, client=my_client, purpose="plan_revisit"
    )
    plan.refresh_from_db()
    return plan


@pytest.fixture
def submitted_plan(draft_plan, salesperson):
    return services.plan_submit(plan=draft_plan, by=salesperson)


@pytest.fixture
def task(manager, salesperson, today):
    from tests.plans.factories import month_ready

    month_ready(manager, today)
    return services.task_assign(
        manager=manager,
        salesperson=salesperson,
        month=today,
        target_visits=20,
        target_new_clients=4,
        target_accounts=2,
        target_deposit_amount=500000,
    )
