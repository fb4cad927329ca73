"""Every move into and out of a team's client pool (公海), logged in ``PoolEvent``.

- ``pool_return``: the scheduled return (``manage.py return_to_pool``). Dropped clients, and clients
  without a visit for CLIENT_POOL_IDLE_DAYS days, enter their team's pool. "Without a visit for N
  days" counts Asia/Shanghai days from the client's last activity: its last visit, its registration,
  its last assignment or claim from the pool, or its reactivation by the manager, whichever is latest;
  the client returns when today − that day ≥ N. Clients who opened an account or deposited
  (已开户, 已入金) are the salesperson's customers and never return; archived clients neither.
  Idempotent and safe to run twice at once: each client is locked and re-checked before it moves.
- ``pool_assign``: the team's manager gives pooled clients to a salesperson of the team.
- ``pool_claim``: a salesperson of the team takes pooled clients, up to CLIENT_POOL_CLAIM_LIMIT held
  and not yet visited since their claim.

A dropped client leaving the pool is reactivated to 待拜访 by the same transition the manager's
重新激活 uses (logged by django-fsm-log); any other client keeps its state and its history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm_log.models import StateLog

from accounts.models import Role, User
from salesops.services import ServiceError, bump, now, require, run_transition
from visits.models import Client, ClientStatus

from . import queries, rules
from .models import PoolEvent, PoolEventKind

S = ClientStatus
# a won client (account opened, funded) stays with the salesperson who won it
NEVER_RETURNS = (S.ACCOUNT_OPENED, S.FUNDED)
CHUNK = 200
MAX_PER_ACTION = 200


@dataclass(frozen=True)
class Returned:
    idle: int
    dropped: int


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def return_candidates(*, moment: dt.datetime) -> tuple[list[int], list[int]]:
    """Ids of the clients due to enter the pool at ``moment``: (idle, dropped)."""
    today = timezone.localdate(moment)
    cutoff = today - dt.timedelta(days=rules.idle_days())
    # activity on a later day than ``cutoff`` keeps the client with its salesperson
    since = _day_start(cutoff + dt.timedelta(days=1))
    outside = Client.objects.live().filter(in_pool_since__isnull=True)
    dropped = list(outside.filter(status=S.DROPPED).order_by("pk").values_list("pk", flat=True))
    reactivated = StateLog.objects.filter(
        content_type=ContentType.objects.get_for_model(Client),
        transition="reactivate",
        timestamp__gte=since,
    ).values("object_id")
    idle = (
        outside.exclude(status__in=(*NEVER_RETURNS, S.DROPPED))
        .filter(created_at__lt=since)
        .exclude(last_visit_on__gt=cutoff)  # Client.last_visit_on: its latest live visit
        .exclude(
            pk__in=PoolEvent.objects.filter(
                kind__in=(PoolEventKind.ASSIGNED, PoolEventKind.CLAIMED), at__gte=since
            ).values("client_id")
        )
        .exclude(pk__in=reactivated)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return list(idle), dropped


def _enter_pool(ids: list[int], kind: str, moment: dt.datetime) -> int:
    """Move these clients into the pool, each locked and re-checked; those already moved by a
    concurrent run (or changed meanwhile) are skipped. The count moved."""
    moved = 0
    skip_locked = connection.features.has_select_for_update_skip_locked
    for start in range(0, len(ids), CHUNK):
        with transaction.atomic():
            locked = Client.objects.select_for_update(skip_locked=skip_locked).filter(
                pk__in=ids[start : start + CHUNK],
                in_pool_since__isnull=True,
                archived_at__isnull=True,
            )
            if kind == PoolEventKind.RETURNED_DROPPED:
                locked = locked.filter(status=S.DROPPED)
            else:
                locked = locked.exclude(status__in=(*NEVER_RETURNS, S.DROPPED))
            for client in locked.order_by("pk"):
                client.in_pool_since = moment
                client._change_reason = str(PoolEventKind(kind).label)
                bump(client)
                PoolEvent.objects.create(
                    client=client,
                    team_id=client.team_id,
                    kind=kind,
                    at=moment,
                    salesperson_id=client.salesperson_id,
                    status=client.status,
                )
                moved += 1
    return moved


def pool_return(*, at: dt.datetime | None = None) -> Returned:
    """The scheduled return: dropped and idle clients enter their team's pool (see the module)."""
    moment = at or now()
    idle, dropped = return_candidates(moment=moment)
    return Returned(
        idle=_enter_pool(idle, PoolEventKind.RETURNED_IDLE, moment),
        dropped=_enter_pool(dropped, PoolEventKind.RETURNED_DROPPED, moment),
    )


