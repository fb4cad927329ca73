"""The demo department's plans: eight weeks of weekly plans in every state, monthly plans, work
logs, this and last month's tasks and commitment letters, and daily key follow-ups.

Built through plans.services on the day each step happened (the services' clock is moved back for
each step), after visits/demo.py has created the clients and visits.
"""

from __future__ import annotations

import datetime as dt
import random
from contextlib import contextmanager
from decimal import Decimal

from django.utils import timezone

from salesops.periods import Period, month_start
from salesops.services import clock_at, demo_moment
from visits.models import Client, Visit

from . import services
from .models import CommitmentLetter, DailyFocus, MonthlySalesPlan, VisitPlan

TEAM1 = ["wangfang", "liqiang", "liuyang", "chenjing", "zhaolei", "sunli"]
TEAM2 = ["huangwei", "xuna"]
RETURN_REASONS = [
    "重点客户安排太少，请补充方案回访",
    "周三、周四没有安排拜访，请补齐",
    "请把逾期未回访的客户排进来",
]
LETTER_STAGES = [0, 0, 1, 2, 3, 0]  # 0 approved, 1 rejected, 2 submitted, 3 draft
LOGS = [
    "上午拜访客户，介绍公司服务；下午整理客户资料并与分析师沟通需求。",
    "邀约客户来公司交流，讲解投资方案；跟进两位促单中的客户。",
    "参加部门例会，汇报本周重点客户；电话回访老客户三位。",
    "陪同分析师上门拜访，了解客户投资经历；晚上整理拜访记录。",
]


@contextmanager
def on_day(day: dt.date):
    when = demo_moment(day, dt.time(17, 30))
    with clock_at(when):
        yield


def build(users: dict) -> None:
    if VisitPlan.objects.filter(owner__username="wangfang").exists():
        return
    rng = random.Random(4242)
    today = timezone.localdate()
    this_week = Period.week_of(today)
    for username in TEAM1 + TEAM2:
        sp = users[username]
        manager = users["zhangym" if username in TEAM1 else "ligd"]
        week = this_week
        for back in range(7, -2, -1):  # seven weeks back, this week, next week
            week = Period.week_of(this_week.start + dt.timedelta(weeks=-back))
            _week_plan(rng, sp, manager, week, today, back)
        _logs(rng, sp, today)
    _month(rng, users, "zhangym", TEAM1, today)
    _month(rng, users, "ligd", TEAM2, today)
    _next_month(users, "zhangym", TEAM1, today)
    _focus(rng, users, today)
    _manager_weeks(users, this_week, today)


MANAGER_ITEMS = (
    "周一上午主持部门例会，最终确定本周重点客户；\n"
    "周三陪同营销人员拜访重点客户，协助促单；\n"
    "周五检查各人拜访方案执行情况与工作日志，整理周统计表上报办公室。"
)


def _manager_weeks(users, this_week: Period, today: dt.date) -> None:
    """The managers' weekly work plans for the last four weeks, reported to the office on Monday."""
    for name in ("zhangym", "ligd"):
        manager = users[name]
        for back in range(4, 0, -1):
            start = this_week.start - dt.timedelta(weeks=back)
            with on_day(start):
                services.manager_weekly_plan_save(
                    team=manager.team,
                    week_start=start,
                    by=manager,
                    own_items=MANAGER_ITEMS,
                    report=True,
                )


