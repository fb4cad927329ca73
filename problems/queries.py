"""Reads for the problem log, the manager's inbox and the home pages; every list is scoped."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext
from django_fsm_log.models import StateLog

from accounts.models import Role, User
from accounts.scoping import visible_team_ids, visible_to
from salesops.registry import TodoLine
from salesops.services import today as services_today
from visits.models import Client, ClientStatus

from .models import ChaseAction, Problem, ProblemStatus, ReportAcknowledgement


def problems_for(user: User) -> QuerySet[Problem]:
    """The problems a user may see (docs/design.md §Scope: 404 and 403; procedure 3.5): the manager
    and the team's analysts every problem of the team; a salesperson those they raised or handle;
    the leader every team's (read-only but for answering escalations). Office staff have no
    problem log."""
    qs = Problem.objects.select_related("team", "raised_by", "handler")
    if user.role == Role.OFFICE:
        return qs.none()
    seen = visible_to(user, qs)
    if user.role == Role.SALESPERSON and visible_team_ids(user):
        seen = seen | qs.filter(handler=user, team_id__in=visible_team_ids(user))
    return seen


def problem_timeline(problem: Problem) -> QuerySet[StateLog]:
    """Every transition of the problem, oldest first: who, when, from, to, and what they wrote."""
    return StateLog.objects.for_(problem).select_related("by").order_by("timestamp", "pk")


def overdue_problems(user: User, as_of: dt.date | None = None) -> QuerySet[Problem]:
    """Visible problems past their due date and not resolved (Problem.objects.overdue), oldest
    due first."""
    as_of = as_of or services_today()
    return (
        problems_for(user)
        .filter(pk__in=Problem.objects.overdue(as_of=as_of).values("pk"))
        .order_by("due_date", "pk")
    )


def reported_clients(user: User) -> QuerySet[Client]:
    """The manager's inbox (4.2.4): visible live clients in 已上报经理, oldest report first, each
    with ``acknowledged`` — whether this report (its reported_on) has been 签收'd."""
    this_report = ReportAcknowledgement.objects.filter(
        client=OuterRef("pk"), reported_on=OuterRef("reported_on")
    )
    return (
        visible_to(user, Client.objects.live().filter(status=ClientStatus.REPORTED))
        .select_related("salesperson", "analyst")
        .annotate(acknowledged=Exists(this_report))
        .order_by("acknowledged", "reported_on", "pk")
    )


def _opened_not_funded(user: User) -> QuerySet:
    return visible_to(user, Client.objects.live().filter(status=ClientStatus.ACCOUNT_OPENED))


def chase_list(user: User, as_of: dt.date | None = None) -> list[Client]:
    """Accounts opened but not funded (已开户, no deposit yet), longest waiting first, each with
    ``opened_on`` and ``days_since_opening`` (as_of − opening date)."""
    as_of = as_of or services_today()
    clients = (
        _opened_not_funded(user)
        .select_related("salesperson")
        .annotate(opened_on=F("account_opening__date"))
        .order_by(F("opened_on").asc(nulls_last=True), "pk")
    )
    rows = list(clients)
    # what was done about each (催办: who, when, how): the newest action first, one query
    actions: dict[int, list[ChaseAction]] = {}
    for action in (
        ChaseAction.objects.filter(client__in=[c.pk for c in rows])
        .select_related("by")
        .order_by("-at", "-pk")
    ):
        actions.setdefault(action.client_id, []).append(action)
    for c in rows:
        c.days_since_opening = (as_of - c.opened_on).days if c.opened_on else None
        c.chase_actions = actions.get(c.pk, [])[:3]
    return rows


def home_context(user: User) -> dict[str, Any]:
    as_of = services_today()
    if user.role == Role.MANAGER:
        mine = problems_for(user)
        return {
            "problems_overdue": list(overdue_problems(user, as_of)[:10]),
            "problems_escalations": list(
                mine.filter(status__in=[ProblemStatus.ESCALATED, ProblemStatus.ANSWERED]).order_by(
                    "escalated_at"
                )
            ),
            "inbox_waiting": reported_clients(user)
            .filter(acknowledged=False)  # type: ignore[misc]  # an annotation of reported_clients
            .count(),
            "chase_count": _opened_not_funded(user).count(),  # counted, not loaded
        }
    if user.role == Role.LEADER:
        return {
            "problems_waiting": list(
                problems_for(user).filter(status=ProblemStatus.ESCALATED).order_by("escalated_at")
            ),
            "problems_overdue": list(overdue_problems(user, as_of)[:10]),
        }
    if user.role in (Role.SALESPERSON, Role.ANALYST) and user.team_id:
        return {
            "problems_today": as_of,
            "problems_mine": list(
                problems_for(user)
                .unresolved()  # type: ignore[attr-defined]  # ProblemQuerySet via visible_to
                .filter(Q(raised_by=user) | Q(handler=user))
                .order_by("due_date", "pk")
            ),
        }
    return {}


def todo_lines(user: User) -> list[TodoLine]:
    """The manager's to-do lines of problems (salesops.registry.todo): reported clients to sign
    for, problems past their due date, accounts opened but not funded. COUNT queries only."""
    if user.role != Role.MANAGER:
        return []
    inbox = reverse("problems:inbox")
    return [
        TodoLine(
            gettext("待签收的上报客户"),
            reported_clients(user).filter(acknowledged=False).count(),  # type: ignore[misc]
            inbox + "#reported-clients",
            30,
        ),
        TodoLine(
            gettext("逾期未解决的问题"),
            overdue_problems(user).count(),
            reverse("problems:problem_list"),
            70,
        ),
        TodoLine(
            gettext("已开户未入金（催办）"),
            _opened_not_funded(user).count(),
            inbox + "#chase-list",
            90,
        ),
    ]
