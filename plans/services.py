"""Every state-changing action on plans, work logs, tasks, letters and daily focus.

Services are keyword-only and transactional; they check the rule (plans.rules), lock the row, check
the optimistic-lock version the user saw, act, and save. A refusal raises PlanError with a message
for the user and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Model, Q
from django.utils import timezone
from django_fsm import can_proceed

from accounts.models import Role, Team, User
from accounts.scoping import manages
from salesops.periods import Period, month_start
from visits.models import Client, Visit

from . import rules
from .models import (
    CommitmentLetter,
    DailyFocus,
    Horizon,
    LetterStatus,
    ManagerWeeklyPlan,
    MonthlySalesPlan,
    PlanStatus,
    SalesTask,
    VisitPlan,
    VisitPlanItem,
    WorkLog,
)


class PlanError(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class Changed(PlanError):
    def __init__(self) -> None:
        super().__init__("已被他人修改，请刷新后重试。")


def _now() -> dt.datetime:
    return timezone.now()


def _today() -> dt.date:
    return timezone.localdate()


_Versioned = TypeVar("_Versioned", bound=Model)  # a model with a version field


def _lock(obj: _Versioned, expected_version: int | None) -> _Versioned:
    fresh = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    if expected_version is not None and fresh.version != expected_version:  # type: ignore[attr-defined]
        raise Changed
    return fresh


def _save(obj: _Versioned) -> _Versioned:
    obj.version += 1  # type: ignore[attr-defined]
    obj.save()
    return obj


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def plan_period(horizon: str, day: dt.date) -> Period:
    if horizon == Horizon.WEEK:
        return Period.week_of(day)
    if horizon == Horizon.MONTH:
        return Period.month_of(day)
    return Period("day", day, day)


# --- visit plans ---------------------------------------------------------------------------------


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
    _require(owner.role == Role.SALESPERSON and owner.team_id is not None)
    if horizon not in Horizon.values:
        raise PlanError("请选择方案类型。", field="horizon")
    period = plan_period(horizon, period_start)
    if VisitPlan.objects.filter(owner=owner, horizon=horizon, period_start=period.start).exists():
        raise PlanError("该期间的方案已存在。", field="period_start")
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
    for item in previous.items.filter(visit__isnull=True, archived_at__isnull=True):
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
    if plan.owner_id != by.pk:
        raise PermissionDenied
    fresh = _lock(plan, expected_version)
    if fresh.status == PlanStatus.RETURNED:
        # the salesperson starts rewriting a returned plan: it goes back to draft (重新书写)
        fresh.reopen(by=by, description="修改被打回的方案")
        _save(fresh)
    if fresh.status != PlanStatus.DRAFT:
        raise PlanError(f"方案状态为「{fresh.get_status_display()}」，不能修改。")
    return fresh


def _check_item(plan: VisitPlan, date: dt.date, client: Client | None, prospect_name: str) -> None:
    if not plan.period_start <= date <= plan.period_end:
        raise PlanError(
            f"日期必须在方案期间内（{plan.period_start:%m-%d} 至 {plan.period_end:%m-%d}）。",
            field="date",
        )
    if client is not None and client.salesperson_id != plan.owner_id:
        raise PlanError("只能安排自己的客户。", field="client")
    if client is None and not prospect_name.strip():
        raise PlanError("请选择客户，或填写意向客户姓名。", field="prospect_name")


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
    _save(fresh)
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
        raise PlanError("该拜访安排已移除，不能修改。")
    if current.visit_id is not None:
        raise PlanError("该拜访安排已完成（已有拜访记录），不能修改。")
    _check_item(fresh, date, client, prospect_name)
    current.date, current.client, current.purpose = date, client, purpose
    current.prospect_name = "" if client else prospect_name.strip()
    current.is_key, current.note = is_key, note
    current.save()
    _save(fresh)
    return current


@transaction.atomic
def plan_item_archive(
    *, item: VisitPlanItem, by: User, expected_version: int | None = None
) -> None:
    """Take an item off a draft plan; it is kept (archived), never deleted."""
    fresh = _editable(item.plan, by, expected_version)
    VisitPlanItem.objects.filter(pk=item.pk).update(archived_at=_now())
    _save(fresh)


@transaction.atomic
def plan_reopen(*, plan: VisitPlan, by: User, expected_version: int | None = None) -> VisitPlan:
    """修改: the owner takes a returned plan back to draft to rewrite it (editing does this too)."""
    if plan.owner_id != by.pk:
        raise PermissionDenied
    fresh = _lock(plan, expected_version)
    _transition(fresh, "reopen", by, "修改被打回的方案")
    return fresh


@transaction.atomic
def plan_set_key(*, item: VisitPlanItem, by: User, is_key: bool) -> VisitPlanItem:
    plan = VisitPlan.objects.select_for_update().get(pk=item.plan_id)
    _require(rules.can_set_key(by, plan))
    VisitPlanItem.objects.filter(pk=item.pk).update(is_key=is_key)
    item.is_key = is_key
    return item


def _transition(obj, name: str, by: User, comment: str, **kwargs) -> None:
    method = getattr(obj, name)
    if not can_proceed(method):
        raise PlanError(f"当前状态为「{obj.get_status_display()}」，不能执行此操作。")
    method(by=by, description=comment, **kwargs)
    _save(obj)


@transaction.atomic
def plan_submit(*, plan: VisitPlan, by: User, expected_version: int | None = None) -> VisitPlan:
    _require(plan.owner_id == by.pk)
    if plan.horizon == Horizon.DAY:
        raise PlanError("日拜访方案无需提交审核。")
    fresh = _lock(plan, expected_version)
    if not fresh.items.filter(archived_at__isnull=True).exists():
        raise PlanError("方案还没有任何拜访安排，不能提交。")
    if fresh.status == PlanStatus.RETURNED:
        # the procedure's path is returned → draft (重新书写) → submitted; the log shows both steps
        fresh.reopen(by=by, description="修改被打回的方案")
    _transition(fresh, "submit", by, "提交审核", at=_now())
    return fresh


@transaction.atomic
def plan_approve(*, plan: VisitPlan, by: User, expected_version: int | None = None) -> VisitPlan:
    _require(manages(by, plan.team_id))
    fresh = _lock(plan, expected_version)
    _transition(fresh, "approve", by, "审核通过", at=_now(), reviewer=by)
    return fresh


@transaction.atomic
def plan_return(
    *, plan: VisitPlan, by: User, reason: str, expected_version: int | None = None
) -> VisitPlan:
    """打回重新书写: the manager sends an unsuitable plan back, with the reason."""
    _require(manages(by, plan.team_id))
    if not reason.strip():
        raise PlanError("打回时必须填写原因。", field="reason")
    fresh = _lock(plan, expected_version)
    _transition(
        fresh, "return_for_rewrite", by, reason, reason=reason.strip(), at=_now(), reviewer=by
    )
    return fresh


# --- work logs -----------------------------------------------------------------------------------


@transaction.atomic
def worklog_write(
    *,
    salesperson: User,
    date: dt.date,
    content: str,
    tomorrow: str = "",
    expected_version: int | None = None,
) -> WorkLog:
    """Write the day's log (one per day); with ``expected_version`` it edits the existing one."""
    _require(salesperson.role == Role.SALESPERSON and salesperson.team_id is not None)
    if date > _today():
        raise PlanError("不能为未来的日期写日志。", field="date")
    if not content.strip():
        raise PlanError("请填写今天的工作内容。", field="content")
    existing = (
        WorkLog.objects.select_for_update().filter(salesperson=salesperson, date=date).first()
    )
    if existing is None:
        if expected_version is not None:
            raise Changed
        try:
            with transaction.atomic():
                return WorkLog.objects.create(  # type: ignore[misc]
                    salesperson=salesperson,
                    team_id=salesperson.team_id,
                    date=date,
                    content=content,
                    tomorrow=tomorrow,
                )
        except IntegrityError:
            raise PlanError("这一天已经写过日志，请修改已有的日志。", field="date") from None
    if expected_version is None:
        raise PlanError("这一天已经写过日志，请修改已有的日志。", field="date")
    if existing.version != expected_version:
        raise Changed
    existing.content, existing.tomorrow = content, tomorrow
    return _save(existing)


