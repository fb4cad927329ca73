"""Visit plans, work logs, the monthly cycle and daily key follow-ups
(docs/design.md §Plans, tasks and letters).

Models hold fields, constraints and FSM declarations only; plans/services.py performs every action.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description

from accounts.scope_spec import ScopeSpec
from salesops import limits
from salesops.querysets import LiveQuerySet
from visits.models import MONEY, VisitPurpose


class Horizon(models.TextChoices):
    MONTH = "month", _("月")
    WEEK = "week", _("周")
    DAY = "day", _("日")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已通过")
    RETURNED = "returned", _("已打回")


class VisitPlan(ConcurrentTransitionMixin, models.Model):
    """客户拜访方案 at one horizon for one salesperson and one period (month, ISO week, or day)."""

    scope = ScopeSpec(team="team", owner="owner")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("营销人员"),
        on_delete=models.PROTECT,
        related_name="visit_plans",
    )
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("团队"),
        on_delete=models.PROTECT,
        related_name="visit_plans",
    )
    horizon = models.CharField(_("周期"), max_length=10, choices=Horizon.choices)
    period_start = models.DateField(_("开始日期"))
    period_end = models.DateField(_("结束日期"))
    status = FSMField(
        _("状态"),
        max_length=20,
        choices=PlanStatus.choices,
        default=PlanStatus.DRAFT,
        protected=True,
    )
    summary = models.TextField(_("方案说明"), max_length=limits.TEXT, blank=True)
    return_reason = models.TextField(_("打回原因"), max_length=limits.REASON, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("客户拜访方案")
        verbose_name_plural = _("客户拜访方案")
        ordering = ["-period_start", "owner__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "horizon", "period_start"], name="one_plan_per_owner_period"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="plan_period_order",
            ),
        ]
        indexes = [models.Index(fields=["team", "horizon", "period_start"])]

    def __str__(self) -> str:
        return f"{self.owner} {self.get_horizon_display()} {self.period_start}"

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=status, source=[PlanStatus.DRAFT, PlanStatus.RETURNED], target=PlanStatus.SUBMITTED
    )
    def submit(self, *, at, by=None, description=None) -> None:
        self.submitted_at = at

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=PlanStatus.SUBMITTED, target=PlanStatus.APPROVED)
    def approve(self, *, at, reviewer, by=None, description=None) -> None:
        self.reviewed_at = at
        self.reviewed_by = reviewer
        self.return_reason = ""

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=PlanStatus.SUBMITTED, target=PlanStatus.RETURNED)
    def return_for_rewrite(self, *, reason: str, at, reviewer, by=None, description=None) -> None:
        self.return_reason = reason
        self.reviewed_at = at
        self.reviewed_by = reviewer

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=PlanStatus.RETURNED, target=PlanStatus.DRAFT)
    def reopen(self, by=None, description=None) -> None:
        pass


class VisitPlanItem(models.Model):
    scope = ScopeSpec(team="plan__team", owner="plan__owner")

    plan = models.ForeignKey(
        VisitPlan, verbose_name=_("方案"), on_delete=models.PROTECT, related_name="items"
    )
    date = models.DateField(_("日期"))
    client = models.ForeignKey(
        "visits.Client",
        verbose_name=_("客户"),
        on_delete=models.PROTECT,
        related_name="plan_items",
        null=True,
        blank=True,
    )
    prospect_name = models.CharField(_("意向客户"), max_length=50, blank=True)
    purpose = models.CharField(_("拜访目的"), max_length=20, choices=VisitPurpose.choices)
    is_key = models.BooleanField(_("重点"), default=False)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    visit = models.ForeignKey(
        "visits.Visit",
        verbose_name=_("完成拜访"),
        on_delete=models.PROTECT,
        related_name="plan_items",
        null=True,
        blank=True,
    )
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("方案条目")
        verbose_name_plural = _("方案条目")
        ordering = ["date", "pk"]
        # the reports count a period's items: read by date, not through every plan ever made
        indexes = [models.Index(fields=["date", "plan"], name="plan_item_date")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(client__isnull=True, prospect_name=""),
                name="plan_item_names_a_client",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.target_name}"

    @property
    def target_name(self) -> str:
        return self.client.name if self.client_id else self.prospect_name

    @property
    def done(self) -> bool:
        return self.visit_id is not None


class WorkLog(models.Model):
    """每天工作日志: one per salesperson per day."""

    scope = ScopeSpec(team="team", owner="salesperson")

    salesperson = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("营销人员"),
        on_delete=models.PROTECT,
        related_name="work_logs",
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="work_logs")
    date = models.DateField(_("日期"))
    content = models.TextField(_("工作内容"), max_length=limits.LONG)
    tomorrow = models.TextField(_("明日计划"), max_length=limits.TEXT, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("工作日志")
        verbose_name_plural = _("工作日志")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["salesperson", "date"], name="one_work_log_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.salesperson} {self.date}"


class WorkLogComment(models.Model):
    """批注: the manager's comment on a salesperson's work log; the salesperson reads it there."""

    scope = ScopeSpec(team="log__team", owner="log__salesperson")

    log = models.ForeignKey(
        WorkLog, verbose_name=_("工作日志"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("批注人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("批注"), max_length=limits.TEXT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("日志批注")
        verbose_name_plural = _("日志批注")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.log} · {self.author}"


class MonthlySalesPlan(models.Model):
    """The manager's 本月销售方案 and 奖励方案 for a team, reported to the office; the month's tasks
    are announced (宣布并执行) here once every commitment letter is approved."""

    scope = ScopeSpec(team="team")

    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, related_name="monthly_plans"
    )
    month = models.DateField(_("月份"))  # the first day of the month
    sales_plan = models.TextField(_("本月销售方案"), max_length=limits.LONG, blank=True)
    reward_plan = models.TextField(_("奖励方案"), max_length=limits.LONG, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(_("上报办公室时间"), null=True, blank=True)
    announced_at = models.DateTimeField(_("宣布执行时间"), null=True, blank=True)
    announced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("月度销售方案")
        verbose_name_plural = _("月度销售方案")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["team", "month"], name="one_sales_plan_per_team_month")
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.month:%Y-%m}"

    @property
    def announced(self) -> bool:
        return self.announced_at is not None


class SalesTask(models.Model):
    """销售任务 of one salesperson for one month; fixed once the month is announced."""

    scope = ScopeSpec(team="team", owner="salesperson")

    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="sales_tasks")
    salesperson = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("营销人员"),
        on_delete=models.PROTECT,
        related_name="sales_tasks",
    )
    month = models.DateField(_("月份"))
    target_visits = models.PositiveIntegerField(_("目标拜访量"), default=0)
    target_new_clients = models.PositiveIntegerField(_("目标新客户数"), default=0)
    target_accounts = models.PositiveIntegerField(_("目标开户数"), default=0)
    target_deposit_amount = models.DecimalField(
        _("目标入金金额（元）"), **MONEY, default=0, validators=[MinValueValidator(0)]
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("销售任务")
        verbose_name_plural = _("销售任务")
        ordering = ["-month", "salesperson__username"]
        constraints = [
            models.UniqueConstraint(fields=["salesperson", "month"], name="one_task_per_month"),
            models.CheckConstraint(
                condition=models.Q(target_deposit_amount__gte=0), name="task_deposit_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.salesperson} {self.month:%Y-%m}"


class LetterStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("审核通过")
    REJECTED = "rejected", _("审核不通过")


class CommitmentLetter(ConcurrentTransitionMixin, models.Model):
    """承诺书 for one task: reviewed and redone (重做) until it passes."""

    scope = ScopeSpec(team="task__team", owner="task__salesperson")

    task = models.OneToOneField(
        SalesTask, verbose_name=_("销售任务"), on_delete=models.PROTECT, related_name="letter"
    )
    text = models.TextField(_("承诺内容"), max_length=limits.TEXT, blank=True)
    status = FSMField(
        _("状态"),
        max_length=20,
        choices=LetterStatus.choices,
        default=LetterStatus.DRAFT,
        protected=True,
    )
    reject_reason = models.TextField(_("不通过原因"), max_length=limits.REASON, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("承诺书")
        verbose_name_plural = _("承诺书")

    def __str__(self) -> str:
        return f"{self.task} 承诺书"

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=LetterStatus.DRAFT, target=LetterStatus.SUBMITTED)
    def submit(self, *, at, by=None, description=None) -> None:
        self.submitted_at = at

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=LetterStatus.SUBMITTED, target=LetterStatus.APPROVED)
    def approve(self, *, at, reviewer, by=None, description=None) -> None:
        self.reviewed_at = at
        self.reviewed_by = reviewer
        self.reject_reason = ""

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=LetterStatus.SUBMITTED, target=LetterStatus.REJECTED)
    def reject(self, *, reason: str, at, reviewer, by=None, description=None) -> None:
        self.reject_reason = reason
        self.reviewed_at = at
        self.reviewed_by = reviewer

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=LetterStatus.REJECTED, target=LetterStatus.DRAFT)
    def redo(self, by=None, description=None) -> None:
        pass


class DailyFocus(models.Model):
    """每日重点跟进对象: the manager names a client for a salesperson to follow up on a day."""

    scope = ScopeSpec(team="team", owner="salesperson")

    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="daily_focus")
    salesperson = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("营销人员"),
        on_delete=models.PROTECT,
        related_name="daily_focus",
    )
    client = models.ForeignKey(
        "visits.Client",
        verbose_name=_("客户"),
        on_delete=models.PROTECT,
        related_name="daily_focus",
    )
    date = models.DateField(_("日期"))
    instruction = models.TextField(_("跟进要求"), max_length=limits.SHORT)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    visit = models.ForeignKey(
        "visits.Visit",
        verbose_name=_("跟进拜访"),
        on_delete=models.PROTECT,
        related_name="daily_focus",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("每日重点跟进")
        verbose_name_plural = _("每日重点跟进")
        ordering = ["-date", "salesperson__username"]
        constraints = [
            models.UniqueConstraint(fields=["client", "date"], name="one_focus_per_client_day")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.client}"

    @property
    def followed_up(self) -> bool:
        return self.visit_id is not None


class ManagerWeeklyPlan(models.Model):
    """营销部经理周工作方案: the team's approved weekly plans compiled, plus the manager's own items,
    reported to the office (上报办公室)."""

    scope = ScopeSpec(team="team")

    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, related_name="manager_weekly_plans"
    )
    week_start = models.DateField(_("周一"))
    own_items = models.TextField(_("经理本人工作安排"), max_length=limits.LONG, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(_("上报办公室时间"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("经理周工作方案")
        verbose_name_plural = _("经理周工作方案")
        ordering = ["-week_start"]
        constraints = [
            models.UniqueConstraint(fields=["team", "week_start"], name="one_manager_plan_per_week")
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.week_start}"
