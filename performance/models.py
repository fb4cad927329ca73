"""The team's annual work plan (年度工作计划, procedure 3.4): the year's targets for the four measures
of a task (visits, new clients, accounts opened, deposit amount), broken down by month
(docs/design.md §Annual plan).

Models hold fields and constraints only; performance/services.py writes them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.scope_spec import ScopeSpec
from visits.models import MONEY


class AnnualPlan(models.Model):
    """A team's 年度工作计划 for one year: the yearly targets; the months hold their share."""

    scope = ScopeSpec(team="team")

    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("团队"),
        on_delete=models.PROTECT,
        related_name="annual_plans",
    )
    year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2099)]
    )
    target_visits = models.PositiveIntegerField(_("全年目标拜访量"), default=0)
    target_new_clients = models.PositiveIntegerField(_("全年目标新客户数"), default=0)
    target_accounts = models.PositiveIntegerField(_("全年目标开户数"), default=0)
    target_deposit_amount = models.DecimalField(
        _("全年目标入金金额（元）"), **MONEY, default=0, validators=[MinValueValidator(0)]
    )
    notes = models.TextField(_("计划说明"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("制定人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = _("年度工作计划")
        verbose_name_plural = _("年度工作计划")
        ordering = ["-year", "team__name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "year"], name="one_annual_plan_per_team_year"),
            models.CheckConstraint(
                condition=models.Q(target_deposit_amount__gte=0),
                name="annual_deposit_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.year}"


class AnnualPlanMonth(models.Model):
    """One month's share of the year's targets (12 per plan, month 1–12)."""

    scope = ScopeSpec(team="plan__team")

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="months")
    month = models.PositiveSmallIntegerField(
        _("月份"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    target_visits = models.PositiveIntegerField(_("目标拜访量"), default=0)
    target_new_clients = models.PositiveIntegerField(_("目标新客户数"), default=0)
    target_accounts = models.PositiveIntegerField(_("目标开户数"), default=0)
    target_deposit_amount = models.DecimalField(
        _("目标入金金额（元）"), **MONEY, default=0, validators=[MinValueValidator(0)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("年度计划月度分解")
        verbose_name_plural = _("年度计划月度分解")
        ordering = ["plan", "month"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "month"], name="one_row_per_plan_month"),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="annual_month_1_to_12"
            ),
            models.CheckConstraint(
                condition=models.Q(target_deposit_amount__gte=0),
                name="annual_month_deposit_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.month}"
