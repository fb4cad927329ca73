"""Demo training: three sessions of 营销一部 over the last three weeks, with attendance, and one of
营销二部. Idempotent; recorded on their days through the services' clock."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from salesops.services import clock_at, demo_moment

from . import services
from .models import TrainingSession

TEAM1 = ["wangfang", "liqiang", "liuyang", "chenjing", "zhaolei", "sunli", "zhoumin", "wuhao"]
SESSIONS = [
    # days back, topic, hours, trainer (a login, or an outside name), material, absent
    (
        15,
        "投资者适当性管理与风险揭示",
        "2.0",
        "zhangym",
        "适当性评估流程；风险等级匹配；风险揭示书的签署要求。",
        ["sunli"],
    ),
    (
        8,
        "基金产品知识：固收+与权益类",
        "1.5",
        "zhoumin",
        "产品结构、收益来源、回撤特征与适合人群。",
        [],
    ),
    (
        1,
        "客户异议处理与促单技巧",
        "3.0",
        "陈老师（外部讲师）",
        "常见异议清单；促单话术演练；失败案例复盘。",
        ["zhaolei", "liuyang"],
    ),
]


def _at(day: dt.date):
    return clock_at(demo_moment(day, dt.time(16, 0)))


def build(users: dict) -> None:
    if TrainingSession.objects.filter(team=users["zhangym"].team).exists():
        return
    today = timezone.localdate()
    manager = users["zhangym"]
    for back, topic, hours, trainer, material, absent in SESSIONS:
        day = today - dt.timedelta(days=back)
        with _at(day):
            session = services.session_save(
                team=manager.team,
                by=manager,
                topic=topic,
                date=day,
                hours=Decimal(hours),
                trainer=users.get(trainer),
                trainer_name="" if trainer in users else trainer,
                material=material,
            )
            services.attendance_record(
                session=session,
                by=manager,
                present=[users[n] for n in TEAM1 if n not in absent],
                absent=[users[n] for n in absent],
                expected_version=session.version,
            )
    other = users["ligd"]
    day = today - dt.timedelta(days=5)
    with _at(day):
        session = services.session_save(
            team=other.team,
            by=other,
            topic="合规展业与客户信息保护",
            date=day,
            hours=Decimal("2.0"),
            trainer=other,
            material="个人信息保护法要点；电话号码脱敏与下载留痕。",
        )
        services.attendance_record(
            session=session,
            by=other,
            present=[users["huangwei"], users["xuna"], users["hefeng"]],
            expected_version=session.version,
        )
