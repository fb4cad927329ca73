"""Visit plans and their items: create, edit, submit, review (approve / return), key flags; and
the visit that fulfils a planned item."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from notifications import events
from salesops.periods import Period
from salesops.services import (
    ServiceError,
    bump,
    lock_and_check,
    now,
    refuse_duplicate,
    require,
    run_transition,
)
from visits.models import Client, Visit

from .. import rules
from ..models import (
    DailyFocus,
    Horizon,
    PlanStatus,
    VisitPlan,
    VisitPlanItem,
)

REOPEN = _("修改被打回的方案")


def plan_period(horizon: str, day: dt.date) -> Period:
    if horizon == Horizon.WEEK:
        return Period.week_of(day)
    if horizon == Horizon.MONTH:
        return Period.month_of(day)
    return Period("day", day, day)


@transaction.atomic
def plan_create(
    *,
    owner: User,
    horizon: str,
    period_start: dt.date,
    copy_open_items_from_previous: bool = True,
) -> VisitPlan:
    """A plan for the week / month / day containing ``period_start`` (any day of the period will
    do); open (not done) items of the owner's previous plan of the same horizon are copied in."""
    require(rules.may_keep_plans(owner))
    if horizon not in Horizon.values:
        raise ServiceError(_("请选择方案类型。"), field="horizon")
    period = plan_period(horizon, period_start)
    exists = _("该期间的方案已存在。")
    if VisitPlan.objects.filter(owner=owner, horizon=horizon, period_start=period.start).exists():
        raise ServiceError(exists, field="period_start")
    with refuse_duplicate(exists, field="period_start"):
        plan = VisitPlan.objects.create(
            owner=owner,
            team_id=owner.team_id,
            horizon=horizon,
            period_start=period.start,
            period_end=period.end,
        )
    if copy_open_items_from_previous:
        previous = (
            VisitPlan.objects.filter(owner=owner, horizon=horizon, period_start__lt=period.start)
            .order_by("-period_start")
            .first()
        )
        if previous:
            _copy_open_items(previous, plan, period)
    return plan


def _copy_open_items(previous: VisitPlan, plan: VisitPlan, period: Period) -> None:
    """Not-yet-done items move over, each to the same weekday (or day of month) in the new period."""
    shift = plan.period_start - previous.period_start
    copies = []
    for item in previous.items.live().filter(visit__isnull=True):
        day = item.date + shift
        if day not in period:
            day = period.end
        copies.append(
            VisitPlanItem(
                plan=plan,
                date=day,
                client_id=item.client_id,
                prospect_name=item.prospect_name,
                purpose=item.purpose,
                is_key=item.is_key,
                note=item.note,
            )
        )
    VisitPlanItem.objects.bulk_create(copies)


def _editable(plan: VisitPlan, by: User, expected_version: int | None) -> VisitPlan:
    """The owner's plan, locked and current; a returned plan goes back to draft to be rewritten."""
    require(rules.owns_plan(by, plan))
    fresh = lock_and_check(plan, expected_version)
    if fresh.status == PlanStatus.RETURNED:
        # the salesperson starts rewriting a returned plan: it goes back to draft (重新书写)
        run_transition(fresh, "reopen", by=by, description=REOPEN)
    if fresh.status != PlanStatus.DRAFT:
        raise ServiceError(
            _("方案状态为「%(state)s」，不能修改。") % {"state": fresh.get_status_display()}
        )
    return fresh


def _check_item(plan: VisitPlan, date: dt.date, client: Client | None, prospect_name: str) -> None:
    if not plan.period_start <= date <= plan.period_end:
        raise ServiceError(
            _("日期必须在方案期间内（%(start)s 至 %(end)s）。")
            % {"start": f"{plan.period_start:%m-%d}", "end": f"{plan.period_end:%m-%d}"},
            field="date",
        )
    if client is not None and client.salesperson_id != plan.owner_id:
        raise ServiceError(_("只能安排自己的客户。"), field="client")
    if client is None and not prospect_name.strip():
        raise ServiceError(_("请选择客户，或填写意向客户姓名。"), field="prospect_name")


@transaction.atomic
def plan_item_add(
    *,
    plan: VisitPlan,
    by: User,
    date: dt.date,
    purpose: str,
    client: Client | None = None,
    prospect_name: str = "",
    is_key: bool = False,
    note: str = "",
    expected_version: int | None = None,
) -> VisitPlanItem:
    fresh = _editable(plan, by, expected_version)
    _check_item(fresh, date, client, prospect_name)
    item = VisitPlanItem.objects.create(
        plan=fresh,
        date=date,
        client=client,
        prospect_name="" if client else prospect_name.strip(),
        purpose=purpose,
        is_key=is_key,
        note=note,
    )
    bump(fresh)
    return item


