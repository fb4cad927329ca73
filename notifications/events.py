"""Who must act on each event, and what they read: one function per event, called by the app's
service right after its action (one line there). Each tells exactly one person, once."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from .models import Kind
from .services import notify


def _span(plan: Any) -> str:
    if plan.period_start == plan.period_end:
        return plan.period_start.isoformat()
    return f"{plan.period_start.isoformat()} – {plan.period_end.isoformat()}"


def plan_reviewed(plan: Any) -> None:
    """A plan returned (打回) or approved: its salesperson rewrites it or works by it."""
    returned = plan.status == "returned"
    notify(
        kind=Kind.PLAN_RETURNED if returned else Kind.PLAN_APPROVED,
        recipient=plan.owner,
        subject=plan,
        period=f"v{plan.version}",
        params={"period": _span(plan), "reason": plan.return_reason if returned else ""},
        url=reverse("plans:plan_detail", args=[plan.pk]),
    )


def letter_reviewed(letter: Any) -> None:
    """A commitment letter rejected (重做) or approved: to its writer."""
    rejected = letter.status == "rejected"
    notify(
        kind=Kind.LETTER_REJECTED if rejected else Kind.LETTER_APPROVED,
        recipient=letter.task.salesperson,
        subject=letter,
        period=f"v{letter.version}",
        params={
            "month": f"{letter.task.month:%Y-%m}",
            "reason": letter.reject_reason if rejected else "",
        },
        url=reverse("plans:letter_detail", args=[letter.pk]),
    )


def month_announced(plan: Any) -> None:
    """The month's tasks announced: every salesperson with a task works to it now."""
    from plans.models import SalesTask

    tasks = SalesTask.objects.filter(team_id=plan.team_id, month=plan.month).select_related(
        "salesperson"
    )
    for task in tasks:
        notify(
            kind=Kind.MONTH_ANNOUNCED,
            recipient=task.salesperson,
            subject=plan,
            period=f"{plan.month:%Y-%m}",
            params={"month": f"{plan.month:%Y-%m}"},
            url=reverse("plans:my_month"),
        )


def client_reported(client: Any) -> None:
    """上报经理: the team's manager receives the client, and the serving analyst (who helps make
    the investment plan, 4.1.4) has one to prepare."""
    for person in {client.team.manager, client.analyst} - {None}:
        notify(
            kind=Kind.CLIENT_REPORTED,
            recipient=person,
            subject=client,
            period=f"v{client.version}",
            params={"client": client.name, "salesperson": client.salesperson.display_name},
            url=reverse("visits:client_detail", args=[client.pk]),
        )


def investment_plan_ready(client: Any) -> None:
    """方案已制定: the salesperson revisits the client with it by the deadline."""
    notify(
        kind=Kind.INVESTMENT_PLAN_READY,
        recipient=client.salesperson,
        subject=client,
        period=f"v{client.version}",
        params={"client": client.name, "due": client.revisit_due or ""},
        url=reverse("visits:client_detail", args=[client.pk]),
    )


def focus_assigned(focus: Any) -> None:
    """每日重点跟进: the salesperson follows the client up that day."""
    notify(
        kind=Kind.FOCUS_ASSIGNED,
        recipient=focus.salesperson,
        subject=focus,
        period=focus.date.isoformat(),
        params={
            "client": focus.client.name,
            "date": focus.date.isoformat(),
            "instruction": focus.instruction,
        },
        url=reverse("visits:client_detail", args=[focus.client_id]),
    )


def proposal_decided(proposal: Any) -> None:
    """The leader approved or rejected a proposal: to the manager who proposed it."""
    notify(
        kind=Kind.PROPOSAL_DECIDED,
        recipient=proposal.proposed_by,
        subject=proposal,
        period=f"v{proposal.version}",
        params={
            "person": proposal.person.display_name,
            "month": f"{proposal.month:%Y-%m}",
            "decision": proposal.status,
        },
        url=reverse("proposals:detail", args=[proposal.pk]),
    )


def escalation_answered(problem: Any) -> None:
    """领导答复: to the manager who escalated the problem."""
    notify(
        kind=Kind.ESCALATION_ANSWERED,
        recipient=problem.escalated_by,
        subject=problem,
        period=f"v{problem.version}",
        params={"problem": problem.title, "answer": problem.answer},
        url=reverse("problems:problem_detail", args=[problem.pk]),
    )


def _active(role: str):
    from accounts.models import User

    return User.objects.filter(role=role, is_active=True)


def report_submitted(submission: Any) -> None:
    """A report handed in: the office signs for it (签收)."""
    for person in _active("office"):
        notify(
            kind=Kind.REPORT_SUBMITTED,
            recipient=person,
            subject=submission,
            params={
                "team": submission.team.name,
                "report": submission.code,
                "period": submission.period_key,
            },
            url=reverse("reports:board"),
        )


def proposal_submitted(proposal: Any) -> None:
    """A proposal sent up: the leader decides."""
    for person in _active("leader"):
        notify(
            kind=Kind.PROPOSAL_SUBMITTED,
            recipient=person,
            subject=proposal,
            period=f"v{proposal.version}",
            params={
                "team": proposal.team.name,
                "person": proposal.person.display_name,
                "month": f"{proposal.month:%Y-%m}",
            },
            url=reverse("proposals:detail", args=[proposal.pk]),
        )


def problem_escalated(problem: Any) -> None:
    """A problem escalated: the leader answers."""
    for person in _active("leader"):
        notify(
            kind=Kind.PROBLEM_ESCALATED,
            recipient=person,
            subject=problem,
            period=f"v{problem.version}",
            params={
                "team": problem.team.name,
                "problem": problem.title,
                "reason": problem.escalation_reason,
            },
            url=reverse("problems:problem_detail", args=[problem.pk]),
        )
