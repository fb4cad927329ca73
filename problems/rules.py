"""Who may do what with the problem log and the manager's inbox — written once.

``may_*`` is the role part (a refusal is a 403, raised by the services through
``salesops.services.require``); ``can_*`` adds the row's state, for the buttons a page shows.
Services check the state themselves with a message.

docs/design.md §Problems: anyone in the team raises a problem; its handler or the team's manager
moves it to handling and resolves it; only the manager escalates it to the leader (once); only the
leader answers.
"""

from __future__ import annotations

from accounts.models import Role, User
from accounts.scoping import manages
from visits.models import Client, ClientStatus

from .models import Problem, ProblemStatus

TEAM_ROLES = (Role.SALESPERSON, Role.ANALYST, Role.MANAGER)


# --- the role part: used by the services (403) ---------------------------------------------------


def may_raise(user: User) -> bool:
    """Anyone working in a team: salesperson, analyst, manager."""
    return user.is_active and user.role in TEAM_ROLES and user.team_id is not None


def may_handle(user: User, problem: Problem) -> bool:
    """Move to handling, resolve: the problem's handler, or the team's manager."""
    if user.role == Role.LEADER:
        return False
    return problem.handler_id == user.pk or manages(user, problem.team_id)


def may_escalate(user: User, problem: Problem) -> bool:
    return manages(user, problem.team_id)


def may_answer(user: User, problem: Problem) -> bool:
    return user.is_active and (user.role == Role.LEADER or user.is_superuser)


def is_team_member(person: User, team_id: int) -> bool:
    """A handler: an active salesperson, analyst or manager of that team."""
    return person.is_active and person.role in TEAM_ROLES and person.team_id == team_id


def may_acknowledge(user: User, client: Client) -> bool:
    return manages(user, client.team_id)


# --- role and state: used by the pages for buttons -----------------------------------------------


def can_start_handling(user: User, problem: Problem) -> bool:
    return may_handle(user, problem) and problem.status == ProblemStatus.OPEN


def can_escalate(user: User, problem: Problem) -> bool:
    return (
        may_escalate(user, problem)
        and problem.escalated_at is None
        and problem.status in (ProblemStatus.OPEN, ProblemStatus.HANDLING)
    )


def can_answer(user: User, problem: Problem) -> bool:
    return may_answer(user, problem) and problem.status == ProblemStatus.ESCALATED


def can_resolve(user: User, problem: Problem) -> bool:
    return may_handle(user, problem) and problem.status in (
        ProblemStatus.HANDLING,
        ProblemStatus.ANSWERED,
    )


def can_acknowledge(user: User, client: Client) -> bool:
    return may_acknowledge(user, client) and client.status == ClientStatus.REPORTED


def may_chase(user: User, client: Client) -> bool:
    """开户未入金 催办: the manager of the client's team."""
    return manages(user, client.team_id)
