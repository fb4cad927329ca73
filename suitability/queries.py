"""Reads for the suitability pages, the client page, the home pages and report 7; scoped by
accounts.scoping, each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.scoping import visible_to
from salesops.registry import TodoLine
from salesops.services import today as services_today
from visits.models import Client, ClientStatus

from . import rules
from .models import PlanSuitability, RiskAssessment, Verdict


def newest_assessment(client_ref: Any = None, before: dt.datetime | None = None) -> QuerySet:
    """The newest assessment of ``OuterRef('pk')`` (made before ``before``), for a Subquery."""
    qs = RiskAssessment.objects.filter(client=client_ref or OuterRef("pk"))
    if before is not None:
        qs = qs.filter(assessed_at__lt=before)
    return qs.order_by("-assessed_at", "-pk")


def waiting_plans(client_ref: Any = None) -> QuerySet[PlanSuitability]:
    """The plan of the client (``OuterRef('pk')`` when not given) waiting for the manager's
    suitability decision — at most one (suitability.gate.check_may_prepare refuses a second)."""
    return PlanSuitability.objects.filter(
        client=client_ref if client_ref is not None else OuterRef("pk"), verdict=Verdict.PENDING
    )


def plan_waiting(client: Client) -> bool:
    return waiting_plans(client).exists()


def client_section(client: Client, user: User) -> dict[str, Any]:
    """The client page's 适当性 card: the current assessment, its history, what the user may do."""
    history = list(
        RiskAssessment.objects.filter(client=client)
        .select_related("assessed_by")
        .order_by("-assessed_at", "-pk")
    )
    current = history[0] if history else None
    day = services_today()
    pending = waiting_plans(client).select_related("plan", "recorded_by", "client").first()
    return {
        "current": current,
        "history": history,
        "valid": current is not None and rules.is_valid(current.valid_until, day),
        "expiring": current is not None
        and rules.is_valid(current.valid_until, day)
        and current.valid_until <= day + dt.timedelta(days=rules.EXPIRING_DAYS),
        "may_assess": rules.may_assess(user, client)
        and not client.archived_at
        and client.status != ClientStatus.DROPPED,
        "pending": pending,
        "may_decide": pending is not None and rules.may_decide(user, pending),
        "for_leader": pending is not None and rules.decided_by_leader(pending),
        # 制定投资方案 is not offered while a plan waits for the manager (the page shows the state)
        "can_prepare_plan": rules.can_prepare_plan(user, client, plan_waiting=pending is not None),
    }


def plan_verdict(plan: Any) -> PlanSuitability | None:
    try:
        return plan.suitability
    except PlanSuitability.DoesNotExist:
        return None


def timeline_events(client: Client) -> list[dict[str, Any]]:
    """Assessments, insistence (a plan recorded for the manager) and the manager's decisions."""
    events: list[dict[str, Any]] = []
    for a in RiskAssessment.objects.filter(client=client).select_related("assessed_by"):
        events.append({"kind": "suitability", "sub": "assessment", "when": a.assessed_at, "obj": a})
    for s in (
        PlanSuitability.objects.filter(client=client)
        .exclude(verdict=Verdict.MATCHED)
        .select_related("recorded_by", "decided_by")
    ):
        events.append({"kind": "suitability", "sub": "insistence", "when": s.recorded_at, "obj": s})
        if s.decided_at:
            events.append(
                {"kind": "suitability", "sub": "decision", "when": s.decided_at, "obj": s}
            )
    return events


def expiring_assessments(user: User, day: dt.date | None = None) -> list[Client]:
    """The visible live clients (not dropped) whose newest assessment ends within EXPIRING_DAYS
    days or has ended, soonest first; each with ``assessment_valid_until``."""
    day = day or services_today()
    newest = newest_assessment()
    return list(
        visible_to(user, Client.objects.live())
        .exclude(status=ClientStatus.DROPPED)
        .annotate(assessment_valid_until=Subquery(newest.values("valid_until")[:1]))
        .filter(assessment_valid_until__lte=day + dt.timedelta(days=rules.EXPIRING_DAYS))
        .select_related("salesperson")
        .order_by("assessment_valid_until", "pk")[:20]
    )


def approval_queue(user: User) -> QuerySet[PlanSuitability]:
    """Plans waiting for a suitability decision that this user sees, oldest first: a manager's
    team's (those the manager recorded wait for the leader: shown, not decided), every team's for
    the leader (who decides those a manager recorded)."""
    return (
        visible_to(user, PlanSuitability.objects.filter(verdict=Verdict.PENDING))
        .select_related(
            "client", "client__salesperson", "plan", "plan__analyst", "assessment", "recorded_by"
        )
        .prefetch_related("products")
        .order_by("recorded_at", "pk")
    )


def decided(user: User) -> QuerySet[PlanSuitability]:
    return (
        visible_to(
            user,
            PlanSuitability.objects.filter(verdict__in=[Verdict.APPROVED, Verdict.REJECTED]),
        )
        .select_related("client", "decided_by")
        .order_by("-decided_at", "-pk")
    )


def home_context(user: User) -> dict[str, Any]:
    if user.role not in (Role.SALESPERSON, Role.ANALYST, Role.MANAGER):
        return {}
    day = services_today()
    context: dict[str, Any] = {
        "suitability_today": day,
        "suitability_expiring": expiring_assessments(user, day),
    }
    if user.role == Role.MANAGER:
        context["suitability_pending"] = approval_queue(user).count()
    return context


def verdict_label(verdict: str | None, has_plan: bool) -> str:
    """Report 7's 适当性: the newest plan's verdict; a plan made before suitability was checked."""
    if not has_plan:
        return "—"
    if not verdict:
        return _("未核对（旧方案）")
    return str(Verdict(verdict).label)


def plan_created_message(plan: Any) -> str:
    verdict = plan_verdict(plan)
    if verdict is not None and verdict.verdict == Verdict.PENDING:
        return _(
            "投资方案已记录（客户坚持购买高于其风险等级的产品），等待营销部经理的适当性审批；"
            "审批通过后客户进入「方案已制定」。"
        )
    return _("投资方案已制定，请在期限内安排二次回访。")


def todo_lines(user: User) -> list[TodoLine]:
    """The manager's to-do line of suitability (salesops.registry.todo): plans to approve."""
    if user.role != Role.MANAGER:
        return []
    count = visible_to(user, PlanSuitability.objects.filter(verdict=Verdict.PENDING)).count()
    return [
        TodoLine(
            gettext("待审批的适当性（高于客户等级的方案）"),
            count,
            reverse("suitability:approvals"),
            40,
        )
    ]
