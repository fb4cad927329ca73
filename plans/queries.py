"""Reads for the plans pages and home pages; every list is scoped by accounts.scoping."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import Role, User
from accounts.queries import team_salespeople
from accounts.scoping import visible_salespeople, visible_teams, visible_to
from salesops.periods import Period, month_start
from visits.models import Visit

from .models import (
    CommitmentLetter,
    DailyFocus,
    Horizon,
    LetterStatus,
    ManagerWeeklyPlan,
    MonthlySalesPlan,
    PlanStatus,
    SalesTask,
    VisitPlan,
    VisitPlanItem,
    WorkLog,
)


def live_items() -> QuerySet[VisitPlanItem]:
    return VisitPlanItem.objects.live().select_related("client", "visit")


def plans_for(user: User) -> QuerySet[VisitPlan]:
    return (
        visible_to(user, VisitPlan.objects.all())
        .select_related("owner", "reviewed_by")
        .annotate(
            item_count=Count("items", filter=Q(items__archived_at__isnull=True)),
            done_count=Count(
                "items", filter=Q(items__archived_at__isnull=True, items__visit__isnull=False)
            ),
            key_count=Count("items", filter=Q(items__archived_at__isnull=True, items__is_key=True)),
        )
    )


def plan_with_items(plan: VisitPlan) -> list[VisitPlanItem]:
    return list(live_items().filter(plan=plan).order_by("date", "pk"))


def review_queue(user: User) -> dict[str, Any]:
    """Plans and letters waiting for this manager, oldest first; a fixed number of queries."""
    plans = plans_for(user).filter(status=PlanStatus.SUBMITTED).order_by("submitted_at")
    letters = (
        visible_to(user, CommitmentLetter.objects.filter(status=LetterStatus.SUBMITTED))
        .select_related("task__salesperson")
        .order_by("submitted_at")
    )
    return {"plans": list(plans), "letters": list(letters)}


def recent_visits(owner: User, days: int = 14) -> QuerySet[Visit]:
    since = timezone.localdate() - dt.timedelta(days=days)
    return (
        Visit.objects.filter(salesperson=owner, date__gte=since)
        .select_related("client")
        .order_by("-date", "-time")
    )


def day_view(user: User, day: dt.date) -> dict[str, Any]:
    """A salesperson's day: the log, the visits logged, the planned items and the daily focus."""
    return {
        "log": WorkLog.objects.filter(salesperson=user, date=day).first(),
        "visits": list(
            Visit.objects.filter(salesperson=user, date=day)
            .select_related("client")
            .order_by("time")
        ),
        "planned": list(live_items().filter(plan__owner=user, date=day).order_by("-is_key", "pk")),
        "focus": list(
            DailyFocus.objects.filter(salesperson=user, date=day).select_related("client", "visit")
        ),
    }


def month_overview(team_id: int, month: dt.date) -> dict[str, Any]:
    month = month_start(month)
    tasks = list(
        SalesTask.objects.filter(team_id=team_id, month=month)
        .select_related("salesperson", "letter")
        .order_by("salesperson__full_name")
    )
    people = list(team_salespeople(team_id).order_by("full_name"))
    by_person = {t.salesperson_id: t for t in tasks}
    return {
        "sales_plan": MonthlySalesPlan.objects.filter(team_id=team_id, month=month).first(),
        "rows": [{"person": p, "task": by_person.get(p.pk)} for p in people],
        "all_approved": bool(tasks)
        and all(t.letter.status == LetterStatus.APPROVED for t in tasks),
    }


def focus_for(user: User, day: dt.date) -> QuerySet[DailyFocus]:
    return visible_to(user, DailyFocus.objects.filter(date=day)).select_related(
        "salesperson", "client", "visit"
    )


def manager_week(user: User, team_id: int, period: Period) -> dict[str, Any]:
    """The team's approved weekly plans for the week, key items first, and the manager's own plan."""
    items = (
        live_items()
        .filter(plan__team_id=team_id, plan__horizon=Horizon.WEEK, plan__period_start=period.start)
        .select_related("plan__owner")
        .order_by("-is_key", "date", "plan__owner__full_name")
    )
    plans = (
        plans_for(user)
        .filter(team_id=team_id, horizon=Horizon.WEEK, period_start=period.start)
        .order_by("owner__full_name")
    )
    return {
        "plans": list(plans),
        "items": [i for i in items if i.plan.status == PlanStatus.APPROVED],
        "own": ManagerWeeklyPlan.objects.filter(team_id=team_id, week_start=period.start).first(),
    }


def salespeople_for(user: User) -> QuerySet[User]:
    """The salespeople this user may pick in a filter (active ones only)."""
    return visible_salespeople(user).filter(is_active=True).order_by("full_name")


def office_submissions(user: User) -> dict[str, Any]:
    teams = visible_teams(user)
    return {
        "sales_plans": MonthlySalesPlan.objects.filter(team__in=teams, reported_at__isnull=False)
        .select_related("team", "author")
        .order_by("-month")[:24],
        "weekly": ManagerWeeklyPlan.objects.filter(team__in=teams, reported_at__isnull=False)
        .select_related("team", "author")
        .order_by("-week_start")[:24],
    }


def home_context(user: User) -> dict[str, Any]:
    today = timezone.localdate()
    if user.role == Role.SALESPERSON:
        week = Period.week_of(today)
        next_week = week.next()
        mine = VisitPlan.objects.filter(owner=user, horizon=Horizon.WEEK)
        task = (
            SalesTask.objects.filter(salesperson=user, month=month_start(today))
            .select_related("letter")
            .first()
        )
        return {
            "day": day_view(user, today),
            "week_plan": mine.filter(period_start=week.start).first(),
            "next_week_plan": mine.filter(period_start=next_week.start).first(),
            "returned_plans": list(mine.filter(status=PlanStatus.RETURNED)),
            "task": task,
        }
    if user.role == Role.MANAGER:
        queue = review_queue(user)
        team_id = user.team_id
        focus = list(focus_for(user, today))
        return {
            "queue": queue,
            "focus_today": focus,
            "focus_missed": sum(1 for f in focus if not f.visit_id),
            "month": month_overview(team_id, today) if team_id else None,
        }
    if user.role == Role.OFFICE:
        return {"office_plans": office_submissions(user)}
    return {}
