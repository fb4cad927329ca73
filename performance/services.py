"""Writing the team's annual work plan (年度工作计划, procedure 3.4)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Team, User
from salesops.periods import MAX_YEAR, MIN_YEAR
from salesops.services import ServiceError, bump, lock_existing, refuse_duplicate, require

from . import rules
from .models import AnnualPlan, AnnualPlanMonth

MEASURES = ("target_visits", "target_new_clients", "target_accounts", "target_deposit_amount")


@dataclass(frozen=True)
class Targets:
    """The four measures of a task: visits, new clients, accounts opened, deposit amount (元)."""

    target_visits: int = 0
    target_new_clients: int = 0
    target_accounts: int = 0
    target_deposit_amount: Decimal = Decimal("0")


def _check(targets: Targets, field_prefix: str) -> None:
    for measure in MEASURES:
        value = getattr(targets, measure)
        if value is None or value < 0:
            raise ServiceError(_("目标不能为负数。"), field=f"{field_prefix}{measure}")


@transaction.atomic
def annual_plan_save(
    *,
    team: Team,
    year: int,
    by: User,
    year_targets: Targets,
    months: Sequence[Targets],
    notes: str = "",
    expected_version: int | None = None,
) -> AnnualPlan:
    """Create or revise a team's annual plan: the year's four targets and the twelve months' shares.

    The months may leave part of the year unallocated (shown as 未分配) but may not add up to more
    than the year's target."""
    require(rules.may_write_annual_plan(by, team.pk))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ServiceError(_("年份超出范围。"), field="year")
    if len(months) != 12:
        raise ServiceError(_("请填写全部 12 个月的分解目标。"))
    _check(year_targets, "")
    for number, month in enumerate(months, start=1):
        _check(month, f"m{number}_")
    for measure in MEASURES:
        allocated = sum(getattr(m, measure) for m in months)
        if allocated > getattr(year_targets, measure):
            raise ServiceError(
                gettext("各月分解之和（%(sum)s）超过全年目标（%(year)s）。")
                % {"sum": allocated, "year": getattr(year_targets, measure)},
                field=measure,
            )
    plan = AnnualPlan.objects.filter(team=team, year=year).first()
    if plan is None:
        with refuse_duplicate(_("该团队本年度的计划已存在，请刷新后修改。")):
            plan = AnnualPlan(team=team, year=year, author=by, notes=notes, **_fields(year_targets))
            plan._history_user = by  # type: ignore[attr-defined]
            plan.save()
    else:
        plan = lock_existing(plan, expected_version)
        for measure, value in _fields(year_targets).items():
            setattr(plan, measure, value)
        plan.notes = notes
        bump(plan, by)
    existing = {m.month: m for m in plan.months.all()}
    for number, targets in enumerate(months, start=1):
        row = existing.get(number) or AnnualPlanMonth(plan=plan, month=number)
        changed = row.pk is None or any(getattr(row, f) != v for f, v in _fields(targets).items())
        if changed:
            for measure, value in _fields(targets).items():
                setattr(row, measure, value)
            row._history_user = by  # type: ignore[attr-defined]
            row.save()
    return plan


def _fields(targets: Targets) -> dict[str, int | Decimal]:
    return {measure: getattr(targets, measure) for measure in MEASURES}
