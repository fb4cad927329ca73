"""Meeting actions: the manager records the weekly meeting (and with it settles the week's key
visits) and the monthly strategy meeting.

Keyword-only, atomic; each asks meetings.rules (403) and refuses with a ServiceError (nothing
changed). Key flags are set through plans' own service, plans.services.plan_set_key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Team, User
from plans import services as plan_services
from plans.models import MonthlySalesPlan, VisitPlanItem
from salesops.periods import month_start, week_start
from salesops.services import ServiceError, require, required_text

from . import queries, rules
from .models import MINUTES_MAX, StrategyMeeting, WeeklyMeeting


def _minutes(minutes: str) -> str:
    minutes = required_text(minutes, _("请填写会议纪要。"), "minutes")
    if len(minutes) > MINUTES_MAX:
        raise ServiceError(_("会议纪要不能超过 %(n)s 字。") % {"n": MINUTES_MAX}, field="minutes")
    return minutes


def _attendees(team: Team, attendees: Iterable[User]) -> list[User]:
    people = list(attendees)
    if not people:
        raise ServiceError(_("请选择参会人员。"), field="attendees")
    outsiders = [p for p in people if not rules.may_attend(p, team.pk)]
    if outsiders:
        names = gettext("、").join(p.display_name for p in outsiders)
        raise ServiceError(
            _("以下人员不是本团队成员：%(names)s。") % {"names": names}, field="attendees"
        )
    return people


@transaction.atomic
def weekly_meeting_record(
    *,
    team: Team,
    by: User,
    date: dt.date,
    week: dt.date,
    attendees: Iterable[User],
    minutes: str,
    key_items: Iterable[VisitPlanItem],
) -> WeeklyMeeting:
    """周例会: the salespeople report the week's key visit plans; the manager settles the key visits
    (最终确定重点). The items of that week's submitted or approved weekly plans that are ticked
    become key visits, the others stop being key — each through plans.services.plan_set_key."""
    require(rules.may_run_meetings(by, team.pk))
    minutes = _minutes(minutes)
    people = _attendees(team, attendees)
    monday = week_start(week)
    # one meeting per team and planned week; the lock on the team serialises two managers' saves
    Team.objects.select_for_update().get(pk=team.pk)
    if WeeklyMeeting.objects.filter(team=team, week_start=monday).exists():
        raise ServiceError(_("这一周的周例会已经记录过了。"), field="week")
    candidates = {item.pk: item for item in queries.week_items(team.pk, monday)}
    chosen = {item.pk for item in key_items}
    strangers = chosen - set(candidates)
    if strangers:
        raise ServiceError(_("所选重点拜访不属于该周已提交或已通过的周方案。"), field="key_items")
    meeting = WeeklyMeeting.objects.create(
        team=team, date=date, week_start=monday, minutes=minutes, created_by=by
    )
    meeting.attendees.set(people)
    meeting.key_items.set(chosen)
    for pk, item in candidates.items():
        if item.is_key != (pk in chosen):
            plan_services.plan_set_key(item=item, by=by, is_key=pk in chosen)
    return meeting


@transaction.atomic
def strategy_meeting_record(
    *,
    team: Team,
    by: User,
    month: dt.date,
    date: dt.date,
    attendees: Iterable[User],
    minutes: str,
) -> StrategyMeeting:
    """战略经营会: held once the month's sales plan and reward plan are reported to the office
    (the month's order, docs/design.md §The manager's month); the month's tasks are then assigned
    from its page."""
    require(rules.may_run_meetings(by, team.pk))
    minutes = _minutes(minutes)
    people = _attendees(team, attendees)
    month = month_start(month)
    Team.objects.select_for_update().get(pk=team.pk)
    if StrategyMeeting.objects.filter(team=team, month=month).exists():
        raise ServiceError(_("本月的战略经营会已经记录过了。"), field="month")
    if not MonthlySalesPlan.objects.filter(
        team=team, month=month, reported_at__isnull=False
    ).exists():
        raise ServiceError(
            _("请先将本月销售方案和奖励方案上报办公室，再召开战略经营会。"), field="month"
        )
    meeting = StrategyMeeting.objects.create(
        team=team, month=month, date=date, minutes=minutes, created_by=by
    )
    meeting.attendees.set(people)
    return meeting
