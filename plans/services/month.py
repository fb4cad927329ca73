"""The monthly cycle: sales plan and reward plan, tasks, commitment letters, the announcement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Team, User
from notifications import events
from salesops.periods import month_start
from salesops.services import (
    ServiceError,
    bump,
    lock_and_check,
    lock_existing,
    now,
    refuse_duplicate,
    require,
    run_transition,
)

from .. import queries, rules
from ..models import (
    CommitmentLetter,
    LetterStatus,
    MonthlySalesPlan,
    SalesTask,
)


def _announced(team_id: int, month: dt.date) -> bool:
    return MonthlySalesPlan.objects.filter(
        team_id=team_id, month=month, announced_at__isnull=False
    ).exists()


@transaction.atomic
def sales_plan_save(
    *,
    team: Team,
    month: dt.date,
    by: User,
    sales_plan: str,
    reward_plan: str,
    expected_version: int | None = None,
) -> MonthlySalesPlan:
    """本月销售方案 and 奖励方案; they may still be revised after the month is announced (the
    announcement fixes the targets, not the manager's prose), but not once reported and announced."""
    require(rules.may_run_month(by, team.pk))
    month = month_start(month)
    plan, created = MonthlySalesPlan.objects.get_or_create(
        team=team, month=month, defaults={"author": by}
    )
    if not created:
        plan = lock_existing(plan, expected_version)
        if plan.announced_at and plan.reported_at:
            raise ServiceError(_("本月方案已上报并宣布执行，不能再修改。"))
    plan.sales_plan, plan.reward_plan = sales_plan, reward_plan
    return bump(plan)


@transaction.atomic
def sales_plan_report_to_office(*, plan: MonthlySalesPlan, by: User) -> MonthlySalesPlan:
    """上报办公室: the month's sales plan and reward plan go to the office."""
    require(rules.may_run_month(by, plan.team_id))
    fresh = lock_and_check(plan, None)
    if not fresh.sales_plan.strip() or not fresh.reward_plan.strip():
        raise ServiceError(_("请先写好本月销售方案和奖励方案，再上报办公室。"))
    fresh.reported_at = now()
    return bump(fresh)


@transaction.atomic
def task_assign(
    *,
    manager: User,
    salesperson: User,
    month: dt.date,
    target_visits: int,
    target_new_clients: int,
    target_accounts: int,
    target_deposit_amount: Decimal,
    expected_version: int | None = None,
) -> SalesTask:
    """任务分配: set a salesperson's targets for the month; a commitment letter is opened for it."""
    require(rules.may_assign_task(manager, salesperson))
    month = month_start(month)
    team_id = salesperson.team_id
    assert team_id is not None  # may_assign_task: a salesperson of a managed team
    if _announced(team_id, month):
        raise ServiceError(_("本月任务已宣布执行，不能再修改。"))
    refusal = queries.task_refusal(team_id, month)
    if refusal:
        raise ServiceError(refusal)
    targets: dict[str, int | Decimal] = {
        "target_visits": target_visits,
        "target_new_clients": target_new_clients,
        "target_accounts": target_accounts,
        "target_deposit_amount": target_deposit_amount,
    }
    for field, value in targets.items():
        if value is None or value < 0:
            raise ServiceError(_("目标不能为负数。"), field=field)
    task = SalesTask.objects.filter(salesperson=salesperson, month=month).first()
    if task is None:
        with refuse_duplicate(_("该营销人员本月的任务已存在，请刷新后修改。")):
            task = SalesTask.objects.create(
                team_id=team_id,
                salesperson=salesperson,
                month=month,
                assigned_by=manager,
                **targets,
            )
            CommitmentLetter.objects.create(task=task)
        return task
    task = lock_existing(task, expected_version)
    for field, value in targets.items():
        setattr(task, field, value)
    return bump(task)


def _letter(letter: CommitmentLetter, expected_version: int | None) -> CommitmentLetter:
    fresh = lock_and_check(letter, expected_version)
    if _announced(fresh.task.team_id, fresh.task.month):
        raise ServiceError(_("本月任务已宣布执行，承诺书不能再修改。"))
    return fresh


@transaction.atomic
def letter_write(
    *, letter: CommitmentLetter, by: User, text: str, expected_version: int | None = None
) -> CommitmentLetter:
    require(rules.owns_letter(by, letter))
    fresh = _letter(letter, expected_version)
    if fresh.status == LetterStatus.REJECTED:
        # writing a rejected letter is redoing it (重做)
        fresh.redo(by=by, description=_("重做承诺书"))
    if fresh.status != LetterStatus.DRAFT:
        raise ServiceError(
            _("承诺书状态为「%(state)s」，不能修改。") % {"state": fresh.get_status_display()}
        )
    if not text.strip():
        raise ServiceError(_("请填写承诺内容。"), field="text")
    fresh.text = text
    return bump(fresh)


@transaction.atomic
def letter_redo(
    *, letter: CommitmentLetter, by: User, expected_version: int | None = None
) -> CommitmentLetter:
    """重做: the writer takes a rejected letter back to draft."""
    require(rules.owns_letter(by, letter))
    fresh = _letter(letter, expected_version)
    run_transition(fresh, "redo", by=by, description=_("重做承诺书"))
    return fresh


@transaction.atomic
def letter_submit(
    *, letter: CommitmentLetter, by: User, expected_version: int | None = None
) -> CommitmentLetter:
    require(rules.owns_letter(by, letter))
    fresh = _letter(letter, expected_version)
    if not fresh.text.strip():
        raise ServiceError(_("承诺书还是空的，请先填写承诺内容。"), field="text")
    run_transition(fresh, "submit", by=by, description=_("提交承诺书"), at=now())
    return fresh


@transaction.atomic
def letter_approve(
    *, letter: CommitmentLetter, by: User, expected_version: int | None = None
) -> CommitmentLetter:
    require(rules.may_review_letter(by, letter))
    fresh = _letter(letter, expected_version)
    run_transition(fresh, "approve", by=by, description=_("审核通过"), at=now(), reviewer=by)
    events.letter_reviewed(fresh)
    return fresh


@transaction.atomic
def letter_reject(
    *, letter: CommitmentLetter, by: User, reason: str, expected_version: int | None = None
) -> CommitmentLetter:
    """审核不通过 → 重做: the letter goes back to its writer with the reason."""
    require(rules.may_review_letter(by, letter))
    if not reason.strip():
        raise ServiceError(_("审核不通过时必须填写原因。"), field="reason")
    fresh = _letter(letter, expected_version)
    run_transition(
        fresh, "reject", by=by, description=reason, reason=reason.strip(), at=now(), reviewer=by
    )
    events.letter_reviewed(fresh)
    return fresh


@transaction.atomic
def month_announce(*, team: Team, month: dt.date, by: User) -> MonthlySalesPlan:
    """宣布并执行: refused until every earlier step of the month holds (docs/design.md §The
    manager's month), naming in one message every step still missing; then the tasks are fixed."""
    team_id = team.pk
    require(rules.may_run_month(by, team_id))
    month = month_start(month)
    plan = MonthlySalesPlan.objects.select_for_update().filter(team_id=team_id, month=month).first()
    if plan is not None and plan.announced_at:
        raise ServiceError(_("本月任务已经宣布过了。"))
    missing = queries.month_missing(team_id, month)
    if missing:
        raise ServiceError(
            _("还不能宣布执行，尚缺：%(steps)s。")
            % {
                "steps": gettext("；").join(
                    f"{n}. {step}" for n, step in enumerate(missing, start=1)
                )
            }
        )
    assert plan is not None  # month_missing: the plan exists
    plan.announced_at, plan.announced_by = now(), by
    events.month_announced(bump(plan))
    return plan
