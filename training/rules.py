"""Who may do what with training — written once.

The team's manager records sessions and attendance; the leader reads every team's; salespeople and
analysts read the sessions they were on the list of.
"""

from __future__ import annotations

from accounts.models import Role, User
from accounts.scoping import manages

READERS = (Role.SALESPERSON, Role.ANALYST, Role.MANAGER, Role.LEADER)


def may_run_training(user: User, team_id: int | None) -> bool:
    """Sessions and attendance: the team's manager."""
    return manages(user, team_id)


def is_member(person: User, team_id: int) -> bool:
    """Who can attend a team's training: its active salespeople and analysts."""
    return (
        person.is_active
        and person.team_id == team_id
        and person.role in (Role.SALESPERSON, Role.ANALYST)
    )
