"""Who may do what with plans, logs, tasks and letters — written once, used by views and services."""

from __future__ import annotations

from accounts.models import User
from accounts.scoping import manages

from .models import CommitmentLetter, Horizon, LetterStatus, PlanStatus, VisitPlan

EDITABLE_PLAN = (PlanStatus.DRAFT, PlanStatus.RETURNED)


def can_edit_plan(user: User, plan: VisitPlan) -> bool:
    return plan.owner_id == user.pk and plan.status in EDITABLE_PLAN


def can_submit_plan(user: User, plan: VisitPlan) -> bool:
    return can_edit_plan(user, plan) and plan.horizon != Horizon.DAY


def can_review_plan(user: User, plan: VisitPlan) -> bool:
    return manages(user, plan.team_id) and plan.status == PlanStatus.SUBMITTED


def can_set_key(user: User, plan: VisitPlan) -> bool:
    """The owner flags key visits while drafting; the manager settles them (最终确定重点) while
    reviewing and after approval — the key flags are the one thing an approved plan still lets change."""
    if can_edit_plan(user, plan):
        return True
    return manages(user, plan.team_id) and plan.status in (
        PlanStatus.SUBMITTED,
        PlanStatus.APPROVED,
    )


def can_edit_letter(user: User, letter: CommitmentLetter, announced: bool) -> bool:
    return (
        not announced
        and letter.task.salesperson_id == user.pk
        and letter.status in (LetterStatus.DRAFT, LetterStatus.REJECTED)
    )


def can_review_letter(user: User, letter: CommitmentLetter) -> bool:
    return manages(user, letter.task.team_id) and letter.status == LetterStatus.SUBMITTED
