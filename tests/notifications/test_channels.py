"""The channels: a webhook that answers ok, 500, too slowly or with an error code; DingTalk's
signature; an e-mail server that refuses. Every failure is recorded on the delivery, bounded in
attempts, and never undoes the action that raised the notification."""

import base64
import hashlib
import hmac
import smtplib
import urllib.parse

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from notifications.channels import dingtalk_signed_url
from notifications.models import Delivery, Notification, TeamChannel
from plans import services as plans
from plans.models import VisitPlan

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({"x@example.com": (550, b"mailbox unavailable")})


def robot(team, webhook, path, kind="wecom", secret=""):
    return TeamChannel.objects.create(
        team=team, kind=kind, webhook_url=f"{webhook.base}{path}", secret=secret
    )


def return_plan(plan, manager, capture):
    with capture(execute=True):
        return plans.plan_return(plan=plan, by=manager, reason="重写")


def test_wecom_robot_gets_markdown_with_a_link(
    submitted_plan, manager, team, webhook, django_capture_on_commit_callbacks
):
    robot(team, webhook, "/ok")
    return_plan(submitted_plan, manager, django_capture_on_commit_callbacks)
    assert len(webhook.calls) == 1
    body = webhook.calls[0]["body"]
    assert body["msgtype"] == "markdown"
    assert "重写" in body["markdown"]["content"]
    assert f"http://testserver/plans/{submitted_plan.pk}/" in body["markdown"]["content"]
    d = Delivery.objects.get(channel="wecom")
    assert (d.status, d.attempts, d.error) == ("sent", 1, "")


def test_dingtalk_robot_is_signed(
    submitted_plan, manager, team, webhook, django_capture_on_commit_callbacks
):
    robot(team, webhook, "/ok?access_token=abc", kind="dingtalk", secret="SECxyz")
    return_plan(submitted_plan, manager, django_capture_on_commit_callbacks)
    call = webhook.calls[0]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(call["path"]).query)
    timestamp, sign = query["timestamp"][0], query["sign"][0]
    expected = base64.b64encode(
        hmac.new(b"SECxyz", f"{timestamp}\nSECxyz".encode(), hashlib.sha256).digest()
    ).decode()
    assert sign == expected and query["access_token"] == ["abc"]
    assert call["body"]["markdown"]["title"]
    assert Delivery.objects.get(channel="dingtalk").status == "sent"


def test_signed_url_is_the_documented_one():
    url = dingtalk_signed_url("https://oapi.dingtalk.com/robot/send?access_token=t", "s", 1)
    digest = hmac.new(b"s", b"1\ns", hashlib.sha256).digest()
    assert url.endswith("&timestamp=1&sign=" + urllib.parse.quote_plus(base64.b64encode(digest)))


@pytest.mark.parametrize(
    "path, error",
    [("/500", "HTTP 500"), ("/errcode", "errcode 310000"), ("/timeout", "timed out")],
)
def test_a_failing_webhook_is_retried_a_bounded_number_of_times_and_recorded(
    submitted_plan,
    manager,
    salesperson,
    team,
    webhook,
    path,
    error,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.NOTIFY_HTTP_ATTEMPTS = 3
    robot(team, webhook, path)
    plan = return_plan(submitted_plan, manager, django_capture_on_commit_callbacks)
    # the action stands and the in-app notification is there
    assert VisitPlan.objects.get(pk=plan.pk).status == "returned"
    assert Notification.objects.filter(recipient=salesperson).count() == 1
    d = Delivery.objects.get(channel="wecom")
    assert d.status == "failed" and d.attempts == 3
    assert error in d.error
    assert len(webhook.calls) == 3


def test_an_unreachable_webhook_is_recorded(
    submitted_plan, manager, team, django_capture_on_commit_callbacks, settings
):
    settings.NOTIFY_HTTP_ATTEMPTS = 2
    TeamChannel.objects.create(team=team, kind="wecom", webhook_url="http://127.0.0.1:9/x")
    return_plan(submitted_plan, manager, django_capture_on_commit_callbacks)
    d = Delivery.objects.get(channel="wecom")
    assert d.status == "failed" and d.attempts == 2 and d.error


def test_a_refusing_mail_server_is_recorded_and_the_action_stands(
    submitted_plan, manager, salesperson, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.notifications.test_channels.RefusingBackend"
    salesperson.email = "sales1@example.com"
    salesperson.save()
    plan = return_plan(submitted_plan, manager, django_capture_on_commit_callbacks)
    assert VisitPlan.objects.get(pk=plan.pk).status == "returned"
    d = Delivery.objects.get(channel="email")
    assert d.status == "failed" and "SMTPRecipientsRefused" in d.error


def test_each_channel_is_sent_once(
    submitted_plan, manager, salesperson, team, webhook, django_capture_on_commit_callbacks
):
    """Another process (the scheduled sweep) reaching the same deliveries sends nothing again."""
    from notifications.delivery import deliver_pending

    salesperson.email = "sales1@example.com"
    salesperson.save()
    robot(team, webhook, "/ok")
    return_plan(submitted_plan, manager, django_capture_on_commit_callbacks)
    assert deliver_pending() == {"sent": 0, "failed": 0}
    assert len(mail.outbox) == 1 and len(webhook.calls) == 1


def test_a_pending_delivery_left_behind_is_sent_by_the_sweep(submitted_plan, manager, salesperson):
    """Without on_commit running (a process that stopped), the command's sweep sends it."""
    from notifications.delivery import deliver_pending

    salesperson.email = "sales1@example.com"
    salesperson.save()
    plans.plan_return(plan=submitted_plan, by=manager, reason="重写")
    assert Delivery.objects.get().status == "pending"
    assert deliver_pending() == {"sent": 1, "failed": 0}
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_in_a_web_process_a_background_thread_sends(submitted_plan, manager, salesperson, settings):
    from notifications import services as notification_services

    settings.NOTIFY_DELIVERY = "background"
    salesperson.email = "sales1@example.com"
    salesperson.save()
    plans.plan_return(plan=submitted_plan, by=manager, reason="重写")
    notification_services._queue.join()
    assert Delivery.objects.get().status == "sent"
    assert len(mail.outbox) == 1


def test_command_mode_leaves_the_sending_to_the_sweep(
    submitted_plan, manager, salesperson, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFY_DELIVERY = "command"
    salesperson.email = "sales1@example.com"
    salesperson.save()
    return_plan(submitted_plan, manager, django_capture_on_commit_callbacks)
    assert Delivery.objects.get().status == "pending" and mail.outbox == []
