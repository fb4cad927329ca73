"""Who may do what with plans, logs, tasks and letters — written once.

Two kinds of rule: ``may_*`` is the role part (may this user ever do this to this row? — a refusal
is a 403, raised by the services through ``salesops.services.require``), and ``can_*`` adds the row's
state, which the pages use to show exactly the buttons that will work. Services check the state
themselves with a message, since a state can change between showing a button and pressing it.
"""

from __future__ import annotations

from accounts.models import Role, User
from accounts.scoping import manages
from visits.models import Client

from .models import CommitmentLetter, Horizon, LetterStatus, PlanStatus, VisitPlan, WorkLog

EDITABLE_PLAN = (PlanStatus.DRAFT, PlanStatus.RETURNED)


# --- the role part: used by the services (403) ---------------------------------------------------


def may_keep_plans(user: User) -> bool:
    """Plans and work logs are a salesperson's, inside a team."""
    return user.role == Role.SALESPERSON and user.team_id is not None


def owns_plan(user: User, plan: VisitPlan) -> bool:
    return plan.owner_id == user.pk


def may_review_plan(user: User, plan: VisitPlan) -> bool:
    return manages(user, plan.team_id)


def owns_letter(user: User, letter: CommitmentLetter) -> bool:
    return letter.task.salesperson_id == user.pk


def may_review_letter(user: User, letter: CommitmentLetter) -> bool:
    return manages(user, letter.task.team_id)


def may_assign_task(user: User, salesperson: User) -> bool:
    return salesperson.role == Role.SALESPERSON and manages(user, salesperson.team_id)


def may_assign_focus(user: User, client: Client) -> bool:
    return manages(user, client.team_id)


def may_comment_worklog(user: User, log: WorkLog) -> bool:
    """批注 on a work log: the manager of the log's team."""
    return manages(user, log.team_id)


def may_run_month(user: User, team_id: int) -> bool:
    """The month's sales plan, its announcement and the manager's weekly plan: the team's manager."""
    return manages(user, team_id)


# --- role and state: used by the pages for buttons -----------------------------------------------


def can_edit_plan(user: User, plan: VisitPlan) -> bool:
    return owns_plan(user, plan) and plan.status in EDITABLE_PLAN


def can_submit_plan(user: User, plan: VisitPlan) -> bool:
    return can_edit_plan(user, plan) and plan.horizon != Horizon.DAY


def can_review_plan(user: User, plan: VisitPlan) -> bool:
    return may_review_plan(user, plan) and plan.status == PlanStatus.SUBMITTED


def can_set_key(user: User, plan: VisitPlan) -> bool:
    """The owner flags key visits while drafting; the manager settles them (最终确定重点) while
    reviewing and after approval — the key flags are the one thing an approved plan still lets change."""
    if can_edit_plan(user, plan):
        return True
    return may_review_plan(user, plan) and plan.status in (
        PlanStatus.SUBMITTED,
        PlanStatus.APPROVED,
    )


def can_edit_letter(user: User, letter: CommitmentLetter, announced: bool) -> bool:
    return (
        not announced
        and owns_letter(user, letter)
        and letter.status in (LetterStatus.DRAFT, LetterStatus.REJECTED)
    )


def can_review_letter(user: User, letter: CommitmentLetter) -> bool:
    return may_review_letter(user, letter) and letter.status == LetterStatus.SUBMITTED
