"""Reads for the plans pages and home pages; every list is scoped by accounts.scoping."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext

from accounts.models import Role, User
from accounts.queries import team_salespeople
from accounts.scoping import visible_salespeople, visible_teams, visible_to
from meetings.models import StrategyMeeting
from salesops import clock
from salesops.periods import Period, month_start, week_start, working_dates
from salesops.registry import TodoLine
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
    WorkLogComment,
)


def live_items() -> QuerySet[VisitPlanItem]:
    return VisitPlanItem.objects.live().select_related("client", "visit")


def planned_today(user: User, day: dt.date) -> QuerySet[VisitPlanItem]:
    """``user``'s plan items of ``day`` for the client ``OuterRef("pk")`` (visits.extensions:
    the 记录拜访 page lists the day's planned clients first)."""
    return VisitPlanItem.objects.filter(
        plan__owner=user, date=day, client=OuterRef("pk"), archived_at__isnull=True
    )


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
    since = clock.today() - dt.timedelta(days=days)
    return (
        Visit.objects.filter(salesperson=owner, date__gte=since)
        .select_related("client")
        .order_by("-date", "-time")
    )


def day_view(user: User, day: dt.date, *, with_visits: bool = True) -> dict[str, Any]:
    """A salesperson's day: the log, the visits logged, the planned items and the daily focus.
    The home page asks ``with_visits=False``: it lists the day's visits itself, bounded."""
    return {
        "log": WorkLog.objects.filter(salesperson=user, date=day).first(),
        "visits": list(
            Visit.objects.filter(salesperson=user, date=day)
            .select_related("client")
            .order_by("time")
        )
        if with_visits
        else [],
        "planned": list(live_items().filter(plan__owner=user, date=day).order_by("-is_key", "pk")),
        "focus": list(
            DailyFocus.objects.filter(salesperson=user, date=day).select_related("client", "visit")
        ),
    }


def letter_of(task: SalesTask | None) -> CommitmentLetter | None:
    """The task's commitment letter, or None: a task without one (made outside task_assign, e.g.
    imported or bench data) is shown as having no letter instead of failing the page."""
    return getattr(task, "letter", None) if task is not None else None


def letter_status(task: SalesTask) -> str | None:
    letter = letter_of(task)
    return letter.status if letter is not None else None


def next_month_task(user: User, today: dt.date) -> dict[str, Any] | None:
    """Next month's task and letter while they need the salesperson: a letter to write, rejected to
    redo, or waiting for review, or a task not yet announced. None when nothing is to be done (no task
    yet, or the letter approved and the month announced)."""
    month = month_start(month_start(today) + dt.timedelta(days=32))
    task = SalesTask.objects.filter(salesperson=user, month=month).select_related("letter").first()
    if task is None:
        return None
    letter = letter_of(task)
    announced = MonthlySalesPlan.objects.filter(
        team_id=task.team_id, month=month, announced_at__isnull=False
    ).exists()
    if announced and letter is not None and letter.status == LetterStatus.APPROVED:
        return None
    return {"task": task, "letter": letter, "month": month, "announced": announced}


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
        and all(letter_status(t) == LetterStatus.APPROVED for t in tasks),
    }


def strategy_meeting(team_id: int, month: dt.date) -> StrategyMeeting | None:
    return StrategyMeeting.objects.filter(team_id=team_id, month=month_start(month)).first()


def task_refusal(team_id: int, month: dt.date) -> str | None:
    """Why no task may be assigned for the team's month yet, or None (docs/design.md §The
    manager's month): none before the month's sales plan exists and the strategy meeting is
    recorded."""
    month = month_start(month)
    if not MonthlySalesPlan.objects.filter(team_id=team_id, month=month).exists():
        return gettext("请先制定并保存本月销售方案和奖励方案，再分配任务。")
    if not StrategyMeeting.objects.filter(team_id=team_id, month=month).exists():
        return gettext("请先召开并记录本月战略经营会，再分配任务。")
    return None