@transaction.atomic
def plan_item_update(
    *,
    item: VisitPlanItem,
    by: User,
    date: dt.date,
    purpose: str,
    client: Client | None = None,
    prospect_name: str = "",
    is_key: bool = False,
    note: str = "",
    expected_version: int | None = None,
) -> VisitPlanItem:
    """Change an item of one's own draft (or returned) plan; the plan's version guards it."""
    fresh = _editable(item.plan, by, expected_version)
    current = VisitPlanItem.objects.get(pk=item.pk, plan=fresh)
    if current.archived_at is not None:
        raise ServiceError(_("该拜访安排已移除，不能修改。"))
    if current.visit_id is not None:
        raise ServiceError(_("该拜访安排已完成（已有拜访记录），不能修改。"))
    _check_item(fresh, date, client, prospect_name)
    current.date, current.client, current.purpose = date, client, purpose
    current.prospect_name = "" if client else prospect_name.strip()
    current.is_key, current.note = is_key, note
    current.save()
    bump(fresh)
    return current


@transaction.atomic
def plan_item_archive(
    *, item: VisitPlanItem, by: User, expected_version: int | None = None
) -> None:
    """Take an item off a draft plan; it is kept (archived), never deleted."""
    fresh = _editable(item.plan, by, expected_version)
    VisitPlanItem.objects.filter(pk=item.pk).update(archived_at=now())
    bump(fresh)


@transaction.atomic
def plan_reopen(*, plan: VisitPlan, by: User, expected_version: int | None = None) -> VisitPlan:
    """修改: the owner takes a returned plan back to draft to rewrite it (editing does this too)."""
    require(rules.owns_plan(by, plan))
    fresh = lock_and_check(plan, expected_version)
    run_transition(fresh, "reopen", by=by, description=REOPEN)
    return fresh


@transaction.atomic
def plan_set_key(*, item: VisitPlanItem, by: User, is_key: bool) -> VisitPlanItem:
    plan = VisitPlan.objects.select_for_update().get(pk=item.plan_id)
    require(rules.can_set_key(by, plan))
    VisitPlanItem.objects.filter(pk=item.pk).update(is_key=is_key)
    item.is_key = is_key
    return item


@transaction.atomic
def plan_submit(*, plan: VisitPlan, by: User, expected_version: int | None = None) -> VisitPlan:
    require(rules.owns_plan(by, plan))
    if plan.horizon == Horizon.DAY:
        raise ServiceError(_("日拜访方案无需提交审核。"))
    fresh = lock_and_check(plan, expected_version)
    if not fresh.items.live().exists():
        raise ServiceError(_("方案还没有任何拜访安排，不能提交。"))
    if fresh.status == PlanStatus.RETURNED:
        # the procedure's path is returned → draft (重新书写) → submitted; the log shows both steps
        fresh.reopen(by=by, description=REOPEN)
    run_transition(fresh, "submit", by=by, description=_("提交审核"), at=now())
    return fresh


@transaction.atomic
def plan_approve(*, plan: VisitPlan, by: User, expected_version: int | None = None) -> VisitPlan:
    require(rules.may_review_plan(by, plan))
    fresh = lock_and_check(plan, expected_version)
    run_transition(fresh, "approve", by=by, description=_("审核通过"), at=now(), reviewer=by)
    events.plan_reviewed(fresh)
    return fresh


@transaction.atomic
def plan_return(
    *, plan: VisitPlan, by: User, reason: str, expected_version: int | None = None
) -> VisitPlan:
    """打回重新书写: the manager sends an unsuitable plan back, with the reason."""
    require(rules.may_review_plan(by, plan))
    if not reason.strip():
        raise ServiceError(_("打回时必须填写原因。"), field="reason")
    fresh = lock_and_check(plan, expected_version)
    run_transition(
        fresh,
        "return_for_rewrite",
        by=by,
        description=reason,
        reason=reason.strip(),
        at=now(),
        reviewer=by,
    )
    events.plan_reviewed(fresh)
    return fresh


@transaction.atomic
def plan_items_mark_done(*, visit: Visit) -> int:
    """A visit fulfils its salesperson's open plan items and daily focus for that client and day.

    Called by visits.services whenever a visit is logged. Items planned for a prospective client
    by name (before the client existed) match by that name. Returns the number of items marked.
    """
    same_target = Q(client=visit.client) | Q(client__isnull=True, prospect_name=visit.client.name)
    items = VisitPlanItem.objects.live().filter(
        same_target, plan__owner=visit.salesperson, date=visit.date, visit__isnull=True
    )
    marked = items.update(visit=visit, client=visit.client)
    DailyFocus.objects.filter(
        salesperson=visit.salesperson, client=visit.client, date=visit.date, visit__isnull=True
    ).update(visit=visit)
    return marked
