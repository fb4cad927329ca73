"""The demo department's clients: ~80 clients over every pipeline state and eight weeks of visits.

Everything is built through visits.services, as a salesperson, analyst or manager would, recorded
with the day it happened (the services' ``on``/``date`` parameters, which refuse future days); the
timestamps Django sets to now (transition log, registration) are then moved to that day, so that the
timeline and the weekly and monthly reports have history.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_fsm_log.models import StateLog

from salesops.services import demo_moment, demo_time

from . import extensions, services
from .models import (
    AccountOpening,
    Client,
    ClientSource,
    Deposit,
    FailureAnalysis,
    FailureReason,
    InvestmentPlan,
    RiskLevel,
    RiskPreference,
    Visit,
    VisitKind,
    VisitPurpose,
)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = [
    "建国",
    "秀英",
    "志强",
    "海燕",
    "国华",
    "丽娟",
    "文博",
    "晓东",
    "春梅",
    "永刚",
    "玉兰",
    "德明",
    "雪芳",
    "立新",
    "红霞",
    "振华",
    "美玲",
    "子轩",
    "思远",
    "桂英",
    "宏伟",
    "静怡",
    "家豪",
    "淑珍",
    "俊杰",
    "慧敏",
]
EXPERIENCE = [
    "炒股十年，以蓝筹股为主",
    "买过银行理财和基金定投",
    "几乎没有投资经验，存款为主",
    "做过期货，亏损后转向稳健",
    "持有多只偏股型基金",
    "投资过私募和信托产品",
]
NEEDS = [
    "希望资产稳健增值，年化 5% 左右",
    "为子女教育储备资金",
    "养老规划，注重本金安全",
    "追求较高收益，可承受波动",
    "企业闲置资金的短期理财",
    "分散配置，降低单一持股风险",
]
PRODUCTS = [
    "债券型基金 + 货币基金",
    "平衡型基金组合",
    "指数基金定投 + 国债逆回购",
    "精选成长股组合",
    "固收+ 产品",
]

# how far each client gets: the last state reached, with how many demo clients end there per salesperson
TARGETS = [
    "prospect",
    "visited",
    "needs_analyzed",
    "reported",
    "plan_ready",
    "plan_ready_overdue",
    "revisited",
    "closing",
    "account_opened",
    "funded",
    "funded",
    "failed",
    "failed_overdue",
    "funded_after_failure",
    "dropped",
]
ORDER = [
    "prospect",
    "visited",
    "needs_analyzed",
    "reported",
    "plan_ready",
    "revisited",
    "closing",
    "account_opened",
    "funded",
]


def build(users: dict) -> None:
    if Client.objects.filter(salesperson__username="wangfang").exists():
        return
    rng = random.Random(20261126)
    today = timezone.localdate()
    teams = [
        (
            ["wangfang", "liqiang", "liuyang", "chenjing", "zhaolei", "sunli"],
            ["zhoumin", "wuhao"],
            "zhangym",
            13,
        ),
        (["huangwei", "xuna"], ["hefeng"], "ligd", 4),
    ]
    names = _names(rng)
    global _RUN_START
    _RUN_START = timezone.now()
    for sales_names, analyst_names, manager_name, per_person in teams:
        for username in sales_names:
            for i in range(per_person):
                target = TARGETS[(i + len(username)) % len(TARGETS)]
                _walk(
                    rng,
                    today,
                    next(names),
                    users[username],
                    users[rng.choice(analyst_names)],
                    users[manager_name],
                    target,
                )
    _routine_visits(rng, today, users)
    _today_visits(rng, today, users)


# rows created at or after this moment have not been moved back to their story's day yet
_RUN_START = timezone.now()


def _backdate(client: Client, when: dt.datetime) -> None:
    """Move the timestamps Django set to now (log, history, side records) back to ``when``."""
    fresh = {"created_at__gte": _RUN_START}
    for model in (InvestmentPlan, Deposit, AccountOpening, FailureAnalysis, Visit):
        model.objects.filter(client=client, **fresh).update(created_at=when)
    client.history.filter(history_date__gte=_RUN_START).update(history_date=when)
    Client.objects.filter(pk=client.pk).update(updated_at=when)


def _routine_visits(rng: random.Random, today: dt.date, users: dict) -> None:
    """Follow-up and service visits spread over the eight weeks, as a working week really looks."""
    calm = [
        "visited",
        "needs_analyzed",
        "reported",
        "revisited",
        "closing",
        "account_opened",
        "funded",
    ]
    for username in [
        "wangfang",
        "liqiang",
        "liuyang",
        "chenjing",
        "zhaolei",
        "sunli",
        "huangwei",
        "xuna",
    ]:
        sp = users[username]
        clients = list(Client.objects.filter(salesperson=sp, status__in=calm))
        if not clients:
            continue
        for back in range(8, 0, -1):
            monday = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=back - 1)
            for _ in range(rng.randint(2, 4)):
                day = monday + dt.timedelta(days=rng.randint(0, 4))
                candidates = [c for c in clients if c.created_at.date() <= day]
                if day >= today or not candidates:
                    continue
                client = rng.choice(candidates)
                purpose = (
                    VisitPurpose.CLOSING if client.status == "closing" else VisitPurpose.SERVICE
                )
                if client.status in ("visited", "needs_analyzed", "reported"):
                    purpose = VisitPurpose.NEEDS
                services.visit_log(
                    client=client,
                    by=sp,
                    date=day,
                    time=demo_time(day, dt.time(rng.randint(9, 17), rng.choice([0, 30]))),
                    kind=rng.choice([VisitKind.ONSITE, VisitKind.INVITED]),
                    purpose=purpose,
                    summary=rng.choice(
                        ["电话约见后上门沟通近况", "客户来公司了解新产品", "跟进客户资金安排"]
                    ),
                )


def _today_visits(rng: random.Random, today: dt.date, users: dict) -> None:
    """A few visits already logged this morning, so that the home pages show a live day."""
    for username in ("wangfang", "liqiang", "liuyang", "chenjing"):
        for client in Client.objects.filter(salesperson=users[username], status="funded")[:2]:
            services.visit_log(
                client=client,
                by=users[username],
                date=today,
                time=demo_time(today, dt.time(rng.randint(9, 11), 30)),
                kind=VisitKind.ONSITE,
                purpose=VisitPurpose.SERVICE,
                summary="回访老客户，了解持仓感受",
            )


def _names(rng: random.Random):
    seen = set()
    while True:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if name not in seen:
            seen.add(name)
            yield name


class _Clock:
    """Walks a client's story forward day by day; every step happens on a working-ish day."""

    def __init__(self, start: dt.date):
        self.day = start

    def advance(self, rng: random.Random, lo: int = 1, hi: int = 4) -> dt.date:
        self.day += dt.timedelta(days=rng.randint(lo, hi))
        if self.day.weekday() == 6:
            self.day += dt.timedelta(days=1)
        return self.day


