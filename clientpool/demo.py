"""The demo department's client pool (公海): 营销一部's dropped clients returned to the pool four
days ago, two clients of 刘洋 returned as idle, one of them since claimed by 李强 and one dropped
client assigned by 张永明 to 陈静 — so the manager has clients to assign and the log to read, and
the salespeople have clients to claim. 营销二部's dropped clients are left for its manager's 重新激活.

Built through clientpool.services on the days the moves happened (the services' clock moved back).
Idempotent: nothing is added when the pool has a record.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from salesops.services import clock_at, demo_moment
from visits.models import Client, ClientStatus

from . import services
from .models import PoolEvent, PoolEventKind


def _moment(days_ago: int, hour: int) -> dt.datetime:
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    return demo_moment(day, dt.time(hour, 0))


def build(users: dict) -> None:
    if PoolEvent.objects.exists():
        return
    team = users["zhangym"].team_id
    live = Client.objects.live().filter(team_id=team, in_pool_since__isnull=True)
    dropped = list(
        live.filter(status=ClientStatus.DROPPED).order_by("pk").values_list("pk", flat=True)
    )
    idle = list(
        live.filter(salesperson=users["liuyang"], status=ClientStatus.PROSPECT)
        .order_by("pk")
        .values_list("pk", flat=True)[:2]
    )
    moment = _moment(4, 2)
    services._enter_pool(dropped, PoolEventKind.RETURNED_DROPPED, moment)
    services._enter_pool(idle, PoolEventKind.RETURNED_IDLE, moment)
    if idle:
        with clock_at(_moment(2, 10)):
            services.pool_claim(by=users["liqiang"], clients=idle[:1])
    if dropped:
        with clock_at(_moment(1, 15)):
            services.pool_assign(
                by=users["zhangym"], clients=dropped[:1], salesperson=users["chenjing"]
            )