def _week_plan(rng, sp, manager, week: Period, today: dt.date, back: int) -> None:
    made_on = week.start - dt.timedelta(days=3)
    with on_day(min(made_on, today)):
        plan = services.plan_create(
            owner=sp, horizon="week", period_start=week.start, copy_open_items_from_previous=False
        )
    clients = list(Client.objects.filter(salesperson=sp).exclude(status="dropped"))
    visits = {
        (v.client_id, v.date): v
        for v in Visit.objects.filter(salesperson=sp, date__range=(week.start, week.end))
    }
    items = []
    for (client_id, day), _v in list(visits.items())[:5]:
        items.append((day, Client.objects.get(pk=client_id), ""))
    for _ in range(rng.randint(2, 4)):
        day = week.start + dt.timedelta(days=rng.randint(0, 4))
        if clients and rng.random() < 0.7:
            items.append((day, rng.choice(clients), ""))
        else:
            items.append((day, None, rng.choice(["周先生", "林女士", "郭总", "韩经理"])))
    with on_day(min(made_on, today)):
        for day, client, prospect in items:
            services.plan_item_add(
                plan=plan,
                by=sp,
                date=day,
                client=client,
                prospect_name=prospect,
                purpose=_purpose(client),
                is_key=rng.random() < 0.3,
                note="",
            )
    # a plan made before its visits were logged: tick off what the visits fulfilled
    for visit in Visit.objects.filter(
        salesperson=sp, date__range=(week.start, week.end)
    ).select_related("client"):
        services.plan_items_mark_done(visit=visit)
    if back == -1:  # next week: still a draft for most, submitted for some
        if rng.random() < 0.5:
            with on_day(today):
                services.plan_submit(plan=plan, by=sp)
        return
    with on_day(min(made_on, today)):
        services.plan_submit(plan=plan, by=sp)
    review_day = min(made_on + dt.timedelta(days=1), today)
    waiting = back == 0 and rng.random() < 0.3
    if waiting and sp.username != "wangfang":  # 王芳's plan of this week is always returned
        return  # still waiting in the review queue
    if rng.random() < 0.25 or back == 0 and sp.username == "wangfang":
        with on_day(review_day):
            services.plan_return(plan=plan, by=manager, reason=rng.choice(RETURN_REASONS))
        if back <= 0 and sp.username in ("wangfang", "liuyang"):
            return  # returned, waiting for the salesperson to rewrite it
        with on_day(review_day):
            plan = VisitPlan.objects.get(pk=plan.pk)
            services.plan_item_add(
                plan=plan,
                by=sp,
                date=week.start + dt.timedelta(days=2),
                client=rng.choice(clients) if clients else None,
                prospect_name="" if clients else "补充客户",
                purpose="plan_revisit",
                is_key=True,
            )
            services.plan_submit(plan=VisitPlan.objects.get(pk=plan.pk), by=sp)
    with on_day(review_day):
        services.plan_approve(plan=VisitPlan.objects.get(pk=plan.pk), by=manager)


def _purpose(client) -> str:
    if client is None:
        return "first"
    return {
        "prospect": "first",
        "visited": "needs",
        "plan_ready": "plan_revisit",
        "failed": "after_failure",
        "revisited": "closing",
        "closing": "closing",
    }.get(client.status, "service")


def _logs(rng, sp, today: dt.date) -> None:
    day = today - dt.timedelta(days=55)
    while day < today:
        if day.weekday() < 5 and rng.random() < 0.85:
            with on_day(day):
                services.worklog_write(
                    salesperson=sp, date=day, content=rng.choice(LOGS), tomorrow="继续跟进重点客户"
                )
        day += dt.timedelta(days=1)


def _month(rng, users, manager_name: str, names: list[str], today: dt.date) -> None:
    manager = users[manager_name]
    this_month = month_start(today)
    last_month = month_start(this_month - dt.timedelta(days=1))
    for month in (last_month, this_month):
        with on_day(month if month < today else today):
            services.sales_plan_save(
                team=manager.team,
                month=month,
                by=manager,
                sales_plan=f"{month.month}月重点：盘活存量客户，提升开户转化；每人每周至少 5 次有效拜访。",
                reward_plan="完成任务奖励绩效 100%；超额部分按入金金额 0.1% 奖励；开户数第一名额外奖励 2000 元。",
            )
            services.sales_plan_report_to_office(
                plan=MonthlySalesPlan.objects.get(team=manager.team, month=month), by=manager
            )
            _strategy_meeting(manager, month, month if month < today else today)
        for i, name in enumerate(names):
            sp = users[name]
            with on_day(month if month < today else today):
                task = services.task_assign(
                    manager=manager,
                    salesperson=sp,
                    month=month,
                    target_visits=20 + 2 * i,
                    target_new_clients=4 + i % 3,
                    target_accounts=2 + i % 2,
                    target_deposit_amount=Decimal(500000 + 100000 * i),
                )
            _letter(
                rng, task, sp, manager, month == this_month, i, month if month < today else today
            )
        if month == last_month:
            with on_day(month + dt.timedelta(days=2)):
                services.month_announce(team=manager.team, month=month, by=manager)
        elif _all_letters_approved(manager, month):
            # 营销二部's current month is announced, so the reports show targets and completion;
            # 营销一部's is still open (a letter rejected, one waiting, one a draft) for its manager
            with on_day(today):
                services.month_announce(team=manager.team, month=month, by=manager)


NEXT_MONTH_STAGES = {"wangfang": "rejected", "liqiang": "submitted"}  # the rest approved


