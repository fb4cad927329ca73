"""Who may take which pipeline action on a client, written once.

Views use ``allowed_actions`` to show exactly the buttons a user may press; services call
``check_action`` before acting, so the rule cannot drift between the two.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext

from accounts.models import Role, User
from accounts.scoping import visible_team_ids

from .models import Client, VisitPurpose
from .models import ClientStatus as S

# action -> (roles that may take it, states it may be taken from)
# "owner" stands for the client's own salesperson; "manager" for a manager of the client's team;
# "analyst" for an analyst of the client's team.
ACTIONS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "log_visit": (
        frozenset({"owner", "manager"}),
        frozenset(s for s in S.values if s != S.DROPPED),
    ),
    "analyze_needs": (frozenset({"analyst", "manager"}), frozenset({S.VISITED})),
    "report_to_manager": (frozenset({"owner", "manager"}), frozenset({S.NEEDS_ANALYZED})),
    "prepare_plan": (frozenset({"analyst", "manager"}), frozenset({S.REPORTED})),
    "start_closing": (frozenset({"owner", "manager"}), frozenset({S.REVISITED})),
    "close_won": (frozenset({"owner", "manager"}), frozenset({S.CLOSING})),
    "close_lost": (frozenset({"owner", "manager"}), frozenset({S.CLOSING})),
    "record_deposit": (frozenset({"owner", "manager"}), frozenset({S.ACCOUNT_OPENED, S.FUNDED})),
    "drop": (
        frozenset({"owner", "manager"}),
        frozenset(s for s in S.values if s not in (S.FUNDED, S.DROPPED)),
    ),
    "reactivate": (frozenset({"manager"}), frozenset({S.DROPPED})),
    # 限期二次回访: the manager sets or changes the deadline of a client to be revisited
    "set_revisit_due": (frozenset({"manager"}), frozenset({S.PLAN_READY, S.FAILED})),
    "edit_info": (frozenset({"owner", "manager"}), frozenset(S.values)),
}

# the transitions that happen through logging a visit, not through a button of their own
VISIT_TRANSITIONS = {"record_first_visit", "record_revisit"}


def relation(user: User, client: Client) -> str | None:
    """How the user stands to the client: owner, manager, analyst, or None (no standing)."""
    if not user.is_authenticated or not user.is_active:
        return None
    team_ids = visible_team_ids(user)
    in_team = team_ids is None or client.team_id in team_ids
    if user.is_superuser:
        return "manager"
    if (
        user.role == Role.SALESPERSON
        and client.salesperson_id == user.pk
        and not client.in_pool_since
    ):
        return "owner"
    if user.role == Role.MANAGER and in_team:
        return "manager"
    if user.role == Role.ANALYST and in_team:
        return "analyst"
    return None


def may(user: User, client: Client, action: str) -> bool:
    """The role part of the rule: may this user ever take this action on this client?"""
    roles, _states = ACTIONS[action]
    return relation(user, client) in roles


def allowed_actions(user: User, client: Client) -> list[str]:
    """Actions this user may take on this client now (role and current state)."""
    standing = relation(user, client)
    return [
        action
        for action, (roles, states) in ACTIONS.items()
        if standing in roles
        and client.status in states
        and not client.archived_at
        # a client in the team's pool (公海) waits to be assigned or claimed (clientpool/)
        and not client.in_pool_since
    ]


def check_action(user: User, client: Client, action: str) -> None:
    if not may(user, client, action):
        raise PermissionDenied


# --- a visit's purpose and the client's state ----------------------------------------------------

P = VisitPurpose

# the purpose 记录拜访 proposes for a client in each state (the visit the state calls for)
SUGGESTED_PURPOSE: dict[str, str] = {
    S.PROSPECT: P.FIRST,
    S.VISITED: P.NEEDS,
    S.NEEDS_ANALYZED: P.NEEDS,
    S.REPORTED: P.NEEDS,
    S.PLAN_READY: P.PLAN_REVISIT,
    S.REVISITED: P.CLOSING,
    S.CLOSING: P.CLOSING,
    S.FAILED: P.AFTER_FAILURE,
}

# states without an investment plan yet: a 方案回访 there has no plan to take along
NO_PLAN_YET = frozenset({S.PROSPECT, S.VISITED, S.NEEDS_ANALYZED, S.REPORTED})


def suggested_purpose(status: str) -> str:
    return SUGGESTED_PURPOSE.get(status, P.SERVICE)


def purpose_contradiction(status: str, purpose: str) -> str | None:
    """Why a visit with this purpose contradicts the client's state, or None when it fits.

    Only a client not yet visited is met for the 初访, and such a client is met for nothing else; a
    方案回访 needs a plan; a 再次拜访 follows a failed close."""
    state = S(status).label
    fitting = P(suggested_purpose(status)).label
    if status == S.PROSPECT and purpose != P.FIRST:
        return gettext("该客户尚未初访，本次拜访目的应为「初访」。")
    if status != S.PROSPECT and purpose == P.FIRST:
        message = gettext(
            "该客户已拜访过（当前状态「%(state)s」），不能再记录为「初访」，请选择「%(purpose)s」。"
        )
    elif status in NO_PLAN_YET and purpose == P.PLAN_REVISIT:
        message = gettext(
            "该客户尚无投资方案（当前状态「%(state)s」），不能记录为「方案回访」，请选择「%(purpose)s」。"
        )
    elif status != S.FAILED and purpose == P.AFTER_FAILURE:
        message = gettext(
            "「再次拜访」用于促单失败的客户；该客户当前状态为「%(state)s」，请选择「%(purpose)s」。"
        )
    else:
        return None
    return message % {"state": state, "purpose": fitting}
