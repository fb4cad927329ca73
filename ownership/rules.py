"""Who may move a client and who may read its number — written once, for pages and services.

- Ask to move a client to another salesperson of its team: its owning salesperson or a manager of
  its team (a live client only).
- Ask for a client found by its number (申请转移, from the duplicate-number refusal): a salesperson of
  any team who does not own it (docs/design.md §Transfers).
- Approve or reject the request: a manager of the client's team — the owner's manager; the leader
  when that manager is the one asking. Whoever asked never decides (docs/design.md §Four eyes).
- Reveal a client's full number on a page: who has standing on it (visits.masking.may_see_phone).
"""

from __future__ import annotations

from accounts.models import Role, User
from accounts.scoping import manages
from visits.masking import may_see_client_phone
from visits.models import Client

from .models import ClientTransfer, TransferState


def may_request_transfer(user: User, client: Client) -> bool:
    if not user.is_authenticated or not user.is_active or client.archived_at:
        return False
    if user.role == Role.SALESPERSON:
        return client.salesperson_id == user.pk
    return manages(user, client.team_id)


def may_ask_for(user: User, client: Client) -> bool:
    """申请转移 a client whose number this salesperson found taken: across teams, not their own."""
    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.SALESPERSON
        and bool(user.team_id)
        and client.salesperson_id != user.pk
        and not client.archived_at
    )


def leader_decides(transfer: ClientTransfer) -> bool:
    """The owner's manager asked (for the team's own transfer): the leader decides."""
    return manages(transfer.requested_by, transfer.team_id)


def may_decide(user: User, transfer: ClientTransfer) -> bool:
    if not user.is_authenticated or not user.is_active or user.pk == transfer.requested_by_id:
        return False
    if leader_decides(transfer):
        return user.role == Role.LEADER
    return manages(user, transfer.team_id)


def can_decide(user: User, transfer: ClientTransfer) -> bool:
    """The buttons: a manager of the team, on a request still waiting."""
    return transfer.state == TransferState.PENDING and may_decide(user, transfer)


def may_reveal(user: User, client: Client) -> bool:
    return may_see_client_phone(user, client)


def is_asking_salesperson(person: User, client: Client) -> bool:
    """Who can take over a client they asked for: an active salesperson of a team, not its owner."""
    return (
        person.is_active
        and person.role == Role.SALESPERSON
        and bool(person.team_id)
        and person.pk != client.salesperson_id
    )


def is_transfer_target(person: User, client: Client) -> bool:
    """Who can take the client over: another active salesperson of the client's team."""
    return (
        person.is_active
        and person.role == Role.SALESPERSON
        and person.team_id == client.team_id
        and person.pk != client.salesperson_id
    )
