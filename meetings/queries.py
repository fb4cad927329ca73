"""Meeting reads: the plan items a weekly meeting settles, the people who may attend, the tasks of
the strategy meeting's month, and the home page's links."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from accounts.models import Role, Team, User
from accounts.scoping import visible_to
from plans.models import Horizon, PlanStatus, SalesTask, VisitPlanItem
from salesops.periods import Period, month_start
from salesops.services import today

from .models import StrategyMeeting, WeeklyMeeting


def week_items(team_id: int, week_start: dt.date) -> QuerySet[VisitPlanItem]:
    """The items a weekly meeting settles: live items of the team's weekly plans for that week that
    are submitted or approved (drafts and returned plans are not planned work)."""
    return (
        VisitPlanItem.objects.live()
        .filter(
            plan__team_id=team_id,
            plan__horizon=Horizon.WEEK,
            plan__period_start=week_start,
            plan__status__in=[PlanStatus.SUBMITTED, PlanStatus.APPROVED],
        )
        .select_related("plan__owner", "client")
        .order_by("plan__owner__username", "date", "pk")
    )


def attendee_choices(team: Team) -> QuerySet[User]:
    """Who may be ticked as attending: the team's active members and its manager."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(team=team) | Q(managed_teams=team))
        .distinct()
        .order_by("role", "username")
    )


def strategy_rows(meeting: StrategyMeeting) -> list[dict[str, Any]]:
    """Every active salesperson of the team with the month's task, or none yet."""
    people = User.objects.filter(
        team_id=meeting.team_id, role=Role.SALESPERSON, is_active=True
    ).order_by("username")
    tasks = {
        t.salesperson_id: t
        for t in SalesTask.objects.filter(
            team_id=meeting.team_id, month=meeting.month
        ).select_related("letter")
    }
    return [{"person": p, "task": tasks.get(p.pk)} for p in people]


def home_context(user: User) -> dict[str, Any]:
    """Links on the home page: the latest weekly meeting and this month's strategy meeting."""
    if user.role not in (Role.MANAGER, Role.SALESPERSON, Role.ANALYST):
        return {}
    day = today()
    weekly = visible_to(user, WeeklyMeeting.objects.all())
    strategy = visible_to(user, StrategyMeeting.objects.all())
    return {
        "last_weekly_meeting": weekly.order_by("-date", "-pk").first(),
        "month_strategy_meeting": strategy.filter(month=month_start(day)).first(),
        "meeting_next_week": Period.week_of(day).next(),
    }
