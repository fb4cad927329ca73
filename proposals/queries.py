"""Reads for the proposal pages and the home pages. Rules are in each docstring."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.scoping import visible_to
from plans.models import MonthlySalesPlan, SalesTask
from reports.queries import ReportScope, monthly_sales, ratio, work_stats
from salesops.periods import Period, month_start
from salesops.services import today

from .models import Proposal, ProposalStatus


def proposals_for(user: User) -> QuerySet[Proposal]:
    """The proposals a user may see: a manager their teams', the leader every team's."""
    return visible_to(
        user, Proposal.objects.select_related("team", "person", "proposed_by", "decided_by")
    )


def month_proposals(user: User, month: Period, team_id: int | None = None) -> QuerySet[Proposal]:
    """The month's proposals in the user's scope (optionally one team), by team and person."""
    qs = proposals_for(user).filter(month=month.start)
    if team_id:
        qs = qs.filter(team_id=team_id)
    return qs.order_by("team__name", "person__full_name", "pk")


def waiting_for_leader(user: User) -> QuerySet[Proposal]:
    """Submitted proposals of every team the user sees, oldest submission first."""
    return proposals_for(user).filter(status=ProposalStatus.SUBMITTED).order_by("submitted_at")


def completion(person: User, month: Period, viewer: User) -> dict[str, Any]:
    """The month's four targets and the actuals to date, as the reports count them.

    Targets: the person's sales task of the month (announced or not; none → no targets).
    Actuals: the month from its first day to today (the whole month once it has ended) —
    客户拜访 and 新增客户 as report 6 (work_stats) counts them, 开户 and 入金 as report 4
    (monthly_sales); 完成率 = deposits / the deposit target, blank without a target.
    """
    as_of = min(month.end, today())
    span = Period("month", month.start, as_of)
    scope = ReportScope(viewer, salesperson_id=person.pk)
    work = next(iter(work_stats(scope, span)), {})
    sales = next(iter(monthly_sales(scope, span)), {})
    task = SalesTask.objects.filter(salesperson=person, month=month.start).first()
    deposits = sales.get("deposit_amount", 0)
    return {
        "as_of": as_of,
        "task": task,
        "visits": work.get("visits", 0),
        "new_clients": work.get("new_clients", 0),
        "accounts": sales.get("accounts", 0),
        "deposits": deposits,
        "deposit_rate": ratio(deposits, task.target_deposit_amount) if task else None,
    }


def month_sales_plan(team_id: int, month: Any) -> MonthlySalesPlan | None:
    return MonthlySalesPlan.objects.filter(team_id=team_id, month=month_start(month)).first()


def basis_for(person: User, month: Period, viewer: User) -> str:
    """The text a new proposal's 依据 starts from: the month's targets and completion to date
    (``completion``) and the team's reward plan of the month (MonthlySalesPlan.reward_plan)."""
    c = completion(person, month, viewer)
    task = c["task"]
    lines = [
        _("%(month)s 任务完成情况（截至 %(as_of)s）：")
        % {"month": month.label, "as_of": c["as_of"].isoformat()}
    ]
    if task:
        rate = c["deposit_rate"]
        lines.append(
            _(
                "客户拜访 %(v)s/%(tv)s 次；新增客户 %(n)s/%(tn)s 名；开户 %(a)s/%(ta)s 户；"
                "入金 %(d)s/%(td)s 元（完成 %(rate)s）。"
            )
            % {
                "v": c["visits"],
                "tv": task.target_visits,
                "n": c["new_clients"],
                "tn": task.target_new_clients,
                "a": c["accounts"],
                "ta": task.target_accounts,
                "d": f"{c['deposits']:,.2f}",
                "td": f"{task.target_deposit_amount:,.2f}",
                "rate": f"{rate * 100:.0f}%" if rate is not None else "—",
            }
        )
    else:
        lines.append(
            _(
                "本月未分配销售任务。客户拜访 %(v)s 次；新增客户 %(n)s 名；开户 %(a)s 户；入金 %(d)s 元。"
            )
            % {
                "v": c["visits"],
                "n": c["new_clients"],
                "a": c["accounts"],
                "d": f"{c['deposits']:,.2f}",
            }
        )
    plan = MonthlySalesPlan.objects.filter(team=person.team, month=month.start).first()
    if plan and plan.reward_plan.strip():
        lines.append(_("奖励方案：%(plan)s") % {"plan": plan.reward_plan.strip()})
    return "\n".join(lines)


def home_context(user: User) -> dict[str, Any]:
    """Leader: the proposals waiting for a decision (count and the oldest ten). Manager: their
    teams' proposals decided in the last 14 days and the rejected ones still to revise."""
    if user.role == Role.LEADER:
        waiting = waiting_for_leader(user)
        return {"proposals_waiting": list(waiting[:10]), "proposals_waiting_count": waiting.count()}
    if user.role == Role.MANAGER:
        since = today() - dt.timedelta(days=14)
        decided = proposals_for(user).filter(
            status__in=[ProposalStatus.APPROVED, ProposalStatus.REJECTED]
        )
        recent = decided.filter(decided_at__date__gte=since) | decided.filter(
            status=ProposalStatus.REJECTED
        )
        return {"proposals_decided": list(recent.distinct().order_by("-decided_at")[:10])}
    return {}