def month_missing(team_id: int, month: dt.date) -> list[str]:
    """The steps of the month not yet done, in the procedure's order (docs/design.md §The
    manager's month); empty when the month may be announced. A fixed number of queries."""
    month = month_start(month)
    plan = MonthlySalesPlan.objects.filter(team_id=team_id, month=month).first()
    missing: list[str] = []
    if plan is None or not plan.sales_plan.strip() or not plan.reward_plan.strip():
        missing.append(gettext("保存本月销售方案和奖励方案"))
    if plan is None or plan.reported_at is None:
        missing.append(gettext("上报办公室"))
    if not StrategyMeeting.objects.filter(team_id=team_id, month=month).exists():
        missing.append(gettext("召开并记录战略经营会"))
    tasks = SalesTask.objects.filter(team_id=team_id, month=month)
    untasked = list(
        User.objects.filter(team_id=team_id, role=Role.SALESPERSON, is_active=True)
        .exclude(pk__in=tasks.values("salesperson_id"))
        .order_by("full_name", "username")
    )
    if untasked or not tasks.exists():
        names = gettext("、").join(u.display_name for u in untasked)
        missing.append(
            gettext("以下营销人员还没有分配本月任务：%(names)s") % {"names": names}
            if names
            else gettext("分配本月任务")
        )
    waiting = list(
        tasks.exclude(letter__status=LetterStatus.APPROVED)
        .select_related("salesperson")
        .order_by("salesperson__full_name", "salesperson__username")
    )
    if waiting:
        names = gettext("、").join(t.salesperson.display_name for t in waiting)
        missing.append(gettext("以下人员的承诺书尚未审核通过：%(names)s") % {"names": names})
    return missing


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
    today = clock.today()
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
            "day": day_view(user, today, with_visits=False),
            "week_plan": mine.filter(period_start=week.start).first(),
            "next_week_plan": mine.filter(period_start=next_week.start).first(),
            "returned_plans": list(mine.filter(status=PlanStatus.RETURNED)),
            "task": task,
            "next_month": next_month_task(user, today),
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


def comments_prefetch() -> Prefetch:
    return Prefetch(
        "comments",
        queryset=WorkLogComment.objects.select_related("author").order_by("created_at", "pk"),
    )


def team_logs(team_id: int, day: dt.date, today: dt.date) -> dict[str, Any]:
    """督导 (docs/design.md §Supervision): the team's active salespeople with their log of the day
    and its 批注 (None: 未写日志); and for the day's week, from Monday to its Sunday or today,
    whichever is earlier, the working days (the mainland calendar,
    ``salesops.periods.working_dates``) each of them wrote no log on. A fixed number of queries,
    whatever the team's size."""
    people = list(team_salespeople(team_id).order_by("full_name", "username"))
    logs = {
        log.salesperson_id: log
        for log in WorkLog.objects.filter(team_id=team_id, date=day).prefetch_related(
            comments_prefetch()
        )
    }
    start = week_start(day)
    end = min(start + dt.timedelta(days=6), today)
    days = working_dates(start, end)
    written = set(
        WorkLog.objects.filter(team_id=team_id, date__range=(start, end)).values_list(
            "salesperson_id", "date"
        )
    )
    rows = [
        {
            "person": p,
            "log": logs.get(p.pk),
            "missing": [d for d in days if (p.pk, d) not in written],
        }
        for p in people
    ]
    return {
        "rows": rows,
        "week_days": days,
        "week_start": start,
        "week_end": end,
        # the one-day view flags nobody on a Sunday or a holiday: the same work calendar as the
        # week strip (docs/design.md §Working days)
        "working_day": day in days,
    }


def todo_lines(user: User) -> list[TodoLine]:
    """The manager's to-do lines of plans (salesops.registry.todo): plans and letters to review,
    the own week plan not yet reported, and work logs missing on the last seven days' working days
    (the work calendar). A fixed number of COUNT queries, whatever the history."""
    if user.role != Role.MANAGER or user.team_id is None:
        return []
    today = clock.today()
    week = Period.week_of(today)
    team_id = user.team_id
    own_reported = ManagerWeeklyPlan.objects.filter(
        team_id=team_id, week_start=week.start, reported_at__isnull=False
    ).exists()
    start, end = today - dt.timedelta(days=7), today - dt.timedelta(days=1)
    days = working_dates(start, end)
    people = team_salespeople(team_id).count()
    written = (
        WorkLog.objects.filter(
            team_id=team_id,
            date__in=days,
            salesperson__in=team_salespeople(team_id),
        ).count()
        if days
        else 0
    )
    review = reverse("plans:review_queue")
    return [
        TodoLine(
            gettext("待审核的拜访方案"),
            visible_to(user, VisitPlan.objects.filter(status=PlanStatus.SUBMITTED)).count(),
            review,
            10,
        ),
        TodoLine(
            gettext("待审核的承诺书"),
            visible_to(
                user, CommitmentLetter.objects.filter(status=LetterStatus.SUBMITTED)
            ).count(),
            review + "#letters",
            20,
        ),
        TodoLine(
            gettext("本周经理周工作方案未上报"),
            0 if own_reported else 1,
            reverse("plans:manager_week"),
            50,
        ),
        TodoLine(
            gettext("未写的工作日志"),
            max(people * len(days) - written, 0),
            reverse("plans:team_logs") + (f"?date={days[0].isoformat()}" if days else ""),
            60,
            gettext("近 7 天的 %(n)s 个工作日") % {"n": len(days)},
        ),
    ]