def _next_month(users, manager_name: str, names: list[str], today: dt.date) -> None:
    """Next month prepared ahead: tasks for everyone; 王芳's letter rejected with a reason (her home
    shows it until she redoes it), 李强's waiting for review, the others approved; not announced."""
    manager = users[manager_name]
    month = month_start(month_start(today) + dt.timedelta(days=32))
    with on_day(today):
        services.sales_plan_save(
            team=manager.team,
            month=month,
            by=manager,
            sales_plan=f"{month.month}月重点：年末资金回流，争取老客户追加入金。",
            reward_plan="完成任务奖励绩效 100%；超额部分按入金金额 0.1% 奖励。",
        )
        services.sales_plan_report_to_office(
            plan=MonthlySalesPlan.objects.get(team=manager.team, month=month), by=manager
        )
        _strategy_meeting(manager, month, today)
        for name in names:
            sp = users[name]
            task = services.task_assign(
                manager=manager,
                salesperson=sp,
                month=month,
                target_visits=22,
                target_new_clients=4,
                target_accounts=2,
                target_deposit_amount=Decimal(600000),
            )
            letter = services.letter_write(
                letter=CommitmentLetter.objects.get(task=task),
                by=sp,
                text=f"本人{sp.display_name}承诺{month.month}月完成全部销售任务。",
            )
            letter = services.letter_submit(letter=letter, by=sp)
            stage = NEXT_MONTH_STAGES.get(name, "approved")
            if stage == "submitted":
                continue
            fresh = CommitmentLetter.objects.get(pk=letter.pk)
            if stage == "rejected":
                services.letter_reject(
                    letter=fresh, by=manager, reason="请写明重点客户名单和每周拜访安排后重做。"
                )
            else:
                services.letter_approve(letter=fresh, by=manager)


def _strategy_meeting(manager, month: dt.date, day: dt.date) -> None:
    """The month's strategy meeting, before any task (docs/design.md §The manager's month)."""
    from meetings import services as meeting_services
    from meetings.demo import STRATEGY_MINUTES
    from meetings.models import StrategyMeeting
    from meetings.queries import attendee_choices

    if StrategyMeeting.objects.filter(team=manager.team, month=month).exists():
        return
    meeting_services.strategy_meeting_record(
        team=manager.team,
        by=manager,
        month=month,
        date=day,
        attendees=list(attendee_choices(manager.team)),
        minutes=STRATEGY_MINUTES,
    )


def _all_letters_approved(manager, month: dt.date) -> bool:
    letters = CommitmentLetter.objects.filter(task__team=manager.team, task__month=month)
    return letters.exists() and not letters.exclude(status="approved").exists()


def _letter(rng, task, sp, manager, current: bool, i: int, day: dt.date) -> None:
    letter = CommitmentLetter.objects.get(task=task)
    text = (
        f"本人{sp.display_name}承诺本月完成拜访 {task.target_visits} 次、新增客户 {task.target_new_clients} 名、"
        f"开户 {task.target_accounts} 户、入金 {task.target_deposit_amount:,.0f} 元，按计划拜访，如实记录，及时上报。"
    )
    with on_day(day):
        letter = services.letter_write(letter=letter, by=sp, text=text)
        # this month: most approved, one rejected, one waiting for review, one still a draft
        stage = LETTER_STAGES[i % len(LETTER_STAGES)] if current else 0
        if stage == 3:
            return  # still a draft
        services.letter_submit(letter=letter, by=sp)
        if stage == 2:
            return  # waiting for review
        if stage == 1:
            services.letter_reject(
                letter=CommitmentLetter.objects.get(pk=letter.pk),
                by=manager,
                reason="入金目标的落实措施写得不具体，请补充重点客户名单后重做。",
            )
            return
        services.letter_approve(letter=CommitmentLetter.objects.get(pk=letter.pk), by=manager)


def _focus(rng, users, today: dt.date) -> None:
    """The last working days' key follow-ups: most on clients the salesperson did visit that day
    (followed up), some on clients nobody visited (the manager sees them as not followed up)."""
    active = ["visited", "needs_analyzed", "plan_ready", "revisited", "closing", "failed"]
    days = [today - dt.timedelta(days=n) for n in range(0, 10)]
    for day in [d for d in days if d.weekday() < 5][:6]:
        for name in TEAM1 + TEAM2:
            sp = users[name]
            manager = users["zhangym" if name in TEAM1 else "ligd"]
            visited = list(Visit.objects.filter(salesperson=sp, date=day).select_related("client"))
            if visited and rng.random() < 0.8:
                client = rng.choice(visited).client
            elif rng.random() < 0.35:
                pool = list(Client.objects.filter(salesperson=sp, status__in=active))
                client = rng.choice(pool) if pool else None
            else:
                continue
            if client is None or DailyFocus.objects.filter(client=client, date=day).exists():
                continue
            with on_day(day):
                services.focus_assign(
                    manager=manager,
                    salesperson=sp,
                    client=client,
                    date=day,
                    instruction=rng.choice(
                        ["今天务必见面，推进开户", "回访方案，确认客户意见", "邀约来公司面谈"]
                    ),
                )
