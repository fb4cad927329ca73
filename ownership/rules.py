"""Who may move a client and who may read its number — written once, for pages and services.

- Ask to move a client to another salesperson of its team: its owning salesperson or a manager of
  its team (a live client only).
- Approve or reject the request: a manager of the client's team (never the leader or the office).
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


def may_decide(user: User, transfer: ClientTransfer) -> bool:
    return manages(user, transfer.team_id)


def can_decide(user: User, transfer: ClientTransfer) -> bool:
    """The buttons: a manager of the team, on a request still waiting."""
    return transfer.state == TransferState.PENDING and may_decide(user, transfer)


def may_reveal(user: User, client: Client) -> bool:
    return may_see_client_phone(user, client)


def is_transfer_target(person: User, client: Client) -> bool:
    """Who can take the client over: another active salesperson of the client's team."""
    return (
        person.is_active
        and person.role == Role.SALESPERSON
        and person.team_id == client.team_id
        and person.pk != client.salesperson_id
    )
