"""The admin pages where robots are configured and deliveries read; each reader sees the message in
their own language."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from notifications.messages import site_text, text
from notifications.models import TeamChannel
from notifications.services import notify

pytestmark = pytest.mark.django_db


def test_admin_pages_open_and_a_robot_is_configured(client, team, salesperson):
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "pass-1234")
    client.force_login(admin)
    notify(kind="plan_returned", recipient=salesperson, subject="a", params={"reason": "x"})
    for model in ("notification", "delivery", "teamchannel", "scheduledmail", "calendartoken"):
        url = reverse(f"admin:notifications_{model}_changelist")
        assert client.get(url).status_code == 200, url
    response = client.post(
        reverse("admin:notifications_teamchannel_add"),
        {
            "team": team.pk,
            "kind": "dingtalk",
            "webhook_url": "https://oapi.dingtalk.com/robot/send?access_token=t",
            "secret": "SEC123",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert TeamChannel.objects.get(team=team).secret == "SEC123"


def test_the_message_is_in_the_readers_language(salesperson):
    n = notify(
        kind="revisit_overdue",
        recipient=salesperson,
        subject="c",
        params={"client": "张三", "due": "2026-11-20"},
    )
    with translation.override("en"):
        assert text(n) == 'The revisit of "张三" is overdue (deadline 2026-11-20).'
        assert site_text(n) == "客户「张三」的二次回访已逾期（期限 2026-11-20）。"


def test_a_report_title_and_a_decision_are_translated(salesperson):
    n = notify(
        kind="report_late",
        recipient=salesperson,
        subject="r",
        params={"team": "一部", "report": "weekly-work", "period": "2026-W47", "due": "x"},
    )
    assert "营销人员工作周统计表" in text(n)
    with translation.override("en"):
        assert "营销人员工作周统计表" not in text(n)
