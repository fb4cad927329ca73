"""Factories for plans rows. States may be given at construction, for test set-up only; the
application changes them through plans.services."""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from plans.models import (
    CommitmentLetter,
    ManagerWeeklyPlan,
    SalesTask,
    VisitPlan,
    VisitPlanItem,
    WorkLog,
)


def monday(day: dt.date | None = None) -> dt.date:
    day = day or timezone.localdate()
    return day - dt.timedelta(days=day.weekday())


class VisitPlanFactory(DjangoModelFactory):
    class Meta:
        model = VisitPlan

    owner = None
    team = factory.LazyAttribute(lambda o: o.owner.team)
    horizon = "week"
    period_start = factory.LazyFunction(lambda: monday() + dt.timedelta(days=7))
    period_end = factory.LazyAttribute(lambda o: o.period_start + dt.timedelta(days=6))
    status = "draft"


class VisitPlanItemFactory(DjangoModelFactory):
    class Meta:
        model = VisitPlanItem

    plan = factory.SubFactory(VisitPlanFactory)
    date = factory.LazyAttribute(lambda o: o.plan.period_start)
    prospect_name = factory.Sequence(lambda n: f"意向客户{n}")
    purpose = "first"


class WorkLogFactory(DjangoModelFactory):
    class Meta:
        model = WorkLog

    salesperson = None
    team = factory.LazyAttribute(lambda o: o.salesperson.team)
    date = factory.LazyFunction(timezone.localdate)
    content = "拜访客户"


class SalesTaskFactory(DjangoModelFactory):
    class Meta:
        model = SalesTask

    salesperson = None
    team = factory.LazyAttribute(lambda o: o.salesperson.team)
    month = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    target_visits = 20
    target_new_clients = 4
    target_accounts = 2
    target_deposit_amount = 500000
    assigned_by = factory.LazyAttribute(lambda o: o.team.manager)


class CommitmentLetterFactory(DjangoModelFactory):
    class Meta:
        model = CommitmentLetter

    task = factory.SubFactory(SalesTaskFactory)
    text = "我承诺完成本月任务"
    status = "draft"


class ManagerWeeklyPlanFactory(DjangoModelFactory):
    class Meta:
        model = ManagerWeeklyPlan

    team = None
    week_start = factory.LazyFunction(monday)
    own_items = "主持例会"
    author = factory.LazyAttribute(lambda o: o.team.manager)
    reported_at = factory.LazyFunction(timezone.now)


def month_ready(manager, month, *, meeting: bool = True):
    """The month's steps before any task (docs/design.md §The manager's month): the sales plan and
    reward plan saved and reported to the office, and (``meeting``) the strategy meeting recorded."""
    from meetings import services as meeting_services
    from plans import services
    from plans.models import MonthlySalesPlan
    from salesops.periods import month_start

    month = month_start(month)
    plan = MonthlySalesPlan.objects.filter(team=manager.team, month=month).first()
    if plan is None:
        plan = services.sales_plan_save(
            team=manager.team, month=month, by=manager, sales_plan="方案", reward_plan="奖励"
        )
    if plan.reported_at is None:
        plan = services.sales_plan_report_to_office(plan=plan, by=manager)
    if meeting:
        from meetings.models import StrategyMeeting

        if not StrategyMeeting.objects.filter(team=manager.team, month=month).exists():
            meeting_services.strategy_meeting_record(
                team=manager.team,
                by=manager,
                month=month,
                date=month,
                attendees=[manager],
                minutes="战略经营会纪要",
            )
    return plan


def tasks_open(manager, month):
    """Set-up only: the rows that let tasks be assigned for ``month`` (the month's sales plan, as it
    is, and a strategy meeting), made directly without reporting anything."""
    from meetings.models import StrategyMeeting
    from plans.models import MonthlySalesPlan
    from salesops.periods import month_start

    month = month_start(month)
    MonthlySalesPlan.objects.get_or_create(
        team=manager.team,
        month=month,
        defaults={"sales_plan": "方案", "reward_plan": "奖励", "author": manager},
    )
    StrategyMeeting.objects.get_or_create(
        team=manager.team,
        month=month,
        defaults={"date": month, "minutes": "纪要", "created_by": manager},
    )
