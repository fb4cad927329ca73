"""开户未入金 催办 (issue 24): from the chase list the manager assigns a daily key follow-up (the
salesperson's 每日重点跟进) or sends a reminder (a notification); the list shows who did what, when."""

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from plans.models import DailyFocus
from problems import services
from problems.models import ChaseAction
from salesops.services import ServiceError
from tests.visits.factories import ClientFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unfunded(salesperson):
    return ClientFactory(salesperson=salesperson, status="account_opened", name="未入金客户")


def test_a_follow_up_becomes_the_salespersons_daily_focus_and_is_shown(
    client_as, manager, salesperson, unfunded
):
    c = client_as(manager)
    response = c.post(
        reverse("problems:chase_follow_up", args=[unfunded.pk]),
        {"instruction": "今天电话确认入金"},
        follow=True,
    )
    focus = DailyFocus.objects.get()
    assert (focus.salesperson, focus.client, focus.date) == (
        salesperson,
        unfunded,
        timezone.localdate(),
    )
    assert focus.instruction == "今天电话确认入金"
    body = response.content.decode()
    assert "已将 未入金客户 安排为今天的重点跟进" in body
    assert f"{manager.display_name} · 安排重点跟进：今天电话确认入金" in body


def test_a_reminder_notifies_the_salesperson_after_commit_and_is_shown(
    client_as, manager, salesperson, unfunded, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(manager).post(
            reverse("problems:chase_remind", args=[unfunded.pk]), follow=True
        )
    n = Notification.objects.get(kind="chase_reminder")
    assert n.recipient == salesperson and n.params["client"] == "未入金客户"
    assert f"{manager.display_name} · 发送提醒" in response.content.decode()


def test_a_funded_client_is_not_chased(manager, salesperson):
    funded = ClientFactory(salesperson=salesperson, status="funded")
    with pytest.raises(ServiceError, match="不在已开户未入金的客户中"):
        services.client_chase_remind(client=funded, by=manager)
    assert not ChaseAction.objects.exists()


def test_only_the_teams_manager_chases(client_as, other_manager, salesperson, unfunded):
    response = client_as(other_manager).post(reverse("problems:chase_remind", args=[unfunded.pk]))
    assert response.status_code == 404
    assert (
        client_as(salesperson)
        .post(reverse("problems:chase_remind", args=[unfunded.pk]))
        .status_code
        == 403
    )
