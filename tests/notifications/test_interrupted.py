"""A send interrupted by a process that stopped (killed mid-send) leaves its row "sending": once it
is NOTIFY_SENDING_STALE_MINUTES old the next run claims it again as a failed attempt and sends it,
within the attempt bounds; a send that may still be under way is left alone."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from notifications import delivery as delivery_module
from notifications import reports_mail
from notifications.delivery import INTERRUPTED, deliver_pending
from notifications.models import Delivery, Notification, ScheduledMail, TeamChannel
from notifications.reports_mail import deliver_reports
from plans import services as plans
from tests.notifications.test_reports_mail import at, office_mails, submit

pytestmark = pytest.mark.django_db


class Killed(BaseException):
    """What a killed process looks like from inside: nothing after it runs (no except Exception)."""


def killed_mailing_the_submission(sends):
    """send_email, except that the process is killed while it mails the submitted report."""
    send_email = reports_mail.send_email

    def send(**kwargs):
        if "报表上报" not in kwargs["subject"]:
            return send_email(**kwargs)
        sends.append(kwargs["subject"])
        raise Killed

    return send


def minutes_ago(minutes):
    return timezone.now() - dt.timedelta(minutes=minutes)


@pytest.fixture
def pending_email(submitted_plan, manager, salesperson):
    """A returned plan's e-mail delivery, pending (on_commit does not run in these tests)."""
    salesperson.email = "sales1@example.com"
    salesperson.save()
    plans.plan_return(plan=submitted_plan, by=manager, reason="重写")
    return Delivery.objects.get()


def left_sending(claimed_at):
    """As a process killed mid-send leaves it: "sending", claimed at ``claimed_at``."""
    Delivery.objects.update(status="sending", claimed_at=claimed_at)


def test_a_delivery_left_sending_is_sent_once_by_the_next_sweep(pending_email):
    left_sending(minutes_ago(16))
    assert deliver_pending() == {"sent": 1, "failed": 0}
    d = Delivery.objects.get()
    # the interrupted send counts as an attempt
    assert (d.status, d.attempts, d.error) == ("sent", 2, "")
    assert len(mail.outbox) == 1
    assert deliver_pending() == {"sent": 0, "failed": 0}
    assert len(mail.outbox) == 1


def test_a_delivery_still_being_sent_is_left_alone(pending_email):
    claimed_at = minutes_ago(5)
    left_sending(claimed_at)
    assert deliver_pending() == {"sent": 0, "failed": 0}
    d = Delivery.objects.get()
    assert (d.status, d.attempts, d.claimed_at) == ("sending", 0, claimed_at)
    assert mail.outbox == []


def test_the_stale_time_is_a_setting(pending_email, settings):
    settings.NOTIFY_SENDING_STALE_MINUTES = 3
    left_sending(minutes_ago(5))
    assert deliver_pending() == {"sent": 1, "failed": 0}


def test_a_claimed_delivery_records_when(pending_email):
    d = pending_email
    assert d.status == "pending" and d.claimed_at is None
    deliver_pending()
    d.refresh_from_db()
    assert d.status == "sent" and timezone.now() - d.claimed_at < dt.timedelta(minutes=1)


def test_a_delivery_interrupted_every_time_is_tried_a_bounded_number_of_times(
    pending_email, settings, monkeypatch
):
    settings.NOTIFY_HTTP_ATTEMPTS = 3
    sends = []

    def killed(delivery, tries):
        sends.append(tries)
        raise Killed

    monkeypatch.setattr(delivery_module, "_send", killed)
    for _ in range(3):
        with pytest.raises(Killed):
            deliver_pending()
        assert Delivery.objects.get().status == "sending"
        Delivery.objects.update(claimed_at=minutes_ago(16))
    assert sends == [3, 2, 1]  # the tries left each time
    assert deliver_pending() == {"sent": 0, "failed": 1}
    d = Delivery.objects.get()
    assert (d.status, d.attempts, d.error) == ("failed", 3, INTERRUPTED)
    assert deliver_pending() == {"sent": 0, "failed": 0}
    assert len(sends) == 3


def test_a_robot_retried_after_an_interruption_has_only_the_tries_left(
    pending_email, team, webhook, settings
):
    settings.NOTIFY_HTTP_ATTEMPTS = 3
    pending_email.delete()
    TeamChannel.objects.create(team=team, kind="wecom", webhook_url=f"{webhook.base}/500")
    Delivery.objects.create(
        notification=Notification.objects.get(), channel="wecom", status="sending", attempts=0
    )
    left_sending(minutes_ago(16))
    assert deliver_pending() == {"sent": 0, "failed": 1}
    d = Delivery.objects.get()
    assert (d.status, d.attempts) == ("failed", 3) and "HTTP 500" in d.error
    assert len(webhook.calls) == 2


def test_a_report_mail_left_sending_is_sent_once_later(team, manager, monkeypatch):
    submit(team, manager, "monthly-sales", "2026-10", at(dt.date(2026, 11, 2), 9))
    with monkeypatch.context() as m:
        m.setattr(reports_mail, "send_email", killed_mailing_the_submission([]))
        with pytest.raises(Killed):
            deliver_reports(at(dt.date(2026, 11, 2), 10))
    row = ScheduledMail.objects.get(kind="submission")
    assert (row.status, row.attempts) == ("sending", 0)
    # the next run, minutes later: the send may still be under way
    assert deliver_reports(at(dt.date(2026, 11, 2), 10, 5))["submissions"] == 0
    assert office_mails("报表上报") == []
    ScheduledMail.objects.update(claimed_at=minutes_ago(16))
    assert deliver_reports(at(dt.date(2026, 11, 2), 10, 20))["submissions"] == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("sent", 2)
    assert deliver_reports(at(dt.date(2026, 11, 2), 10, 30))["submissions"] == 0
    assert len(office_mails("报表上报")) == 1


def test_a_report_mail_interrupted_every_time_stays_within_its_attempts(team, manager, monkeypatch):
    submit(team, manager, "monthly-sales", "2026-10", at(dt.date(2026, 11, 2), 9))
    sends: list[str] = []
    monkeypatch.setattr(reports_mail, "send_email", killed_mailing_the_submission(sends))
    for minute in range(reports_mail.MAX_ATTEMPTS):
        with pytest.raises(Killed):
            deliver_reports(at(dt.date(2026, 11, 2), 10, minute))
        ScheduledMail.objects.update(claimed_at=minutes_ago(16))
    for minute in range(3):
        assert deliver_reports(at(dt.date(2026, 11, 2), 11, minute))["submissions"] == 0
    row = ScheduledMail.objects.get(kind="submission")
    assert (row.status, row.attempts, row.error) == ("failed", 3, INTERRUPTED)
    assert len(sends) == reports_mail.MAX_ATTEMPTS