# --- the monthly cycle ---------------------------------------------------------------------------


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
    _require(manages(by, team.pk))
    month = month_start(month)
    plan, created = MonthlySalesPlan.objects.get_or_create(
        team=team, month=month, defaults={"author": by}
    )
    if not created:
        plan = _lock(plan, expected_version)
        if plan.announced_at and plan.reported_at:
            raise PlanError("本月方案已上报并宣布执行，不能再修改。")
    plan.sales_plan, plan.reward_plan = sales_plan, reward_plan
    return _save(plan)


@transaction.atomic
def sales_plan_report_to_office(*, plan: MonthlySalesPlan, by: User) -> MonthlySalesPlan:
    """上报办公室: the month's sales plan and reward plan go to the office."""
    _require(manages(by, plan.team_id))
    fresh = _lock(plan, None)
    if not fresh.sales_plan.strip() or not fresh.reward_plan.strip():
        raise PlanError("请先写好本月销售方案和奖励方案，再上报办公室。")
    fresh.reported_at = _now()
    return _save(fresh)


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
    _require(manages(manager, salesperson.team_id) and salesperson.role == Role.SALESPERSON)
    month = month_start(month)
    if _announced(salesperson.team_id, month):  # type: ignore[arg-type]
        raise PlanError("本月任务已宣布执行，不能再修改。")
    targets: dict[str, int | Decimal] = {
        "target_visits": target_visits,
        "target_new_clients": target_new_clients,
        "target_accounts": target_accounts,
        "target_deposit_amount": target_deposit_amount,
    }
    for field, value in targets.items():
        if value is None or value < 0:
            raise PlanError("目标不能为负数。", field=field)
    task = SalesTask.objects.filter(salesperson=salesperson, month=month).first()
    if task is None:
        task = SalesTask.objects.create(  # type: ignore[misc]
            team_id=salesperson.team_id,
            salesperson=salesperson,
            month=month,
            assigned_by=manager,
            **targets,
        )
        CommitmentLetter.objects.create(task=task)
        return task
    task = _lock(task, expected_version)
    for field, value in targets.items():
        setattr(task, field, value)
    return _save(task)


