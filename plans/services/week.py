"""Daily key follow-ups (每日重点跟进) and the manager's weekly work plan (营销部经理周工作方案)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import Team, User
from notifications import events
from salesops.services import (
    ServiceError,
    bump,
    lock_existing,
    now,
    refuse_duplicate,
    require,
    today,
)
from visits.models import Client, Visit

from .. import rules
from ..models import (
    DailyFocus,
    ManagerWeeklyPlan,
)


@transaction.atomic
def focus_assign(
    *, manager: User, salesperson: User, client: Client, date: dt.date, instruction: str
) -> DailyFocus:
    """安排每日重点跟进对象; a visit already logged that day counts at once."""
    require(rules.may_assign_focus(manager, client))
    if client.salesperson_id != salesperson.pk:
        raise ServiceError(_("重点跟进对象必须是该营销人员自己的客户。"), field="client")
    if date < today():
        raise ServiceError(_("不能为过去的日期安排重点跟进。"), field="date")
    if not instruction.strip():
        raise ServiceError(_("请填写跟进要求。"), field="instruction")
    exists = _("该客户当天已安排为重点跟进。")
    if DailyFocus.objects.filter(client=client, date=date).exists():
        raise ServiceError(exists, field="client")
    with refuse_duplicate(exists, field="client"):
        focus = DailyFocus.objects.create(
            team_id=client.team_id,
            salesperson=salesperson,
            client=client,
            date=date,
            instruction=instruction,
            assigned_by=manager,
        )
    done = Visit.objects.filter(client=client, salesperson=salesperson, date=date).first()
    if done:
        DailyFocus.objects.filter(pk=focus.pk).update(visit=done)
    events.focus_assigned(focus)
    return focus


@transaction.atomic
def manager_weekly_plan_save(
    *,
    team: Team,
    week_start: dt.date,
    by: User,
    own_items: str,
    report: bool = False,
    expected_version: int | None = None,
) -> ManagerWeeklyPlan:
    """营销部经理周工作方案: the manager's own items (the team's approved items are compiled by
    plans.queries.manager_week); with ``report`` it goes to the office (上报办公室)."""
    require(rules.may_run_month(by, team.pk))
    week_start = week_start - dt.timedelta(days=week_start.weekday())
    plan, created = ManagerWeeklyPlan.objects.get_or_create(
        team=team, week_start=week_start, defaults={"author": by}
    )
    if not created:
        plan = lock_existing(plan, expected_version)
    plan.own_items = own_items
    if report:
        plan.reported_at = now()
    return bump(plan)
