"""A log comment (批注) and a changed 限期二次回访 reach the salesperson as notifications — the bell
and the home page — after the action commits (issue 24)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from plans import services as plans
from tests.visits.factories import ClientFactory
from visits import services as visits

pytestmark = pytest.mark.django_db


def test_a_log_comment_reaches_the_salesperson_after_commit(
    salesperson, manager, client_as, django_capture_on_commit_callbacks
):
    log = plans.worklog_write(
        salesperson=salesperson, date=timezone.localdate(), content="拜访三位客户"
    )
    with django_capture_on_commit_callbacks(execute=True):
        plans.worklog_comment(log=log, by=manager, text="重点客户要跟紧")
        assert not Notification.objects.exists()  # only once committed
    n = Notification.objects.get(kind="worklog_commented")
    assert n.recipient == salesperson
    body = client_as(salesperson).get(reverse("home")).content.decode()
    assert "重点客户要跟紧" in body and "工作日志有新批注" in body


def test_a_changed_revisit_deadline_reaches_the_salesperson(
    salesperson, manager, client_as, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    client = ClientFactory(
        salesperson=salesperson, status="plan_ready", revisit_due=today + dt.timedelta(days=3)
    )
    new_due = today + dt.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        visits.client_set_revisit_due(client=client, by=manager, revisit_due=new_due)
        assert not Notification.objects.exists()
    n = Notification.objects.get(kind="revisit_due_changed")
    assert n.recipient == salesperson
    assert n.params["due"] == new_due.isoformat()
    body = client_as(salesperson).get(reverse("home")).content.decode()
    assert "二次回访期限已调整" in body and new_due.isoformat() in body
