"""send_reminders: each deadline reminder reaches the person who must act, once, at its time."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from notifications.models import Notification
from notifications.reminders import send_reminders
from plans.models import VisitPlan
from reports.models import Submission
from tests.plans.factories import VisitPlanFactory, WorkLogFactory
from tests.visits.factories import ClientFactory
from workcalendar.models import WorkCalendarDay

pytestmark = pytest.mark.django_db

WEDNESDAY = dt.date(2026, 11, 25)
FRIDAY = dt.date(2026, 11, 27)
MONDAY = dt.date(2026, 11, 23)


def at(day, hour, minute=0):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def sent(kind):
    return sorted((n.recipient.username, n.period) for n in Notification.objects.filter(kind=kind))


def test_revisit_due_tomorrow_and_overdue_go_to_the_salesperson_once(
    salesperson, salesperson2, manager
):
    ClientFactory(salesperson=salesperson, status="plan_ready", revisit_due=dt.date(2026, 11, 26))
    ClientFactory(salesperson=salesperson2, status="failed", revisit_due=dt.date(2026, 11, 20))
    ClientFactory(salesperson=salesperson, status="plan_ready", revisit_due=WEDNESDAY)  # today
    ClientFactory(salesperson=salesperson, status="revisited", revisit_due=dt.date(2026, 11, 1))
    first = send_reminders(at(WEDNESDAY, 8))
    assert sent("revisit_tomorrow") == [(salesperson.username, "2026-11-26")]
    assert sent("revisit_overdue") == [(salesperson2.username, "2026-11-20")]
    assert first["revisits"] == 2
    # every few minutes, on several machines: nothing more
    assert send_reminders(at(WEDNESDAY, 8, 5))["revisits"] == 0
    # the next day the one due on the 25th is overdue: that is new, the rest is not
    assert send_reminders(at(dt.date(2026, 11, 26), 8))["revisits"] == 1
    assert sent("revisit_overdue")[0] == (salesperson.username, "2026-11-25")
    assert Notification.objects.filter(kind__startswith="revisit").count() == 3


def test_worklog_missing_at_the_end_of_a_working_day(salesperson, salesperson2, manager, analyst):
    WorkLogFactory(salesperson=salesperson2, date=WEDNESDAY)
    assert send_reminders(at(WEDNESDAY, 17, 59))["worklogs"] == 0
    assert send_reminders(at(WEDNESDAY, 18))["worklogs"] == 1
    assert sent("worklog_missing") == [(salesperson.username, "2026-11-25")]
    assert send_reminders(at(WEDNESDAY, 21))["worklogs"] == 0


def test_no_worklog_reminder_on_a_holiday(salesperson):
    WorkCalendarDay.objects.update_or_create(
        date=WEDNESDAY, defaults={"is_working_day": False, "name": "节日"}
    )
    assert send_reminders(at(WEDNESDAY, 19))["worklogs"] == 0


def test_next_weeks_plan_not_submitted_by_friday_1800(salesperson, salesperson2, manager):
    next_monday = dt.date(2026, 11, 30)
    VisitPlanFactory(owner=salesperson2, period_start=next_monday, status="submitted")
    VisitPlanFactory(owner=salesperson, period_start=next_monday, status="draft")
    assert send_reminders(at(FRIDAY, 17, 59))["week_plans"] == 0
    assert send_reminders(at(FRIDAY, 18))["week_plans"] == 1
    assert sent("week_plan_missing") == [(salesperson.username, "2026-11-30")]
    assert send_reminders(at(dt.date(2026, 11, 28), 9))["week_plans"] == 0
    assert VisitPlan.objects.count() == 2


def test_report_due_within_24_hours_then_late_to_the_teams_manager(
    manager, salesperson, other_manager
):
    # Sunday 13:00: the weekly plan table (Mon 10:00) and last week's statistics (Mon 12:00) are due
    send_reminders(at(dt.date(2026, 11, 22), 13))
    due = sent("report_due")
    assert {who for who, _period in due} == {manager.username, other_manager.username}
    assert (manager.username, "weekly-plan:2026-W48") in due
    assert (manager.username, "weekly-work:2026-W47") in due
    # what was due last Monday is late already; what is due tomorrow is not
    late_on_sunday = sent("report_late")
    assert (manager.username, "weekly-work:2026-W46") in late_on_sunday
    assert (manager.username, "weekly-work:2026-W47") not in late_on_sunday
    # one report handed in; at Monday 13:00 the rest are late, once each
    Submission.objects.create(
        team=manager.team,
        code="weekly-work",
        period_key="2026-W47",
        submitted_by=manager,
        submitted_at=at(MONDAY, 11),
        due_at=at(MONDAY, 12),
    )
    send_reminders(at(MONDAY, 13))
    late = sent("report_late")
    assert (manager.username, "weekly-plan:2026-W48") in late
    assert (manager.username, "weekly-work:2026-W47") not in late
    assert (other_manager.username, "weekly-work:2026-W47") in late
    before = Notification.objects.count()
    send_reminders(at(MONDAY, 13, 5))
    assert Notification.objects.count() == before


def test_the_command_prints_its_counts(salesperson):
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "revisits=" in out.getvalue() and "deliveries_sent=" in out.getvalue()
