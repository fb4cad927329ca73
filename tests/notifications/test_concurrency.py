"""Several machines running the scheduled commands at once never send twice (PostgreSQL): two
``send_reminders`` processes started together against the same database, and two threads raising
the same notification at the same moment, leave one notification and one robot message each; a
delivery or report mail left "sending" by a killed process is taken over by one of them only."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from notifications.delivery import deliver_pending
from notifications.models import Delivery, Notification, ScheduledMail, TeamChannel
from notifications.reports_mail import _claim
from notifications.services import notify
from plans import services as plans
from tests.concurrency import race
from tests.visits.factories import ClientFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
]

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def test_two_send_reminders_processes_at_once_send_each_reminder_once(
    team, manager, salesperson, salesperson2, webhook, today
):
    import datetime as dt

    TeamChannel.objects.create(team=team, kind="wecom", webhook_url=f"{webhook.base}/ok")
    for i in range(25):
        ClientFactory(
            salesperson=salesperson if i % 2 else salesperson2,
            status="plan_ready",
            revisit_due=today - dt.timedelta(days=1 + i),
        )
    env = os.environ | {
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "salesops.settings_test",
    }
    procs = [
        subprocess.Popen(
            [sys.executable, "manage.py", "send_reminders"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    overdue = Notification.objects.filter(kind="revisit_overdue")
    assert overdue.count() == 25
    keys = list(Notification.objects.values_list("kind", "subject", "period", "recipient"))
    assert len(keys) == len(set(keys))
    # each notification went to the team's robot exactly once
    assert Delivery.objects.filter(channel="wecom", status="sent").count() == len(keys)
    assert len(webhook.calls) == len(keys)
    # together the two processes raised each reminder once
    raised = sum(int(out.split("revisits=")[1].split()[0]) for out, _err in outputs)
    assert raised == 25


def test_two_threads_raising_the_same_event_at_once_leave_one(salesperson):
    results = race(
        *[
            lambda: notify(kind="revisit_overdue", recipient=salesperson, subject="x", period="p")
            for _ in range(4)
        ]
    )
    assert all(r[0] == "ok" for r in results), results
    assert sum(r[1] is not None for r in results) == 1
    assert Notification.objects.count() == 1


def test_two_processes_claim_one_report_mail(settings):
    results = race(*[lambda: _claim("submission", "s:1", "2026-10", "o@x") for _ in range(4)])
    assert sum(r[1] is not None for r in results if r[0] == "ok") == 1, results
    assert ScheduledMail.objects.count() == 1


def test_processes_racing_for_a_delivery_left_sending_send_it_once(
    submitted_plan, manager, salesperson, settings
):
    settings.NOTIFY_DELIVERY = "command"  # the row stays for the sweep
    salesperson.email = "sales1@example.com"
    salesperson.save()
    plans.plan_return(plan=submitted_plan, by=manager, reason="重写")
    stale = timezone.now() - dt.timedelta(minutes=16)
    Delivery.objects.update(status="sending", claimed_at=stale)  # a process killed mid-send
    results = race(*[deliver_pending for _ in range(4)])
    assert all(r[0] == "ok" for r in results), results
    assert sum(r[1]["sent"] for r in results) == 1
    assert len(mail.outbox) == 1
    d = Delivery.objects.get()
    assert (d.status, d.attempts) == ("sent", 2)


def test_processes_racing_for_a_report_mail_left_sending_claim_it_once():
    ScheduledMail.objects.create(
        kind="submission",
        subject="s:1",
        period="2026-10",
        address="o@x",
        status="sending",
        claimed_at=timezone.now() - dt.timedelta(minutes=16),
    )
    results = race(*[lambda: _claim("submission", "s:1", "2026-10", "o@x") for _ in range(4)])
    assert sum(r[1] is not None for r in results if r[0] == "ok") == 1, results
    assert ScheduledMail.objects.get().attempts == 1
