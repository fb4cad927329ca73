from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from .models import Role, Team, User
from .scoping import visible_teams


def team_members(team: Team) -> QuerySet[User]:
    return team.members.filter(is_active=True).order_by("role", "full_name", "username")


def team_salespeople(team_id: int) -> QuerySet[User]:
    """The team's active salespeople: those who get a monthly task (docs/design.md §The manager's
    month)."""
    return User.objects.filter(team_id=team_id, role=Role.SALESPERSON, is_active=True)


def home_context(user: User) -> dict[str, Any]:
    """The people part of every home page: who I am, my team, my manager, my team's members."""
    teams = visible_teams(user).annotate(
        salespeople=Count(
            "members", filter=Q(members__role=Role.SALESPERSON, members__is_active=True)
        ),
        analysts=Count("members", filter=Q(members__role=Role.ANALYST, members__is_active=True)),
    )
    context: dict[str, Any] = {"teams": teams}
    if user.team_id and user.team is not None:
        context["my_team"] = user.team
        context["my_manager"] = user.team.manager
        if user.role in (Role.MANAGER, Role.ANALYST, Role.SALESPERSON):
            context["members"] = list(team_members(user.team).exclude(pk=user.pk))
    return context
