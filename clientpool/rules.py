"""Who may see, assign and claim clients of a team's pool (公海), and the pool's two settings.

- the team's manager (and a superuser) sees the pool and assigns its clients to a salesperson of the
  team; no limit applies to an assignment (the manager decides);
- a salesperson of the team sees the pool (phones masked) and claims clients from it, holding at
  most ``CLIENT_POOL_CLAIM_LIMIT`` claimed clients not yet visited since the claim;
- analysts, the office and the leader have no pool pages (403).
"""

from __future__ import annotations

from django.conf import settings

from accounts.models import Role, User
from accounts.scoping import manages


def idle_days() -> int:
    """A client without a visit for this many days returns to the pool (CLIENT_POOL_IDLE_DAYS)."""
    return max(1, int(getattr(settings, "CLIENT_POOL_IDLE_DAYS", 60)))


def claim_limit() -> int:
    """Claimed clients a salesperson may hold unvisited at a time (CLIENT_POOL_CLAIM_LIMIT)."""
    return max(0, int(getattr(settings, "CLIENT_POOL_CLAIM_LIMIT", 20)))


def is_claimer(user: User) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.SALESPERSON
        and user.team_id is not None
    )


def may_assign(user: User, team_id: int) -> bool:
    return manages(user, team_id)


def may_claim(user: User, team_id: int) -> bool:
    return is_claimer(user) and user.team_id == team_id


def may_view(user: User, team_id: int) -> bool:
    return may_assign(user, team_id) or may_claim(user, team_id)