def _ids(clients: Iterable[Client | int]) -> list[int]:
    ids = sorted({c if isinstance(c, int) else c.pk for c in clients})
    if not ids:
        raise ServiceError(_("请至少选择一位公海客户。"), field="clients")
    if len(ids) > MAX_PER_ACTION:
        raise ServiceError(
            _("一次最多处理 %(n)s 位客户。") % {"n": MAX_PER_ACTION}, field="clients"
        )
    return ids


def _take(client: Client, *, to: User, by: User, kind: str, moment: dt.datetime) -> None:
    """A locked pooled client leaves the pool for ``to``; a dropped one is reactivated."""
    client.salesperson = to
    client.in_pool_since = None
    client._change_reason = str(PoolEventKind(kind).label)  # type: ignore[attr-defined]
    if client.status == S.DROPPED:
        run_transition(
            client,
            "reactivate",
            by=by,
            description=PoolEventKind(kind).label,
            label=_("重新激活"),
        )
    else:
        bump(client, by)
    PoolEvent.objects.create(
        client=client,
        team_id=client.team_id,
        kind=kind,
        at=moment,
        by=by,
        salesperson=to,
        status=client.status,
    )


def _locked_pool(ids: list[int], team_ids: Iterable[int]) -> list[Client]:
    """The chosen clients, locked; refused when one has left the pool meanwhile."""
    locked = list(
        Client.objects.select_for_update()
        .filter(pk__in=ids, team_id__in=list(team_ids), archived_at__isnull=True)
        .order_by("pk")
    )
    if len(locked) != len(ids):
        raise ServiceError(_("所选客户不在您可见的公海中，请刷新后重试。"), field="clients")
    gone = [c.name for c in locked if not c.in_pool_since]
    if gone:
        raise ServiceError(
            _("客户已被分配或领取：%(names)s。请刷新后重新选择。") % {"names": "、".join(gone)},
            field="clients",
        )
    return locked


@transaction.atomic
def pool_assign(*, by: User, clients: Iterable[Client | int], salesperson: User) -> list[Client]:
    """The team's manager assigns pooled clients to a salesperson of the team (no limit)."""
    ids = _ids(clients)
    team_ids = [t.pk for t in queries.pool_teams(by) if rules.may_assign(by, t.pk)]
    require(bool(team_ids))
    locked = _locked_pool(ids, team_ids)
    if (
        salesperson.role != Role.SALESPERSON
        or not salesperson.is_active
        or any(c.team_id != salesperson.team_id for c in locked)
    ):
        raise ServiceError(_("只能分配给客户所在团队的在职营销人员。"), field="salesperson")
    moment = now()
    for client in locked:
        _take(client, to=salesperson, by=by, kind=PoolEventKind.ASSIGNED, moment=moment)
    return locked


@transaction.atomic
def pool_claim(*, by: User, clients: Iterable[Client | int]) -> list[Client]:
    """A salesperson claims pooled clients of their team, within the claim limit."""
    require(rules.is_claimer(by))
    ids = _ids(clients)
    # one claim at a time per salesperson, so that two at once cannot both pass the limit
    list(User.objects.select_for_update(of=("self",)).filter(pk=by.pk).values_list("pk"))
    limit = rules.claim_limit()
    held = queries.held_claims(by)
    if held + len(ids) > limit:
        raise ServiceError(
            _(
                "领取数量超过上限：每人最多同时持有 %(limit)s 位领取后尚未拜访的客户，"
                "您已持有 %(held)s 位，本次选择了 %(n)s 位。请先拜访已领取的客户。"
            )
            % {"limit": limit, "held": held, "n": len(ids)},
            field="clients",
        )
    assert by.team_id is not None
    locked = _locked_pool(ids, [by.team_id])
    moment = now()
    for client in locked:
        _take(client, to=by, by=by, kind=PoolEventKind.CLAIMED, moment=moment)
    return locked
