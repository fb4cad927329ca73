"""Every action on a reward/penalty proposal: checked (proposals.rules), locked, logged.

``proposal_create / update / submit / revise`` are the team manager's; ``proposal_approve /
reject`` the leader's. A refusal changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, Team, User
from notifications import events
from salesops import limits
from salesops.periods import Period, month_start
from salesops.services import (
    ServiceError,
    bump,
    lock_and_check,
    now,
    require,
    required_text,
    run_transition,
)

from . import queries, rules
from .models import AMOUNT_LIMIT, AmountUnit, Proposal, ProposalKind, ProposalStatus


def _check_person(team: Team, person: User) -> None:
    if person.role != Role.SALESPERSON or person.team_id != team.pk or not person.is_active:
        raise ServiceError(_("只能为本团队在职的营销人员提出奖惩建议。"), field="person")


def _check_amount(amount: Decimal | None) -> Decimal:
    if amount is None:
        raise ServiceError(_("请填写数额。"), field="amount")
    if amount <= 0:
        raise ServiceError(_("数额必须大于零。"), field="amount")
    if amount >= AMOUNT_LIMIT:
        raise ServiceError(_("数额过大，请核对（须小于 10 亿）。"), field="amount")
    return amount


def _check_choices(kind: str, unit: str) -> None:
    if kind not in ProposalKind.values:
        raise ServiceError(_("请选择奖励或惩罚。"), field="kind")
    if unit not in AmountUnit.values:
        raise ServiceError(_("请选择数额的单位（元或分）。"), field="unit")


NO_REASON = _("请填写奖惩事由。")


def _reason(reason: str) -> str:
    reason = required_text(reason, NO_REASON, "reason")
    if len(reason) > limits.TEXT:
        raise ServiceError(_("事由最多 %(n)s 字。") % {"n": limits.TEXT}, field="reason")
    return reason


def _basis(basis: str, person: User, month: dt.date, by: User) -> str:
    """The 依据 as written, or (blank) the month's targets, completion and reward plan."""
    written = (basis or "").strip()
    if written:
        return written
    return queries.basis_for(person, Period.month_of(month), by)[: limits.LONG]


@transaction.atomic
def proposal_create(
    *,
    team: Team,
    person: User,
    month: dt.date,
    kind: str,
    reason: str,
    amount: Decimal | None,
    by: User,
    unit: str = AmountUnit.YUAN,
    basis: str = "",
) -> Proposal:
    """A draft proposal. A blank 依据 is filled from the month's targets, completion and reward
    plan (queries.basis_for)."""
    require(rules.may_propose(by, team.pk))
    _check_person(team, person)
    _check_choices(kind, unit)
    reason = _reason(reason)
    amount = _check_amount(amount)
    month = month_start(month)
    basis = _basis(basis, person, month, by)
    proposal = Proposal(
        team=team,
        person=person,
        month=month,
        kind=kind,
        reason=reason,
        basis=basis,
        amount=amount,
        unit=unit,
        proposed_by=by,
    )
    proposal._history_user = by
    proposal.save()
    return proposal


@transaction.atomic
def proposal_update(
    *,
    proposal: Proposal,
    by: User,
    expected_version: int | None,
    person: User,
    kind: str,
    reason: str,
    amount: Decimal | None,
    unit: str = AmountUnit.YUAN,
    basis: str = "",
) -> Proposal:
    """Edit a draft (a new one, or a rejected one taken back by ``proposal_revise``)."""
    require(rules.may_edit(by, proposal))
    fresh = lock_and_check(proposal, expected_version)
    if fresh.status != ProposalStatus.DRAFT:
        raise ServiceError(_("只有草稿状态的奖惩建议可以修改。"))
    _check_person(fresh.team, person)
    _check_choices(kind, unit)
    fresh.person = person
    fresh.kind = kind
    fresh.unit = unit
    fresh.reason = _reason(reason)
    fresh.amount = _check_amount(amount)
    fresh.basis = _basis(basis, person, fresh.month, by)
    return bump(fresh, by)


@transaction.atomic
def proposal_submit(*, proposal: Proposal, by: User, expected_version: int | None) -> Proposal:
    """提交领导审批."""
    require(rules.may_edit(by, proposal))
    fresh = lock_and_check(proposal, expected_version)
    required_text(fresh.reason, NO_REASON, "reason")
    run_transition(fresh, "submit", by=by, description=_("提交领导审批"), label=_("提交"), at=now())
    events.proposal_submitted(fresh)
    return fresh


@transaction.atomic
def proposal_approve(*, proposal: Proposal, by: User, expected_version: int | None) -> Proposal:
    """The leader approves: the proposal is fixed from now on."""
    require(rules.may_decide(by))
    fresh = lock_and_check(proposal, expected_version)
    run_transition(
        fresh,
        "approve",
        by=by,
        description=_("领导批准"),
        label=_("审批"),
        at=now(),
        decider=by,
    )
    events.proposal_decided(fresh)
    return fresh


@transaction.atomic
def proposal_reject(
    *, proposal: Proposal, by: User, reason: str, expected_version: int | None
) -> Proposal:
    """The leader rejects, with the reason the manager reads."""
    require(rules.may_decide(by))
    reason = required_text(reason, _("驳回时必须填写原因。"), "reason")
    fresh = lock_and_check(proposal, expected_version)
    run_transition(
        fresh,
        "reject",
        by=by,
        description=reason,
        label=_("审批"),
        reason=reason,
        at=now(),
        decider=by,
    )
    events.proposal_decided(fresh)
    return fresh


@transaction.atomic
def proposal_revise(*, proposal: Proposal, by: User, expected_version: int | None) -> Proposal:
    """The manager takes a rejected proposal back to draft, to revise and submit again."""
    require(rules.may_edit(by, proposal))
    fresh = lock_and_check(proposal, expected_version)
    run_transition(fresh, "revise", by=by, description=_("修改后重新提交"), label=_("修改"))
    return fresh
