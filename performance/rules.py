"""Who may see and write targets, pace and the annual plan — written once.

- Targets and pace of a team (its page, the charts): the team's manager and the leader (主管领导,
  every team, read-only); a salesperson sees only their own four targets on their home page.
- The annual work plan (年度工作计划, 3.4): written by the team's manager, read by the leader.
"""

from __future__ import annotations

from accounts.models import Role, User
from accounts.scoping import manages

READERS = (Role.MANAGER, Role.LEADER)


def may_read_team(user: User, team_id: int) -> bool:
    """The role part; which teams a manager may open is ``accounts.scoping`` (other teams: 404)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.role == Role.LEADER or manages(user, team_id)


def may_write_annual_plan(user: User, team_id: int) -> bool:
    """The team's manager; a leader reads the plan and never edits it."""
    return user.is_authenticated and user.role == Role.MANAGER and manages(user, team_id)