def _walk(rng, today, name, sp, analyst, manager, target) -> None:
    overdue = target.endswith("_overdue")
    base = target.removesuffix("_overdue")
    needs_days = {
        "prospect": 0,
        "visited": 3,
        "needs_analyzed": 8,
        "reported": 10,
        "plan_ready": 14,
        "revisited": 20,
        "closing": 24,
        "account_opened": 30,
        "funded": 34,
        "failed": 30,
        "funded_after_failure": 50,
        "dropped": 10,
    }[base]
    start = today - dt.timedelta(
        days=rng.randint(needs_days + (12 if overdue else 1), max(needs_days + 14, 56))
    )
    clock = _Clock(start)
    ct = ContentType.objects.get_for_model(Client)

    def stamp(obj_day: dt.date) -> None:
        log = StateLog.objects.filter(content_type=ct, object_id=client.pk).order_by("-pk").first()
        when = demo_moment(obj_day, dt.time(rng.randint(9, 17), rng.choice([0, 15, 30, 45])))
        StateLog.objects.filter(pk=log.pk).update(timestamp=when)
        _backdate(client, when)

    def visit(purpose, with_analyst=False):
        day = clock.day
        services.visit_log(
            client=client,
            by=sp,
            date=day,
            time=demo_time(day, dt.time(rng.randint(9, 17), rng.choice([0, 30]))),
            kind=rng.choice([VisitKind.ONSITE, VisitKind.ONSITE, VisitKind.INVITED]),
            purpose=purpose,
            analyst=analyst if with_analyst else None,
            summary=rng.choice(
                [
                    "与客户面谈，介绍公司及服务",
                    "客户对产品感兴趣，约定再谈",
                    "详细讲解投资方案",
                    "客户提出费用方面的疑问",
                    "邀请客户来公司参观交流",
                ]
            ),
            client_feedback=rng.choice(["", "比较认可", "需要和家人商量", "关注风险控制"]),
            next_step=rng.choice(["", "整理需求交分析师", "准备方案后回访", "跟进开户"]),
        )

    client = services.client_register(
        by=sp,
        name=name,
        # a valid mobile (13x / 18x) from the same draws as before, so the demo is unchanged
        phone=f"1{3 if rng.randint(3, 9) % 2 else 8}{rng.randint(100000000, 999999999)}",
        source=rng.choice(ClientSource.values),
    )
    created = demo_moment(start, dt.time(9, 0))
    Client.objects.filter(pk=client.pk).update(created_at=created)
    _backdate(client, created)
    if base == "prospect":
        return
    visit(VisitPurpose.FIRST)
    stamp(clock.day)
    if base == "dropped":
        clock.advance(rng)
        services.client_drop(on=clock.day, client=client, by=sp, reason="客户明确表示暂无投资意向")
        stamp(clock.day)
        return
    reached = ORDER.index(base) if base in ORDER else len(ORDER)
    if reached >= ORDER.index("needs_analyzed"):
        clock.advance(rng)
        visit(VisitPurpose.NEEDS, with_analyst=True)
        services.client_analyze_needs(
            on=clock.day,
            client=client,
            by=analyst,
            investment_experience=rng.choice(EXPERIENCE),
            investment_needs=rng.choice(NEEDS),
            risk_preference=rng.choice(RiskPreference.values),
            intended_funds=Decimal(rng.choice([5, 10, 20, 30, 50, 80, 100, 200])) * 10000,
        )
        stamp(clock.day)
    if reached >= ORDER.index("reported"):
        clock.advance(rng)
        services.client_report_to_manager(
            on=clock.day, client=client, by=sp, comment="客户资料已整理"
        )
        stamp(clock.day)
    if reached >= ORDER.index("plan_ready"):
        clock.advance(rng)
        due = clock.day + dt.timedelta(days=7)
        if not overdue and base == "plan_ready":
            due = max(due, today + dt.timedelta(days=rng.randint(1, 6)))
        # the same draws from rng as before products came from the catalogue (the demo stays put)
        content = "根据客户需求制定的资产配置方案：" + rng.choice(PRODUCTS)
        rng.choice(PRODUCTS)
        amount = Decimal(rng.choice([10, 20, 50, 100])) * 10000
        risk = rng.choice(RiskLevel.values)
        # what the other apps do first (suitability: the client is assessed at the plan's level),
        # and what the plan names (suitability: a catalogue product of that level)
        extra: dict = {}
        for prepare in extensions.demo_plan:
            extra.update(prepare(client=client, by=analyst, day=clock.day, risk=risk))
        services.client_prepare_plan(
            on=clock.day,
            client=client,
            by=analyst,
            content=content,
            **extra,
            proposed_amount=amount,
            revisit_due=due,
        )
        stamp(clock.day)
    if base in ("visited", "needs_analyzed", "reported", "plan_ready"):
        return
    _close(rng, today, client, sp, manager, clock, visit, stamp, base, overdue)


