"""Scheduled reminders (``manage.py send_reminders``): the deadlines of the procedure, each raised
once per (kind, subject, period, person) however often and on however many machines the command
runs — ``notify`` inserts or skips on the notification's unique key.

- 限期二次回访: the day before the deadline, and once it has passed (to the client's salesperson);
- 每天工作日志: missing at the end of a working day (workcalendar), to the salesperson;
- 下周拜访方案: not submitted by Friday 18:00 (before the weekly meeting), to the salesperson;
- 及时上报: a team's report due within 24 hours, and late, to the team's manager.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, Team, User
from salesops.periods import Period, week_start
from salesops.services import now as clock_now
from workcalendar.days import is_working_day

from .models import Kind
from .services import notify

# a report late longer than this is no longer chased by a reminder (the office's Monday e-mail
# still lists it)
LATE_WINDOW = dt.timedelta(days=7)


def revisits(today: dt.date) -> int:
    """限期二次回访: the day before the deadline (至明天), and once it is missed — missed by the one
    overdue rule (``Client.objects.overdue``: a deadline of today is not missed until tomorrow)."""
    from visits.models import OVERDUE_STATES, Client

    sent = 0
    tomorrow = today + dt.timedelta(days=1)
    live = Client.objects.live().filter(salesperson__is_active=True)
    overdue = live.overdue(today=today).values("pk")
    clients = (
        live.filter(Q(pk__in=overdue) | Q(status__in=OVERDUE_STATES, revisit_due=tomorrow))
        .select_related("salesperson")
        .order_by("pk")
    )
    for client in clients:
        assert client.revisit_due is not None
        due = client.revisit_due
        kind = Kind.REVISIT_TOMORROW if due == tomorrow else Kind.REVISIT_OVERDUE
        sent += bool(
            notify(
                kind=kind,
                recipient=client.salesperson,
                subject=client,
                period=due.isoformat(),
                params={"client": client.name, "due": due.isoformat()},
                url=reverse("visits:client_detail", args=[client.pk]),
            )
        )
    return sent


def _salespeople():
    return User.objects.filter(role=Role.SALESPERSON, is_active=True, team__isnull=False)


def worklogs(at: dt.datetime) -> int:
    """After the working day ends, each salesperson without a log for the day."""
    from plans.models import WorkLog

    day = at.date()
    if at.hour < settings.NOTIFY_WORKDAY_END_HOUR or not is_working_day(day):
        return 0
    logged = WorkLog.objects.filter(date=day).values("salesperson_id")
    sent = 0
    for person in _salespeople().exclude(pk__in=logged):
        sent += bool(
            notify(
                kind=Kind.WORKLOG_MISSING,
                recipient=person,
                subject="plans.worklog",
                period=day.isoformat(),
                params={"date": day.isoformat()},
                url=reverse("plans:worklog"),
            )
        )
    return sent


def week_plans(at: dt.datetime) -> int:
    """From Friday 18:00 to the week's end: each salesperson whose plan for next week is not
    submitted (or approved)."""
    from plans.models import Horizon, PlanStatus, VisitPlan

    due = settings.NOTIFY_WEEK_PLAN_DUE
    monday = week_start(at.date())
    deadline = timezone.make_aware(
        dt.datetime.combine(monday + dt.timedelta(days=due["weekday"]), dt.time(due["hour"]))
    )
    if at < deadline:
        return 0
    next_week = monday + dt.timedelta(days=7)
    handed_in = VisitPlan.objects.filter(
        horizon=Horizon.WEEK,
        period_start=next_week,
        status__in=[PlanStatus.SUBMITTED, PlanStatus.APPROVED],
    ).values("owner_id")
    sent = 0
    span = f"{next_week.isoformat()} – {(next_week + dt.timedelta(days=6)).isoformat()}"
    for person in _salespeople().exclude(pk__in=handed_in):
        sent += bool(
            notify(
                kind=Kind.WEEK_PLAN_MISSING,
                recipient=person,
                subject="plans.visitplan.week",
                period=next_week.isoformat(),
                params={"week": span},
                url=reverse("plans:plan_list"),
            )
        )
    return sent


def candidate_periods(today: dt.date) -> list[Period]:
    week, month = Period.week_of(today), Period.month_of(today)
    return [week.previous(), week, week.next(), month.previous(), month, month.next()]


def reports(at: dt.datetime) -> int:
    """A team's report not submitted: due within 24 hours, or past due (within a week)."""
    from reports.definitions import REPORTS
    from reports.models import Submission
    from reports.submissions import due_at

    periods = candidate_periods(timezone.localdate(at))
    keys = {p.key for p in periods}
    sent = 0
    teams = Team.objects.filter(manager__isnull=False, manager__is_active=True).select_related(
        "manager"
    )
    for team in teams:
        submitted = set(
            Submission.objects.filter(team=team, period_key__in=keys).values_list(
                "code", "period_key"
            )
        )
        for defn in REPORTS.values():
            for period in periods:
                if period.kind != defn.period_kind or (defn.code, period.key) in submitted:
                    continue
                due = due_at(period, defn.code)
                if at < due <= at + dt.timedelta(hours=24):
                    kind = Kind.REPORT_DUE
                elif due <= at and at - due <= LATE_WINDOW:
                    kind = Kind.REPORT_LATE
                else:
                    continue
                sent += bool(
                    notify(
                        kind=kind,
                        recipient=team.manager,
                        subject=team,
                        period=f"{defn.code}:{period.key}",
                        params={
                            "team": team.name,
                            "report": defn.code,
                            "period": period.key,
                            "due": timezone.localtime(due).strftime("%Y-%m-%d %H:%M"),
                        },
                        url=reverse("reports:report", args=[defn.code, period.key]),
                    )
                )
    return sent


def send_reminders(at: dt.datetime | None = None) -> dict[str, int]:
    at = timezone.localtime(at or clock_now())
    return {
        "revisits": revisits(at.date()),
        "worklogs": worklogs(at),
        "week_plans": week_plans(at),
        "reports": reports(at),
    }
