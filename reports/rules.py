"""Who may do what with reports, written once.

Views use ``may`` / ``may_submit`` to guard pages and to show exactly the buttons a user may press
(templates through the ``report_rules`` tags); services call ``check`` / ``check_submit`` before
acting, so the rule cannot drift between the two. Which rows a report shows is not decided here
but by ``accounts.scoping`` (``visible_to`` / ``visible_salespeople``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from accounts.models import Role, User
from accounts.scoping import manages

# action -> the roles that may take it; a superuser passes every one of these role gates. The
# leader (主管领导) reads every team's reports and the board, like the office, and submits nothing.
ACTIONS: dict[str, frozenset[str]] = {
    # open a report page (scoped to what the user may see)
    "view": frozenset({Role.SALESPERSON, Role.MANAGER, Role.OFFICE, Role.LEADER}),
    # download it as .xlsx or PDF, or the week's pack: the same people, the same rows
    "export": frozenset({Role.SALESPERSON, Role.MANAGER, Role.OFFICE, Role.LEADER}),
    # filter a report by team and salesperson (a salesperson only ever sees their own rows)
    "filter": frozenset({Role.MANAGER, Role.OFFICE, Role.LEADER}),
    # the submission board and the frozen files of submissions
    "board": frozenset({Role.MANAGER, Role.OFFICE, Role.LEADER}),
    # submit reports to the office — the page; the team is checked by ``may_submit``
    "submit": frozenset({Role.MANAGER}),
    # sign for a submission (签收)
    "acknowledge": frozenset({Role.OFFICE}),
}


def may(user: User, action: str) -> bool:
    """The role part of the rule: may this user take this action at all?"""
    roles = ACTIONS[action]
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.role in roles


def may_submit(user: User, team_id: int | None) -> bool:
    """Submitting a team's report is a duty of that team's manager (第5条 及时准确上报): the user is a
    manager and manages the team. A superuser submits only when they are a manager too — a
    submission says which manager answered for the numbers."""
    return may(user, "submit") and user.role == Role.MANAGER and manages(user, team_id)


def check(user: User, action: str) -> None:
    if not may(user, action):
        raise PermissionDenied


def check_submit(user: User, team_id: int | None) -> None:
    if not may_submit(user, team_id):
        raise PermissionDenied
