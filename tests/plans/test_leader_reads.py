"""The leader reads everything the manager writes for the office — the reward plan behind a
proposal, the letters, the manager's week plan, the pipeline — read-only, every team (docs/design.md
§The leader; issue 24)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from plans import services
from tests.plans.factories import month_ready

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(manager, salesperson):
    month_ready(manager, timezone.localdate())
    task = services.task_assign(
        manager=manager,
        salesperson=salesperson,
        month=timezone.localdate(),
        target_visits=7,
        target_new_clients=1,
        target_accounts=1,
        target_deposit_amount=1000,
    )
    letter = services.letter_write(letter=task.letter, by=salesperson, text="我承诺完成")
    return services.letter_submit(letter=letter, by=salesperson)


def test_the_leader_reads_a_letter_without_review_buttons(client_as, leader, letter):
    c = client_as(leader)
    response = c.get(reverse("plans:letter_detail", args=[letter.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "我承诺完成" in body
    assert reverse("plans:letter_approve", args=[letter.pk]) not in body
    assert c.post(reverse("plans:letter_approve", args=[letter.pk])).status_code == 403


def test_the_leader_reads_the_months_reward_plan_and_its_letters(client_as, leader, letter):
    from plans.models import MonthlySalesPlan

    plan = MonthlySalesPlan.objects.get()
    body = client_as(leader).get(reverse("plans:sales_plan_detail", args=[plan.pk]))
    body = body.content.decode()
    assert "奖励" in body and reverse("plans:letter_detail", args=[letter.pk]) in body
    office = client_as(leader).get(reverse("plans:office")).content.decode()
    assert reverse("plans:sales_plan_detail", args=[plan.pk]) in office


def test_the_leader_reads_the_pipeline_of_every_team(client_as, leader):
    assert client_as(leader).get(reverse("visits:pipeline")).status_code == 200
