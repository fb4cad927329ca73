"""The demo department's problem log and the manager's acknowledgements: in 营销一部 an escalated
problem the leader has answered and the manager has resolved, one escalated and waiting for the
leader, one open and overdue, one in handling, one resolved without escalation; one in 营销二部;
and the manager's 签收 of a couple of clients reported to them.

Built through problems.services on the day each step happened (the services' clock moved back),
after visits/demo.py has created the clients. Idempotent: nothing is added when the log exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

from salesops.services import clock_at, demo_moment
from visits.models import Client, ClientStatus

from . import services
from .models import Problem


@contextmanager
def on_day(day: dt.date, hour: int = 10) -> Iterator[None]:
    with clock_at(demo_moment(day, dt.time(hour, 0))):
        yield


def _raise(users, who: str, days_ago: int, *, due_in: int, **fields) -> Problem:
    today = timezone.localdate()
    raised_on = today - dt.timedelta(days=days_ago)
    with on_day(raised_on, 9):
        return services.problem_raise(
            by=users[who],
            handler=users[fields.pop("handler")],
            due_date=raised_on + dt.timedelta(days=due_in),
            **fields,
        )


def _step(problem: Problem, day: dt.date, call, **kwargs) -> Problem:
    with on_day(day, 15):
        return call(problem=Problem.objects.get(pk=problem.pk), **kwargs)


def build(users: dict) -> None:
    if Problem.objects.exists():
        return
    today = timezone.localdate()
    zhang, leader = users["zhangym"], users["liuzg"]

    # escalated → answered by the leader → resolved
    p = _raise(
        users,
        "wangfang",
        12,
        due_in=7,
        category="department",
        severity="high",
        title="客户开户资料被柜台退回三次",
        description="客户郑先生的开户资料因影像不清被运营部退回三次，客户情绪较大。",
        handler="wangfang",
    )
    _step(p, today - dt.timedelta(days=11), services.problem_start_handling, by=users["wangfang"])
    _step(
        p,
        today - dt.timedelta(days=10),
        services.problem_escalate,
        by=zhang,
        reason="需与运营部协调开户资料审核标准，请领导出面协调。",
    )
    _step(
        p,
        today - dt.timedelta(days=8),
        services.problem_answer,
        by=leader,
        answer="已与运营部负责人沟通，影像资料改为当场复核；请营销部本周内安排客户重新提交。",
    )
    _step(
        p,
        today - dt.timedelta(days=6),
        services.problem_resolve,
        by=users["wangfang"],
        resolution="客户已重新提交资料并完成开户。",
    )

    # escalated, waiting for the leader's answer
    p = _raise(
        users,
        "zhoumin",
        5,
        due_in=10,
        category="compliance",
        severity="urgent",
        title="客户要求代为操作账户",
        description="客户张女士希望营销人员代为下单，需明确合规口径并统一答复客户。",
        handler="zhangym",
    )
    _step(
        p,
        today - dt.timedelta(days=4),
        services.problem_escalate,
        by=zhang,
        reason="涉及合规红线，请领导明确答复口径。",
    )

    # open and overdue
    _raise(
        users,
        "liqiang",
        9,
        due_in=4,
        category="system",
        severity="medium",
        title="拜访记录手机端上传照片失败",
        description="在客户处用手机上传现场照片时多次失败。",
        handler="liqiang",
    )

    # in handling, not yet due
    p = _raise(
        users,
        "liuyang",
        3,
        due_in=7,
        category="complaint",
        severity="high",
        title="客户投诉回访电话过于频繁",
        description="客户林先生反映一周内接到三次回访电话。",
        handler="liuyang",
    )
    _step(
        p,
        today - dt.timedelta(days=2),
        services.problem_start_handling,
        by=users["liuyang"],
        note="已向客户致歉，调整回访频率。",
    )

    # resolved without escalation
    p = _raise(
        users,
        "chenjing",
        20,
        due_in=5,
        category="other",
        severity="low",
        title="讲座场地预订冲突",
        handler="chenjing",
    )
    _step(p, today - dt.timedelta(days=19), services.problem_start_handling, by=users["chenjing"])
    _step(
        p,
        today - dt.timedelta(days=17),
        services.problem_resolve,
        by=users["chenjing"],
        resolution="改用公司三楼会议室，活动如期举行。",
    )

    # the other team: one in handling, overdue (the leader sees it; 营销一部's manager does not)
    p = _raise(
        users,
        "huangwei",
        10,
        due_in=3,
        category="department",
        severity="medium",
        title="分析报告交付延迟",
        handler="hefeng",
    )
    _step(p, today - dt.timedelta(days=9), services.problem_start_handling, by=users["hefeng"])

    _acknowledgements(zhang, today)


def _acknowledgements(manager, today: dt.date) -> None:
    """签收 the two oldest reports of 营销一部 (the rest stay in the manager's inbox)."""
    reported = Client.objects.filter(
        team=manager.team, status=ClientStatus.REPORTED, reported_on__isnull=False
    ).order_by("reported_on", "pk")[:2]
    for client in reported:
        with on_day(min(client.reported_on + dt.timedelta(days=1), today), 11):
            services.client_acknowledge_report(
                client=client, by=manager, comment="已阅，请分析师三日内出具投资方案。"
            )
