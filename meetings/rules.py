"""Who may do what with meetings — written once: the team's manager records them; the team's
members and the leader read them."""

from __future__ import annotations

from accounts.models import Role, User
from accounts.scoping import manages

READERS = (Role.SALESPERSON, Role.ANALYST, Role.MANAGER, Role.LEADER)


def may_run_meetings(user: User, team_id: int | None) -> bool:
    return manages(user, team_id)


def may_attend(person: User, team_id: int) -> bool:
    """A meeting's attendees: the team's active members, or the manager of the team."""
    if not person.is_active:
        return False
    return person.team_id == team_id or manages(person, team_id)