def _letter(letter: CommitmentLetter, expected_version: int | None) -> CommitmentLetter:
    fresh = _lock(letter, expected_version)
    if _announced(fresh.task.team_id, fresh.task.month):
        raise PlanError("本月任务已宣布执行，承诺书不能再修改。")
    return fresh


@transaction.atomic
def letter_write(
    *, letter: CommitmentLetter, by: User, text: str, expected_version: int | None = None
) -> CommitmentLetter:
    _require(letter.task.salesperson_id == by.pk)
    fresh = _letter(letter, expected_version)
    if fresh.status == LetterStatus.REJECTED:
        # writing a rejected letter is redoing it (重做)
        fresh.redo(by=by, description="重做承诺书")
    if fresh.status != LetterStatus.DRAFT:
        raise PlanError(f"承诺书状态为「{fresh.get_status_display()}」，不能修改。")
    if not text.strip():
        raise PlanError("请填写承诺内容。", field="text")
    fresh.text = text
    return _save(fresh)


@transaction.atomic
def letter_redo(
    *, letter: CommitmentLetter, by: User, expected_version: int | None = None
) -> CommitmentLetter:
    """重做: the writer takes a rejected letter back to draft."""
    _require(letter.task.salesperson_id == by.pk)
    fresh = _letter(letter, expected_version)
    _transition(fresh, "redo", by, "重做承诺书")
    return fresh


@transaction.atomic
def letter_submit(
    *, letter: CommitmentLetter, by: User, expected_version: int | None = None
) -> CommitmentLetter:
    _require(letter.task.salesperson_id == by.pk)
    fresh = _letter(letter, expected_version)
    if not fresh.text.strip():
        raise PlanError("承诺书还是空的，请先填写承诺内容。", field="text")
    _transition(fresh, "submit", by, "提交承诺书", at=_now())
    return fresh


@transaction.atomic
def letter_approve(
    *, letter: CommitmentLetter, by: User, expected_version: int | None = None
) -> CommitmentLetter:
    _require(manages(by, letter.task.team_id))
    fresh = _letter(letter, expected_version)
    _transition(fresh, "approve", by, "审核通过", at=_now(), reviewer=by)
    return fresh


