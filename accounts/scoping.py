"""The one rule for "which rows may this user see".

Every model that holds team data declares where its team and its owning salesperson live::

    class Client(models.Model):
        scope = ScopeSpec(team="team", owner="salesperson")

and every view, export, report and admin list narrows its queryset with ``visible_to(user, qs)``.
Getting an object outside one's scope is ``get_visible_or_404`` — a 404, never a 403, so that the
existence of other teams' rows is not disclosed.

The rule (docs/design.md §Roles and scope):
- superuser, office and leader: every team (office and leader are read-only on the teams' work;
  views and rules enforce that by role);
- manager: the teams they manage, and their own team;
- analyst: the team they serve (their own team);
- salesperson: only rows they own (a client in the team's pool, 公海, is owned by no one);
- a user without a role, or a team-bound role without a team: nothing.
"""

from __future__ import annotations

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from salesops.requestcache import memo

from .models import Role, Team, User
from .scope_spec import ScopeSpec


def visible_team_ids(user: User) -> list[int] | None:
    """Team ids the user may see; None means every team."""
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser or user.role in (Role.OFFICE, Role.LEADER):
        return None
    if user.role == Role.MANAGER:
        # asked in every block of a manager's page: read once per request (salesops.requestcache)
        return list(memo(("managed_teams", user.pk, user.team_id), lambda: _managed(user)))
    if user.role in (Role.ANALYST, Role.SALESPERSON) and user.team_id:
        return [user.team_id]
    return []


def _managed(user: User) -> list[int]:
    ids = set(Team.objects.filter(manager=user).values_list("pk", flat=True))
    if user.team_id:
        ids.add(user.team_id)
    return sorted(ids)


def manages(user: User, team_id: int | None) -> bool:
    """Does this user manage that team? A manager of the team (or of it among several), or a
    superuser. The one rule every app asks before a manager's action (approve, assign, submit)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if user.role != Role.MANAGER or team_id is None:
        return False
    ids = visible_team_ids(user)
    return ids is not None and team_id in ids


def visible_teams(user: User) -> QuerySet[Team]:
    ids = visible_team_ids(user)
    teams = Team.objects.select_related("manager")
    return teams if ids is None else teams.filter(pk__in=ids)


def _spec(model: type[Model]) -> ScopeSpec:
    spec = getattr(model, "scope", None)
    if not isinstance(spec, ScopeSpec):
        raise TypeError(f"{model.__name__} declares no ScopeSpec; it cannot be scoped")
    return spec


def visible_to(user: User, queryset: QuerySet, spec: ScopeSpec | None = None) -> QuerySet:
    """Narrow ``queryset`` to the rows ``user`` may see; ``spec`` names other lookups than the
    model's own (a closed period's report reads the team and owner a row had then)."""
    spec = spec or _spec(queryset.model)
    team_ids = visible_team_ids(user)
    if team_ids is None:
        return queryset
    if not team_ids:
        return queryset.none()
    if user.role == Role.SALESPERSON:
        if spec.owner is None:
            return queryset.filter(**{f"{spec.team}__in": team_ids})
        mine = queryset.filter(Q(**{spec.owner: user.pk}))
        return mine.filter(**{f"{spec.pool}__isnull": True}) if spec.pool else mine
    return queryset.filter(**{f"{spec.team}__in": team_ids})


def visible_salespeople(user: User) -> QuerySet[User]:
    """The salespeople whose work this user may see — the owners ``visible_to`` lets through: every
    salesperson of the visible teams; a salesperson only themself. Former staff (inactive) are kept,
    since their past work still counts in reports; a salesperson with no team owns no team rows."""
    people = User.objects.filter(role=Role.SALESPERSON, team__isnull=False).select_related("team")
    team_ids = visible_team_ids(user)
    if team_ids is None:
        return people
    if not team_ids:
        return people.none()
    people = people.filter(team_id__in=team_ids)
    if user.role == Role.SALESPERSON:
        people = people.filter(pk=user.pk)
    return people


def get_visible_or_404(user: User, queryset: QuerySet, **lookup) -> Model:
    try:
        return visible_to(user, queryset).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def visible_users(user: User) -> QuerySet[User]:
    """People the user may see: a salesperson sees their own team's members, not other teams'."""
    team_ids = visible_team_ids(user)
    users = User.objects.filter(is_active=True).select_related("team")
    if team_ids is None:
        return users
    return users.filter(team_id__in=team_ids)


def can_see(user: User, obj: Model) -> bool:
    return visible_to(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()