def _close(rng, today, client, sp, manager, clock, visit, stamp, base, overdue) -> None:
    clock.advance(rng, 2, 5)
    visit(VisitPurpose.PLAN_REVISIT)
    stamp(clock.day)
    if base == "revisited":
        return
    clock.advance(rng)
    services.client_start_closing(
        on=clock.day, client=client, by=sp, comment="客户认可方案，开始促单"
    )
    stamp(clock.day)
    if base == "closing":
        return
    if base in ("failed", "funded_after_failure"):
        clock.advance(rng)
        due = clock.day + dt.timedelta(days=10)
        if base == "failed" and not overdue:
            due = max(due, today + dt.timedelta(days=3))
        services.client_close_lost(
            client=client,
            by=sp,
            reason=rng.choice(FailureReason.values),
            notes=rng.choice(
                [
                    "客户认为费率偏高，需比较其他机构",
                    "资金要到下季度才能到位",
                    "对市场波动有顾虑",
                ]
            ),
            revisit_due=due,
            date=clock.day,
        )
        stamp(clock.day)
        if base == "failed":
            return
        clock.advance(rng, 3, 6)
        visit(VisitPurpose.AFTER_FAILURE)
        stamp(clock.day)
        clock.advance(rng)
        services.client_start_closing(on=clock.day, client=client, by=sp, comment="再次促单")
        stamp(clock.day)
    clock.advance(rng)
    services.client_close_won(
        client=client,
        by=sp,
        date=clock.day,
        account_number=f"31{client.pk:06d}{rng.randint(10, 99)}",
    )
    stamp(clock.day)
    if base == "account_opened":
        return
    for _ in range(rng.randint(1, 3)):
        clock.advance(rng, 1, 6)
        if clock.day > today:
            break
        services.client_record_deposit(
            client=client,
            by=sp,
            date=clock.day,
            amount=Decimal(rng.choice([5, 10, 20, 30, 50])) * 10000,
        )
        stamp(clock.day)