@transaction.atomic
def letter_reject(
    *, letter: CommitmentLetter, by: User, reason: str, expected_version: int | None = None
) -> CommitmentLetter:
    """审核不通过 → 重做: the letter goes back to its writer with the reason."""
    _require(manages(by, letter.task.team_id))
    if not reason.strip():
        raise PlanError("审核不通过时必须填写原因。", field="reason")
    fresh = _letter(letter, expected_version)
    _transition(fresh, "reject", by, reason, reason=reason.strip(), at=_now(), reviewer=by)
    return fresh


@transaction.atomic
def month_announce(*, team: Team, month: dt.date, by: User) -> MonthlySalesPlan:
    """宣布并执行: once every letter of the month is approved, the tasks are fixed."""
    team_id = team.pk
    _require(manages(by, team_id))
    month = month_start(month)
    plan = MonthlySalesPlan.objects.select_for_update().filter(team_id=team_id, month=month).first()
    if plan is None or not plan.sales_plan.strip():
        raise PlanError("请先制定本月销售方案。")
    if plan.announced_at:
        raise PlanError("本月任务已经宣布过了。")
    tasks = SalesTask.objects.filter(team_id=team_id, month=month)
    if not tasks.exists():
        raise PlanError("本月还没有分配任务。")
    waiting = tasks.exclude(letter__status=LetterStatus.APPROVED).select_related("salesperson")
    if waiting.exists():
        names = "、".join(t.salesperson.display_name for t in waiting)
        raise PlanError(f"以下人员的承诺书尚未审核通过：{names}。")
    plan.announced_at, plan.announced_by = _now(), by
    return _save(plan)


# --- daily key follow-ups and the manager's weekly plan ------------------------------------------


@transaction.atomic
def focus_assign(
    *, manager: User, salesperson: User, client: Client, date: dt.date, instruction: str
) -> DailyFocus:
    """安排每日重点跟进对象; a visit already logged that day counts at once."""
    _require(manages(manager, client.team_id))
    if client.salesperson_id != salesperson.pk:
        raise PlanError("重点跟进对象必须是该营销人员自己的客户。", field="client")
    if date < _today():
        raise PlanError("不能为过去的日期安排重点跟进。", field="date")
    if not instruction.strip():
        raise PlanError("请填写跟进要求。", field="instruction")
    if DailyFocus.objects.filter(client=client, date=date).exists():
        raise PlanError("该客户当天已安排为重点跟进。", field="client")
    focus = DailyFocus.objects.create(
        team_id=client.team_id,
        salesperson=salesperson,
        client=client,
        date=date,
        instruction=instruction,
        assigned_by=manager,
    )
    done = Visit.objects.filter(client=client, salesperson=salesperson, date=date).first()
    if done:
        DailyFocus.objects.filter(pk=focus.pk).update(visit=done)
    return focus


@transaction.atomic
def manager_weekly_plan_save(
    *,
    team: Team,
    week_start: dt.date,
    by: User,
    own_items: str,
    report: bool = False,
    expected_version: int | None = None,
) -> ManagerWeeklyPlan:
    """营销部经理周工作方案: the manager's own items (the team's approved items are compiled by
    plans.queries.manager_week); with ``report`` it goes to the office (上报办公室)."""
    _require(manages(by, team.pk))
    week_start = week_start - dt.timedelta(days=week_start.weekday())
    plan, created = ManagerWeeklyPlan.objects.get_or_create(
        team=team, week_start=week_start, defaults={"author": by}
    )
    if not created:
        plan = _lock(plan, expected_version)
    plan.own_items = own_items
    if report:
        plan.reported_at = _now()
    return _save(plan)


@transaction.atomic
def plan_items_mark_done(*, visit: Visit) -> int:
    """A visit fulfils its salesperson's open plan items and daily focus for that client and day.

    Called by visits.services whenever a visit is logged. Items planned for a prospective client
    by name (before the client existed) match by that name. Returns the number of items marked.
    """
    same_target = Q(client=visit.client) | Q(client__isnull=True, prospect_name=visit.client.name)
    items = VisitPlanItem.objects.filter(
        same_target,
        plan__owner=visit.salesperson,
        date=visit.date,
        visit__isnull=True,
        archived_at__isnull=True,
    )
    marked = items.update(visit=visit, client=visit.client)
    DailyFocus.objects.filter(
        salesperson=visit.salesperson, client=visit.client, date=visit.date, visit__isnull=True
    ).update(visit=visit)
    return marked
