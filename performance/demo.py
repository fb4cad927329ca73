"""The demo's targets and annual plan: this month announced for 营销一部 (so its home, team page and
charts show targets against pace) and this year's annual work plan for 营销一部, broken down by month.

Runs after plans/demo.py. Idempotent: a month already announced (another builder may announce it) and
a plan already written are left as they are.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from plans import services as plan_services
from plans.models import CommitmentLetter, LetterStatus, MonthlySalesPlan, SalesTask
from salesops.periods import month_start
from salesops.services import clock_at, demo_moment

from . import services
from .models import AnnualPlan

# the busy months of the year carry more (spring campaign, year-end)
MONTH_WEIGHTS = [7, 6, 9, 9, 8, 8, 8, 8, 9, 8, 9, 11]


def _at(day: dt.date, hour: int = 18):
    return clock_at(demo_moment(day, dt.time(hour, 0)))


def build(users: dict) -> None:
    manager = users["zhangym"]
    today = timezone.localdate()
    _announce_this_month(manager, today)
    _annual_plan(manager, today)


def _announce_this_month(manager, today: dt.date) -> None:
    """Every letter of this month approved, then 宣布并执行 — unless it is announced already."""
    month = month_start(today)
    plan = MonthlySalesPlan.objects.filter(team=manager.team, month=month).first()
    if plan is None or plan.announced_at:
        return
    with _at(min(today, month + dt.timedelta(days=1))):
        for task in SalesTask.objects.filter(team=manager.team, month=month).select_related(
            "salesperson"
        ):
            letter = CommitmentLetter.objects.get(task=task)
            sp = task.salesperson
            if letter.status == LetterStatus.REJECTED:
                letter = plan_services.letter_redo(letter=letter, by=sp)
            if letter.status == LetterStatus.DRAFT:
                text = letter.text or (
                    f"本人{sp.display_name}承诺本月完成拜访 {task.target_visits} 次、新增客户 "
                    f"{task.target_new_clients} 名、开户 {task.target_accounts} 户、入金 "
                    f"{task.target_deposit_amount:,.0f} 元。"
                )
                if "落实措施" not in text:
                    text += "落实措施：每周一确定重点客户名单，方案回访不超过限期。"
                letter = plan_services.letter_write(letter=letter, by=sp, text=text)
                letter = plan_services.letter_submit(letter=letter, by=sp)
            if letter.status == LetterStatus.SUBMITTED:
                plan_services.letter_approve(
                    letter=CommitmentLetter.objects.get(pk=letter.pk), by=manager
                )
        plan_services.month_announce(team=manager.team, month=month, by=manager)


def _annual_plan(manager, today: dt.date) -> None:
    if AnnualPlan.objects.filter(team=manager.team, year=today.year).exists():
        return
    total = sum(MONTH_WEIGHTS)
    months = [
        services.Targets(
            target_visits=18 * w,
            target_new_clients=4 * w,
            target_accounts=2 * w,
            target_deposit_amount=Decimal(500000 * w),
        )
        for w in MONTH_WEIGHTS
    ]
    year = services.Targets(
        target_visits=18 * total,
        target_new_clients=4 * total,
        target_accounts=2 * total,
        target_deposit_amount=Decimal(500000 * total),
    )
    with _at(dt.date(today.year, 1, 1) if today.month > 1 else today):
        services.annual_plan_save(
            team=manager.team,
            year=today.year,
            by=manager,
            year_targets=year,
            months=months,
            notes="全年以开户和入金为主线：一季度春季营销，四季度年末冲刺；每月任务按本计划分解下达。",
        )
