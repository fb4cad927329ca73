"""Reads for the pool pages: the pooled clients a user may see, what a salesperson holds, the log."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.utils import timezone

from accounts.models import Role, Team, User
from accounts.scoping import visible_teams, visible_to
from visits.models import Client, Visit

from . import rules
from .models import PoolEvent, PoolEventKind


def pool_teams(user: User) -> QuerySet[Team]:
    """The teams whose pool the user sees: the teams a manager manages, a salesperson's own team."""
    if rules.is_claimer(user):
        return Team.objects.filter(pk=user.team_id or 0)
    if user.is_superuser or user.role == Role.MANAGER:
        return Team.objects.filter(
            pk__in=[team.pk for team in visible_teams(user) if rules.may_assign(user, team.pk)]
        )
    return Team.objects.none()


def team_clients(user: User) -> QuerySet[Client]:
    """The live clients of the user's pool teams, pooled or not: what a claim or an assignment may
    name (a client outside them is a 404; one that left the pool meanwhile is refused by the service)."""
    return Client.objects.live().filter(team__in=pool_teams(user))


def pool_clients(user: User) -> QuerySet[Client]:
    """The pooled clients of the user's pool teams, longest in the pool first, with the last visit."""
    return (
        Client.objects.live()
        .filter(in_pool_since__isnull=False, team__in=pool_teams(user))
        .select_related("team", "salesperson")
        .annotate(last_visit=F("last_visit_on"))
        .order_by("in_pool_since", "pk")
    )


def held_claims(user: User) -> int:
    """Clients this salesperson claimed from the pool, still holds and has not visited since the
    claim (on or after the claim's local day): what counts against CLIENT_POOL_CLAIM_LIMIT."""
    mine = Client.objects.live().filter(salesperson=user, in_pool_since__isnull=True)
    last: dict[int, PoolEvent] = {}
    for event in PoolEvent.objects.filter(client__in=mine).order_by("client_id", "at", "pk"):
        last[event.client_id] = event
    claimed = {
        client_id: timezone.localdate(event.at)
        for client_id, event in last.items()
        if event.kind == PoolEventKind.CLAIMED and event.salesperson_id == user.pk
    }
    if not claimed:
        return 0
    visited = Visit.objects.live().filter(client_id__in=claimed).values_list("client_id", "date")
    worked = {client_id for client_id, day in visited if day >= claimed[client_id]}
    return len(set(claimed) - worked)


def pool_log(user: User) -> QuerySet[PoolEvent]:
    """The pool's moves in the teams the user manages (the manager's log page)."""
    return (
        visible_to(user, PoolEvent.objects.all())
        .filter(team__in=pool_teams(user))
        .select_related("client", "team", "by", "salesperson")
    )


def team_salespeople(user: User) -> QuerySet[User]:
    """The active salespeople a manager may assign pooled clients to."""
    return (
        User.objects.filter(role=Role.SALESPERSON, is_active=True, team__in=pool_teams(user))
        .select_related("team")
        .order_by("team__name", "full_name", "username")
    )
