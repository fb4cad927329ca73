"""Demo meetings: 营销一部's weekly meeting last Friday, which settled this week's key visits, and
this month's strategy meeting. Idempotent; recorded on their days through the services' clock."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from salesops.periods import Period, month_start
from salesops.services import clock_at, demo_moment

from . import queries, services
from .models import StrategyMeeting, WeeklyMeeting

WEEKLY_MINUTES = (
    "各营销人员汇报本周客户拜访重点方案：\n"
    "1. 王芳：两位方案已制定客户本周回访，争取周四前促单；\n"
    "2. 李强：新客户初访为主，邀约一位客户来司交流；\n"
    "3. 其他人员按方案执行，逾期未回访的客户必须本周排进来。\n"
    "经理意见：每人确定一至两位重点客户，经理周三陪同拜访。"
)
STRATEGY_MINUTES = (
    "传达本月销售方案与奖励方案（已上报办公室）；分析上月完成情况；\n"
    "讨论并分配本月任务：拜访量、新客户、开户数、入金金额；\n"
    "要求各营销人员会后两日内写出承诺书并提交审核。"
)


def _at(day: dt.date, hour: int):
    return clock_at(demo_moment(day, dt.time(hour, 0)))


def build(users: dict) -> None:
    manager = users["zhangym"]
    team = manager.team
    today = timezone.localdate()
    this_week = Period.week_of(today)
    people = list(queries.attendee_choices(team))
    if not WeeklyMeeting.objects.filter(team=team).exists():
        friday = this_week.start - dt.timedelta(days=3)
        items = list(queries.week_items(team.pk, this_week.start))
        # one or two key visits per salesperson: their first items of the week
        chosen, seen = [], {}
        for item in items:
            if seen.get(item.plan.owner_id, 0) < 2:
                chosen.append(item)
                seen[item.plan.owner_id] = seen.get(item.plan.owner_id, 0) + 1
        with _at(friday, 9):
            services.weekly_meeting_record(
                team=team,
                by=manager,
                date=friday,
                week=this_week.start,
                attendees=people,
                minutes=WEEKLY_MINUTES,
                key_items=chosen,
            )
    month = month_start(today)
    if not StrategyMeeting.objects.filter(team=team, month=month).exists():
        with _at(today, 8):
            services.strategy_meeting_record(
                team=team,
                by=manager,
                month=month,
                date=month if month < today else today,
                attendees=people,
                minutes=STRATEGY_MINUTES,
            )
