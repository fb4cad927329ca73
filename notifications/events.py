"""Who must act on each event, and what they read. ``EVENTS`` says, per kind of notification, who
is told, which occurrence it is, the values its message (``messages.TEXTS[kind]``) is written with
and the page it links to; ``raise_event`` applies a row. Each app's service calls the event's
function below right after its action (one line there). Each person is told once per occurrence."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from accounts.models import User

from .models import Kind
from .services import notify


def _span(plan: Any) -> str:
    if plan.period_start == plan.period_end:
        return plan.period_start.isoformat()
    return f"{plan.period_start.isoformat()} – {plan.period_end.isoformat()}"


def _active(role: str):
    return User.objects.filter(role=role, is_active=True)


def _tasked(plan: Any):
    from plans.models import SalesTask

    tasks = SalesTask.objects.filter(team_id=plan.team_id, month=plan.month)
    return [task.salesperson for task in tasks.select_related("salesperson")]


@dataclass(frozen=True)
class Event:
    to: Callable[[Any], Iterable[User | None]]  # who must act (None and the inactive are skipped)
    params: Callable[[Any], dict[str, Any]]  # what messages.TEXTS[kind] is written with
    link: str  # the URL name of the page to act on…
    link_args: Callable[[Any], list[Any]] = lambda s: [s.pk]  # …and its arguments
    period: Callable[[Any], str] = lambda s: f"v{s.version}"  # which occurrence of the subject


def _plan(params: Callable[[Any], dict[str, Any]]) -> Event:
    return Event(to=lambda p: [p.owner], params=params, link="plans:plan_detail")


def _letter(params: Callable[[Any], dict[str, Any]]) -> Event:
    return Event(to=lambda le: [le.task.salesperson], params=params, link="plans:letter_detail")


EVENTS: dict[str, Event] = {
    # a plan returned (打回) or approved: its salesperson rewrites it or works by it
    Kind.PLAN_RETURNED: _plan(lambda p: {"period": _span(p), "reason": p.return_reason}),
    Kind.PLAN_APPROVED: _plan(lambda p: {"period": _span(p), "reason": ""}),
    # a commitment letter rejected (重做) or approved: to its writer
    Kind.LETTER_REJECTED: _letter(
        lambda le: {"month": f"{le.task.month:%Y-%m}", "reason": le.reject_reason}
    ),
    Kind.LETTER_APPROVED: _letter(lambda le: {"month": f"{le.task.month:%Y-%m}", "reason": ""}),
    # the month's tasks announced: every salesperson with a task works to it now
    Kind.MONTH_ANNOUNCED: Event(
        to=_tasked,
        params=lambda p: {"month": f"{p.month:%Y-%m}"},
        link="plans:my_month",
        link_args=lambda p: [],
        period=lambda p: f"{p.month:%Y-%m}",
    ),
    # 上报经理: the team's manager receives the client, and the serving analyst (who helps make the
    # investment plan, 4.1.4) has one to prepare
    Kind.CLIENT_REPORTED: Event(
        to=lambda c: {c.team.manager, c.analyst} - {None},
        params=lambda c: {"client": c.name, "salesperson": c.salesperson.display_name},
        link="visits:client_detail",
    ),
    # 方案已制定: the salesperson revisits the client with it by the deadline
    Kind.INVESTMENT_PLAN_READY: Event(
        to=lambda c: [c.salesperson],
        params=lambda c: {"client": c.name, "due": c.revisit_due or ""},
        link="visits:client_detail",
    ),
    # 每日重点跟进: the salesperson follows the client up that day
    Kind.FOCUS_ASSIGNED: Event(
        to=lambda f: [f.salesperson],
        params=lambda f: {
            "client": f.client.name,
            "date": f.date.isoformat(),
            "instruction": f.instruction,
        },
        link="visits:client_detail",
        link_args=lambda f: [f.client_id],
        period=lambda f: f.date.isoformat(),
    ),
    # the leader approved or rejected a proposal: to the manager who proposed it
    Kind.PROPOSAL_DECIDED: Event(
        to=lambda p: [p.proposed_by],
        params=lambda p: {
            "person": p.person.display_name,
            "month": f"{p.month:%Y-%m}",
            "decision": p.status,
        },
        link="proposals:detail",
    ),
    # 领导答复: to the manager who escalated the problem
    Kind.ESCALATION_ANSWERED: Event(
        to=lambda p: [p.escalated_by],
        params=lambda p: {"problem": p.title, "answer": p.answer},
        link="problems:problem_detail",
    ),
    # a report handed in: the office signs for it (签收)
    Kind.REPORT_SUBMITTED: Event(
        to=lambda s: _active("office"),
        params=lambda s: {"team": s.team.name, "report": s.code, "period": s.period_key},
        link="reports:board",
        link_args=lambda s: [],
        period=lambda s: "",
    ),
    # a proposal sent up: the leader decides
    Kind.PROPOSAL_SUBMITTED: Event(
        to=lambda p: _active("leader"),
        params=lambda p: {
            "team": p.team.name,
            "person": p.person.display_name,
            "month": f"{p.month:%Y-%m}",
        },
        link="proposals:detail",
    ),
    # 申请转移: the owner's manager decides, the leader when that manager asked (four eyes)
    Kind.TRANSFER_REQUESTED: Event(
        to=lambda t: _transfer_deciders(t),
        params=lambda t: {
            "requester": t.requested_by.display_name,
            "client": t.client.name,
            "owner": t.from_salesperson.display_name,
            "to": t.to_salesperson.display_name,
            "reason": t.reason,
        },
        link="ownership:transfer_list",
        link_args=lambda t: [],
        period=lambda t: "",
    ),
    # a problem escalated: the leader answers
    Kind.PROBLEM_ESCALATED: Event(
        to=lambda p: _active("leader"),
        params=lambda p: {
            "team": p.team.name,
            "problem": p.title,
            "reason": p.escalation_reason,
        },
        link="problems:problem_detail",
    ),
    # 批注: the manager commented on a work log; its salesperson reads it
    Kind.WORKLOG_COMMENTED: Event(
        to=lambda c: [c.log.salesperson],
        params=lambda c: {
            "author": c.author.display_name,
            "date": c.log.date.isoformat(),
            "text": c.text,
        },
        link="plans:worklog",
        link_args=lambda c: [],
        period=lambda c: f"c{c.pk}",
    ),
    # 限期二次回访 changed by the manager: the salesperson revisits by the new date
    Kind.REVISIT_DUE_CHANGED: Event(
        to=lambda c: [c.salesperson],
        params=lambda c: {
            "client": c.name,
            "due": c.revisit_due or "",
            "old": getattr(c, "_old_revisit_due", None) or "—",
        },
        link="visits:client_detail",
        period=lambda c: f"due-{c.revisit_due}",
    ),
    # 开户未入金 催办: the manager reminds the salesperson to follow the deposit up
    Kind.CHASE_REMINDER: Event(
        to=lambda a: [a.client.salesperson],
        params=lambda a: {"by": a.by.display_name, "client": a.client.name},
        link="visits:client_detail",
        link_args=lambda a: [a.client_id],
        period=lambda a: f"a{a.pk}",
    ),
}


def _transfer_deciders(transfer: Any) -> Iterable[User | None]:
    from ownership.rules import leader_decides

    if leader_decides(transfer):
        return list(_active("leader"))
    return [transfer.team.manager]


def raise_event(kind: str, subject: Any) -> None:
    """Tell everyone ``EVENTS[kind]`` names about ``subject`` (``notify`` skips a repeat)."""
    event = EVENTS[kind]
    for person in event.to(subject):
        notify(
            kind=kind,
            recipient=person,
            subject=subject,
            period=event.period(subject),
            params=event.params(subject),
            url=reverse(event.link, args=event.link_args(subject)),
        )


# what the apps' services call


def plan_reviewed(plan: Any) -> None:
    raise_event(Kind.PLAN_RETURNED if plan.status == "returned" else Kind.PLAN_APPROVED, plan)


def letter_reviewed(letter: Any) -> None:
    rejected = letter.status == "rejected"
    raise_event(Kind.LETTER_REJECTED if rejected else Kind.LETTER_APPROVED, letter)


def month_announced(plan: Any) -> None:
    raise_event(Kind.MONTH_ANNOUNCED, plan)


def client_reported(client: Any) -> None:
    raise_event(Kind.CLIENT_REPORTED, client)


def investment_plan_ready(client: Any) -> None:
    raise_event(Kind.INVESTMENT_PLAN_READY, client)


def focus_assigned(focus: Any) -> None:
    raise_event(Kind.FOCUS_ASSIGNED, focus)


def proposal_decided(proposal: Any) -> None:
    raise_event(Kind.PROPOSAL_DECIDED, proposal)


def escalation_answered(problem: Any) -> None:
    raise_event(Kind.ESCALATION_ANSWERED, problem)


def report_submitted(submission: Any) -> None:
    raise_event(Kind.REPORT_SUBMITTED, submission)


def proposal_submitted(proposal: Any) -> None:
    raise_event(Kind.PROPOSAL_SUBMITTED, proposal)


def problem_escalated(problem: Any) -> None:
    raise_event(Kind.PROBLEM_ESCALATED, problem)


def transfer_requested(transfer: Any) -> None:
    raise_event(Kind.TRANSFER_REQUESTED, transfer)


def transfer_decided(transfer: Any, *, client_visible: bool) -> None:
    """Back to whoever asked. A requester of another team does not see the request's row (nor,
    when it is refused, the client): the subject is its key and the client's name is masked."""
    from visits.masking import mask_name

    client = transfer.client
    notify(
        kind=Kind.TRANSFER_DECIDED,
        recipient=transfer.requested_by,
        subject=f"ownership.clienttransfer:{transfer.pk}",
        params={
            "client": client.name if client_visible else mask_name(client.name),
            "decision": transfer.state,
            "note": transfer.decision_note,
        },
        url=reverse("visits:client_detail", args=[client.pk])
        if client_visible
        else reverse("ownership:transfer_list"),
    )


def worklog_commented(comment: Any) -> None:
    raise_event(Kind.WORKLOG_COMMENTED, comment)


def revisit_due_changed(client: Any, *, old: Any = None) -> None:
    client._old_revisit_due = old
    raise_event(Kind.REVISIT_DUE_CHANGED, client)


def chase_reminded(action: Any) -> None:
    raise_event(Kind.CHASE_REMINDER, action)
