"""The demo's reward/penalty proposals for last month: one approved, one rejected (waiting for the
manager to revise it) and two submitted and waiting for the leader (liuzg), one per team.

Built through proposals.services on the days they happened (the services' clock moved back).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from salesops.periods import Period
from salesops.services import clock_at, demo_moment

from . import services
from .models import Proposal


def _at(day: dt.date, hour: int):
    return clock_at(demo_moment(day, dt.time(hour, 0)))


def build(users: dict) -> None:
    if Proposal.objects.exists():
        return
    last = Period.month_of(timezone.localdate()).previous()
    leader = users["liuzg"]
    wrote, decided = last.end - dt.timedelta(days=2), last.end - dt.timedelta(days=1)
    plans = [
        # manager, person, kind, reason, amount, unit, the leader's decision
        (
            "zhangym",
            "wangfang",
            "reward",
            "超额完成本月入金任务，重点客户跟进及时，建议按奖励方案给予奖励。",
            Decimal("2000"),
            "yuan",
            "approve",
        ),
        (
            "zhangym",
            "liqiang",
            "penalty",
            "本月工作日志缺写三天，两位方案已制定的客户逾期未回访。",
            Decimal("5"),
            "points",
            "金额依据不足：请附上缺写日志的日期和逾期客户名单后再提交。",
        ),
        (
            "zhangym",
            "chenjing",
            "reward",
            "新增客户数全组第一，协助分析师完成三份投资方案。",
            Decimal("800"),
            "yuan",
            None,
        ),
        (
            "ligd",
            "huangwei",
            "reward",
            "本月开户两户，均已入金，完成全部任务目标。",
            Decimal("1000"),
            "yuan",
            None,
        ),
    ]
    for manager_name, person_name, kind, reason, amount, unit, decision in plans:
        manager, person = users[manager_name], users[person_name]
        with _at(wrote, 16):
            p = services.proposal_create(
                team=manager.team,
                person=person,
                month=last.start,
                kind=kind,
                reason=reason,
                amount=amount,
                unit=unit,
                by=manager,
            )
            p = services.proposal_submit(proposal=p, by=manager, expected_version=p.version)
        if decision is None:
            continue
        with _at(decided, 10):
            if decision == "approve":
                services.proposal_approve(proposal=p, by=leader, expected_version=p.version)
            else:
                services.proposal_reject(
                    proposal=p, by=leader, reason=decision, expected_version=p.version
                )
