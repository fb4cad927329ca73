"""Moving a client to another salesperson, and putting every revealed number on record.

Services are keyword-only and atomic; a refusal is a ServiceError (nothing changed) or a 403 from
the rule (salesops.services.require).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.scoping import can_see
from notifications import events
from salesops.services import (
    ServiceError,
    bump,
    lock_and_check,
    now,
    refuse_duplicate,
    require,
    required_text,
)
from visits.models import Client

from . import rules
from .models import ClientTransfer, PhoneReveal, TransferState

ALREADY_PENDING = _("该客户已有一份待审批的转移申请，请等经理审批后再申请。")


# a client in the team's pool (公海) leaves it by the pool's assignment or claim (clientpool/)
IN_POOL = _("该客户在团队公海中，请在公海中分配或领取，不能申请转移。")


@transaction.atomic
def transfer_request(
    *, client: Client, by: User, to: User, reason: str, expected_version: int | None = None
) -> ClientTransfer:
    """Ask a manager of the team to move ``client`` to ``to`` (another salesperson of the team)."""
    require(rules.may_request_transfer(by, client))
    fresh = lock_and_check(client, expected_version)
    if fresh.archived_at:
        raise ServiceError(_("该客户已归档，不能再操作。"))
    if fresh.in_pool_since:
        raise ServiceError(IN_POOL)
    if not rules.is_transfer_target(to, fresh):
        raise ServiceError(_("只能转给本团队的其他在职营销人员。"), field="to")
    reason = required_text(reason, _("请填写转移原因。"), "reason")
    return _create(fresh, to=to, by=by, reason=reason)


def _create(client: Client, *, to: User, by: User, reason: str) -> ClientTransfer:
    if ClientTransfer.objects.filter(client=client, state=TransferState.PENDING).exists():
        raise ServiceError(ALREADY_PENDING)
    with refuse_duplicate(ALREADY_PENDING):
        transfer = ClientTransfer.objects.create(
            client=client,
            team_id=client.team_id,
            from_salesperson_id=client.salesperson_id,
            to_salesperson=to,
            requested_by=by,
            reason=reason,
            requested_at=now(),
        )
    events.transfer_requested(transfer)
    return transfer


@transaction.atomic
def transfer_ask(*, client: Client, by: User, reason: str) -> ClientTransfer:
    """申请转移: a salesperson who found ``client``'s number taken asks for it, across teams
    (docs/design.md §Transfers). The owner's manager decides; the asker sees the client masked
    until it is theirs."""
    require(rules.may_ask_for(by, client))
    fresh = lock_and_check(client, None)
    if fresh.archived_at:
        raise ServiceError(_("该客户已归档，不能再操作。"))
    if fresh.in_pool_since:
        raise ServiceError(_("该客户在其团队的公海中，不能申请转移。"))
    reason = required_text(reason, _("请填写转移原因。"), "reason")
    return _create(fresh, to=by, by=by, reason=reason)


def _lock_pending(transfer: ClientTransfer, by: User) -> ClientTransfer:
    require(rules.may_decide(by, transfer))
    fresh = ClientTransfer.objects.select_for_update().get(pk=transfer.pk)
    if fresh.state != TransferState.PENDING:
        raise ServiceError(
            gettext("该申请%(state)s，不能再审批。") % {"state": fresh.get_state_display()}
        )
    return fresh


@transaction.atomic
def transfer_approve(*, transfer: ClientTransfer, by: User, note: str = "") -> ClientTransfer:
    """The manager approves: the client now belongs to the new salesperson (its history and the
    timeline say who moved it, when and why). Refused when the client changed hands meanwhile."""
    fresh = _lock_pending(transfer, by)
    client = lock_and_check(fresh.client, None)
    if client.archived_at:
        raise ServiceError(_("该客户已归档，不能再操作。"))
    if client.in_pool_since:
        raise ServiceError(IN_POOL)
    if client.salesperson_id != fresh.from_salesperson_id:
        raise ServiceError(_("该客户的营销人员已变更，此申请已失效，请驳回。"))
    to = User.objects.get(pk=fresh.to_salesperson_id)
    asked = fresh.requested_by_id == fresh.to_salesperson_id and to.team_id != client.team_id
    if asked:  # a salesperson of another team asked for it: the client moves to their team
        if not rules.is_asking_salesperson(to, client):
            raise ServiceError(_("申请人已不是在职营销人员，请驳回此申请。"))
        analyst = client.analyst
        if analyst is not None and analyst.team_id != to.team_id:
            client.analyst = None  # the new team's analysts serve it until one is set
        client.team = to.team  # type: ignore[assignment]  # an asking salesperson has a team
    elif not rules.is_transfer_target(to, client):
        raise ServiceError(_("接手人已不是本团队的在职营销人员，请驳回此申请。"))
    client.salesperson = to
    client._change_reason = "转移客户"  # type: ignore[attr-defined]
    bump(client, by)
    fresh.state = TransferState.APPROVED
    fresh.decided_by, fresh.decided_at = by, now()
    fresh.decision_note = note.strip()[:500]
    fresh.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    events.transfer_decided(fresh, client_visible=can_see(fresh.requested_by, client))
    return fresh


@transaction.atomic
def transfer_reject(*, transfer: ClientTransfer, by: User, note: str) -> ClientTransfer:
    """The manager turns the request down, saying why; the client stays where it is."""
    fresh = _lock_pending(transfer, by)
    note = required_text(note, _("请填写驳回理由。"), "note")
    fresh.state = TransferState.REJECTED
    fresh.decided_by, fresh.decided_at = by, now()
    fresh.decision_note = note[:500]
    fresh.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    events.transfer_decided(fresh, client_visible=can_see(fresh.requested_by, fresh.client))
    return fresh


@transaction.atomic
def phone_reveal(*, client: Client, by: User) -> PhoneReveal:
    """Put on record that ``by`` had ``client``'s full number shown (the 显示号码 click)."""
    require(rules.may_reveal(by, client))
    if not client.phone:
        raise ServiceError(_("该客户没有登记电话。"))
    return PhoneReveal.objects.create(client=client, user=by, at=now())


@transaction.atomic
def file_reveal(*, by: User, file: str, numbers: int) -> PhoneReveal | None:
    """Put on record that a file handed to ``by`` holds ``numbers`` full client numbers: one
    reveal per file (docs/design.md §Downloads and reveals); nothing when it holds none."""
    if numbers <= 0:
        return None
    return PhoneReveal.objects.create(user=by, file=file[:300], numbers=numbers, at=now())
