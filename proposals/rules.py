"""Who may do what with reward/penalty proposals — written once.

``may_*`` is the role part (a refusal is a 403, raised by the services through
``salesops.services.require``); ``can_*`` adds the proposal's state, for the pages' buttons. Which
proposals a user sees at all is ``accounts.scoping.visible_to`` (a manager: their teams'; the
leader: every team's); another team's proposal is a 404.
"""

from __future__ import annotations

from accounts.models import Role, User
from accounts.scoping import manages

from .models import Proposal, ProposalStatus


def may_propose(user: User, team_id: int | None) -> bool:
    """The team's manager proposes rewards and penalties for the team's salespeople."""
    return user.role == Role.MANAGER and manages(user, team_id)


def may_decide(user: User) -> bool:
    """Only the leader (主管领导) approves or rejects a proposal."""
    return user.is_authenticated and user.is_active and user.role == Role.LEADER


def may_read(user: User) -> bool:
    """The proposal pages: the managers (their own teams) and the leader (every team)."""
    return user.role in (Role.MANAGER, Role.LEADER)


def may_edit(user: User, proposal: Proposal) -> bool:
    return may_propose(user, proposal.team_id)


def can_edit(user: User, proposal: Proposal) -> bool:
    return may_edit(user, proposal) and proposal.status == ProposalStatus.DRAFT


def can_submit(user: User, proposal: Proposal) -> bool:
    return can_edit(user, proposal)


def can_revise(user: User, proposal: Proposal) -> bool:
    return may_edit(user, proposal) and proposal.status == ProposalStatus.REJECTED


def can_decide(user: User, proposal: Proposal) -> bool:
    return may_decide(user) and proposal.status == ProposalStatus.SUBMITTED
