"""Every state-changing action on the problem log and the manager's inbox.

Each service asks problems.rules whether the user may act (403 when not), locks the row, checks the
optimistic-lock version the user saw, checks the state and the input (ServiceError with a message for
the user), runs the FSM transition (logged by django-fsm-log) and saves. A refusal changes nothing.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from notifications import events
from plans import services as plan_services
from salesops.services import (
    ServiceError,
    lock_and_check,
    now,
    require,
    required_text,
    run_transition,
    today,
)
from visits.models import Client, ClientStatus

from . import rules
from .models import (
    ChaseAction,
    ChaseKind,
    Problem,
    ProblemCategory,
    ReportAcknowledgement,
    Severity,
)

PROBLEM_CHANGED = _("该问题已被他人更新，页面已显示最新状态，请核对后重新操作。")


@transaction.atomic
def problem_raise(
    *,
    by: User,
    category: str,
    severity: str,
    title: str,
    description: str = "",
    handler: User,
    due_date: dt.date,
) -> Problem:
    """登记问题: anyone in a team raises one in their own team, naming a handler from that team."""
    require(rules.may_raise(by))
    team_id = by.team_id
    assert team_id is not None  # may_raise: a member of a team
    title = required_text(title, _("请填写问题。"), "title")
    if category not in ProblemCategory.values:
        raise ServiceError(_("请选择问题类别。"), field="category")
    if severity not in Severity.values:
        raise ServiceError(_("请选择严重程度。"), field="severity")
    if handler is None or not rules.is_team_member(handler, team_id):
        raise ServiceError(_("处理人必须是本团队的成员。"), field="handler")
    if due_date is None or due_date < today():
        raise ServiceError(_("处理期限不能早于今天。"), field="due_date")
    return Problem.objects.create(
        team_id=team_id,
        raised_by=by,
        category=category,
        severity=severity,
        title=title,
        description=(description or "").strip(),
        handler=handler,
        due_date=due_date,
    )


@transaction.atomic
def problem_start_handling(
    *, problem: Problem, by: User, note: str = "", expected_version: int | None = None
) -> Problem:
    """开始处理: the handler or the manager takes it up."""
    require(rules.may_handle(by, problem))
    fresh = lock_and_check(problem, expected_version, PROBLEM_CHANGED)
    return run_transition(
        fresh,
        "start_handling",
        by=by,
        description=(note or "").strip() or _("开始处理"),
        label=_("开始处理"),
    )


@transaction.atomic
def problem_escalate(
    *, problem: Problem, by: User, reason: str, expected_version: int | None = None
) -> Problem:
    """上报主管领导: only the team's manager, and only once."""
    require(rules.may_escalate(by, problem))
    reason = required_text(reason, _("上报时必须写明原因和需要领导决定的事项。"), "reason")
    fresh = lock_and_check(problem, expected_version, PROBLEM_CHANGED)
    if fresh.escalated_at is not None:
        raise ServiceError(_("该问题已经上报过主管领导，不能重复上报。"))
    escalated = run_transition(
        fresh,
        "escalate",
        by=by,
        description=reason,
        label=_("上报主管领导"),
        reason=reason,
        at=now(),
        escalator=by,
    )
    events.problem_escalated(escalated)
    return escalated


@transaction.atomic
def problem_answer(
    *, problem: Problem, by: User, answer: str, expected_version: int | None = None
) -> Problem:
    """领导答复: only the leader answers an escalated problem."""
    require(rules.may_answer(by, problem))
    answer = required_text(answer, _("请填写答复意见。"), "answer")
    fresh = lock_and_check(problem, expected_version, PROBLEM_CHANGED)
    answered = run_transition(
        fresh,
        "answer_escalation",
        by=by,
        description=answer,
        label=_("答复"),
        answer=answer,
        at=now(),
        leader=by,
    )
    events.escalation_answered(answered)
    return answered


@transaction.atomic
def problem_resolve(
    *, problem: Problem, by: User, resolution: str, expected_version: int | None = None
) -> Problem:
    """已解决: the handler or the manager closes it with what was done."""
    require(rules.may_handle(by, problem))
    resolution = required_text(resolution, _("请填写处理结果。"), "resolution")
    fresh = lock_and_check(problem, expected_version, PROBLEM_CHANGED)
    return run_transition(
        fresh,
        "resolve",
        by=by,
        description=resolution,
        label=_("标记为已解决"),
        resolution=resolution,
        at=now(),
    )


@transaction.atomic
def client_acknowledge_report(*, client: Client, by: User, comment: str) -> ReportAcknowledgement:
    """签收: the manager acknowledges a client reported to them (上报营销部经理) with a comment that
    the client's timeline shows. The client's own state is not changed (the analyst's investment plan
    moves it on); a report is acknowledged once."""
    require(rules.may_acknowledge(by, client))
    comment = required_text(comment, _("请填写签收意见。"), "comment")
    fresh = Client.objects.select_for_update().get(pk=client.pk)
    if fresh.status != ClientStatus.REPORTED or fresh.reported_on is None:
        raise ServiceError(
            _("客户当前状态为「%(state)s」，不在上报经理的客户中。")
            % {"state": fresh.get_status_display()}
        )
    if ReportAcknowledgement.objects.filter(client=fresh, reported_on=fresh.reported_on).exists():
        raise ServiceError(_("该客户的这次上报已经签收过了。"))
    return ReportAcknowledgement.objects.create(
        client=fresh, reported_on=fresh.reported_on, comment=comment, by=by, at=now()
    )


def _unfunded(client: Client) -> Client:
    fresh = Client.objects.select_for_update().select_related("salesperson").get(pk=client.pk)
    if fresh.status != ClientStatus.ACCOUNT_OPENED:
        raise ServiceError(
            _("客户当前状态为「%(state)s」，不在已开户未入金的客户中。")
            % {"state": fresh.get_status_display()}
        )
    return fresh


@transaction.atomic
def client_chase_follow_up(*, client: Client, by: User, instruction: str = "") -> ChaseAction:
    """催办 by a daily key follow-up: the client becomes its salesperson's 每日重点跟进 today (plans'
    own service), and the chase list records who did it and when."""
    require(rules.may_chase(by, client))
    fresh = _unfunded(client)
    note = instruction.strip() or str(_("客户已开户未入金，请今天跟进入金。"))
    plan_services.focus_assign(
        manager=by, salesperson=fresh.salesperson, client=fresh, date=today(), instruction=note
    )
    return ChaseAction.objects.create(
        client=fresh, kind=ChaseKind.FOLLOW_UP, note=note, by=by, at=now()
    )


@transaction.atomic
def client_chase_remind(*, client: Client, by: User) -> ChaseAction:
    """催办 by a reminder: the salesperson is notified (after commit), and the chase list records who
    sent it and when."""
    require(rules.may_chase(by, client))
    fresh = _unfunded(client)
    action = ChaseAction.objects.create(client=fresh, kind=ChaseKind.REMINDER, by=by, at=now())
    transaction.on_commit(partial(events.chase_reminded, action), robust=True)
    return action
