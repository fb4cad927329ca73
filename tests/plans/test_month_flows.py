"""宣布并执行 needs a task for every active salesperson; next month's task and letter on the
salesperson's home while they need action; the manager's home with a task that has no letter
(issue 10)."""

import datetime as dt

import pytest
from django.urls import reverse

from plans import services
from plans.models import CommitmentLetter, MonthlySalesPlan, SalesTask
from salesops.periods import month_start
from tests.plans.factories import month_ready

pytestmark = pytest.mark.django_db

TARGETS = dict(
    target_visits=20, target_new_clients=4, target_accounts=2, target_deposit_amount=500000
)


def assign(manager, person, month):
    month_ready(manager, month)
    return services.task_assign(manager=manager, salesperson=person, month=month, **TARGETS)


def approve(task, person, manager):
    letter = services.letter_write(letter=task.letter, by=person, text="承诺")
    letter = services.letter_submit(letter=letter, by=person)
    return services.letter_approve(letter=CommitmentLetter.objects.get(pk=letter.pk), by=manager)


def plans_reported(manager, month):
    services.sales_plan_save(
        team=manager.team, month=month, by=manager, sales_plan="方案", reward_plan="奖励"
    )
    services.sales_plan_report_to_office(
        plan=MonthlySalesPlan.objects.get(team=manager.team, month=month_start(month)),
        by=manager,
    )


def ready_month(manager, today, *people):
    plans_reported(manager, today)
    for person in people:
        approve(assign(manager, person, today), person, manager)


def test_announce_is_refused_naming_active_salespeople_without_a_task(
    client_as, manager, salesperson, salesperson2, today
):
    ready_month(manager, today, salesperson)
    response = client_as(manager).post(reverse("plans:month_announce"), follow=True)
    body = response.content.decode()
    assert "以下营销人员还没有分配本月任务" in body
    assert salesperson2.display_name in body
    assert salesperson.display_name not in body.split("还没有分配本月任务")[1].split("。")[0]
    assert MonthlySalesPlan.objects.get().announced_at is None


def test_announce_goes_ahead_once_everyone_active_has_a_task(
    manager, salesperson, salesperson2, today
):
    ready_month(manager, today, salesperson)
    salesperson2.is_active = False
    salesperson2.save()
    services.month_announce(team=manager.team, month=today, by=manager)
    assert MonthlySalesPlan.objects.get().announced_at is not None


@pytest.fixture
def today():
    from django.utils import timezone

    return timezone.localdate()


@pytest.fixture
def next_month(today):
    return month_start(month_start(today) + dt.timedelta(days=32))


def home(client_as, user):
    response = client_as(user).get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_salesperson_home_shows_next_months_rejected_letter_with_its_reason(
    client_as, manager, salesperson, next_month
):
    task = assign(manager, salesperson, next_month)
    letter = services.letter_write(letter=task.letter, by=salesperson, text="承诺")
    letter = services.letter_submit(letter=letter, by=salesperson)
    services.letter_reject(
        letter=CommitmentLetter.objects.get(pk=letter.pk), by=manager, reason="入金目标写错"
    )
    body = home(client_as, salesperson)
    assert f"{next_month:%Y-%m} 任务承诺书" in body
    assert "审核不通过" in body and "入金目标写错" in body
    assert f"?month={next_month:%Y-%m}" in body


def test_salesperson_home_shows_next_months_letter_to_write_and_then_its_review(
    client_as, manager, salesperson, next_month
):
    task = assign(manager, salesperson, next_month)
    assert "请填写并提交承诺书" in home(client_as, salesperson)
    letter = services.letter_write(letter=task.letter, by=salesperson, text="承诺")
    services.letter_submit(letter=letter, by=salesperson)
    assert "等待经理审核" in home(client_as, salesperson)


def test_salesperson_home_says_nothing_of_next_month_once_it_is_announced(
    client_as, manager, salesperson, next_month
):
    assert "任务承诺书" in home(client_as, salesperson)  # this month's line is always there
    assert 'id="next-month-task"' not in home(client_as, salesperson)  # no task yet
    plans_reported(manager, next_month)
    approve(assign(manager, salesperson, next_month), salesperson, manager)
    assert "等待经理宣布执行" in home(client_as, salesperson)
    services.month_announce(team=manager.team, month=next_month, by=manager)
    assert 'id="next-month-task"' not in home(client_as, salesperson)


def test_pages_with_a_task_that_has_no_letter_do_not_fail(client_as, manager, salesperson, today):
    task = SalesTask.objects.create(
        team=manager.team,
        salesperson=salesperson,
        month=month_start(today),
        assigned_by=manager,
        **TARGETS,
    )
    assert not CommitmentLetter.objects.filter(task=task).exists()
    assert "暂无承诺书" in home(client_as, salesperson)
    home(client_as, manager)
    assert client_as(manager).get(reverse("plans:month")).status_code == 200
    assert client_as(salesperson).get(reverse("plans:my_month")).status_code == 200
