"""The problem log (问题台账, procedure 3.5) and the manager's acknowledgements of clients reported to
them (上报营销部经理, 4.2.4) — docs/design.md §Problems.

Models hold fields, constraints and the FSM declarations only; problems/services.py performs every
action and is the only code that calls the transition methods.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from simple_history.models import HistoricalRecords

from accounts.scope_spec import ScopeSpec
from salesops import limits


class ProblemCategory(models.TextChoices):
    COMPLAINT = "complaint", _("客户投诉")
    COMPLIANCE = "compliance", _("合规")
    DEPARTMENT = "department", _("其他部门")
    SYSTEM = "system", _("系统")
    OTHER = "other", _("其他")


class Severity(models.TextChoices):
    LOW = "low", _("低")
    MEDIUM = "medium", _("中")
    HIGH = "high", _("高")
    URGENT = "urgent", _("紧急")


class ProblemStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    HANDLING = "handling", _("处理中")
    ESCALATED = "escalated", _("已上报领导")
    ANSWERED = "answered", _("领导已答复")
    RESOLVED = "resolved", _("已解决")


P = ProblemStatus
# a problem still to be dealt with: every state but resolved
UNRESOLVED = (P.OPEN, P.HANDLING, P.ESCALATED, P.ANSWERED)


class ProblemQuerySet(models.QuerySet):
    def unresolved(self):
        return self.exclude(status=P.RESOLVED)

    def overdue(self, *, as_of: datetime.date):
        """Overdue (docs/design.md §Problems): the due date is strictly before ``as_of`` and the
        problem is not resolved."""
        return self.unresolved().filter(due_date__lt=as_of)


class Problem(ConcurrentTransitionMixin, models.Model):
    """One entry of the team's problem log."""

    # a salesperson sees the problems they raised (and, through problems.queries, those they handle)
    scope = ScopeSpec(team="team", owner="raised_by")

    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("团队"), on_delete=models.PROTECT, related_name="problems"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提出人"),
        on_delete=models.PROTECT,
        related_name="problems_raised",
    )
    category = models.CharField(_("类别"), max_length=20, choices=ProblemCategory.choices)
    severity = models.CharField(
        _("严重程度"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM
    )
    title = models.CharField(_("问题"), max_length=100)
    description = models.TextField(_("问题描述"), max_length=limits.TEXT, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        on_delete=models.PROTECT,
        related_name="problems_handled",
    )
    due_date = models.DateField(_("处理期限"))
    status = FSMField(
        _("状态"), max_length=20, choices=ProblemStatus.choices, default=P.OPEN, protected=True
    )
    escalation_reason = models.TextField(_("上报原因"), max_length=limits.REASON, blank=True)
    escalated_at = models.DateTimeField(_("上报时间"), null=True, blank=True)
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上报人"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    answer = models.TextField(_("领导答复"), max_length=limits.TEXT, blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    resolution = models.TextField(_("处理结果"), max_length=limits.TEXT, blank=True)
    resolved_at = models.DateTimeField(_("解决时间"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    objects = ProblemQuerySet.as_manager()

    class Meta:
        verbose_name = _("问题")
        verbose_name_plural = _("问题台账")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["team", "status"]),
            models.Index(fields=["status", "due_date"]),
        ]

    def __str__(self) -> str:
        return self.title

    def is_overdue_on(self, as_of: datetime.date) -> bool:
        """The same rule as ``Problem.objects.overdue(as_of=)``, for one loaded problem."""
        return self.status != P.RESOLVED and self.due_date < as_of

    # --- transitions: each is performed only by problems.services.problem_<name> ----------------

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=P.OPEN, target=P.HANDLING)
    def start_handling(self, by=None, description=None) -> None:
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=[P.OPEN, P.HANDLING], target=P.ESCALATED)
    def escalate(self, *, reason: str, at, escalator, by=None, description=None) -> None:
        self.escalation_reason = reason
        self.escalated_at = at
        self.escalated_by = escalator

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=P.ESCALATED, target=P.ANSWERED)
    def answer_escalation(self, *, answer: str, at, leader, by=None, description=None) -> None:
        self.answer = answer
        self.answered_at = at
        self.answered_by = leader

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=[P.HANDLING, P.ANSWERED], target=P.RESOLVED)
    def resolve(self, *, resolution: str, at, by=None, description=None) -> None:
        self.resolution = resolution
        self.resolved_at = at


class ReportAcknowledgement(models.Model):
    """The manager's 签收 of a client reported to them (上报营销部经理), with a comment the client's
    timeline shows. One per report: a client reported again later (after reactivation) is a new one."""

    scope = ScopeSpec(team="client__team", owner="client__salesperson")

    client = models.ForeignKey(
        "visits.Client",
        verbose_name=_("客户"),
        on_delete=models.PROTECT,
        related_name="report_acknowledgements",
    )
    reported_on = models.DateField(_("上报经理日期"))
    comment = models.TextField(_("经理意见"), max_length=limits.TEXT)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签收人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("签收时间"))

    class Meta:
        verbose_name = _("上报签收")
        verbose_name_plural = _("上报签收")
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "reported_on"], name="one_acknowledgement_per_report"
            )
        ]

    def __str__(self) -> str:
        return f"{self.client} {self.reported_on}"


class ChaseKind(models.TextChoices):
    FOLLOW_UP = "follow_up", _("安排重点跟进")
    REMINDER = "reminder", _("发送提醒")


class ChaseAction(models.Model):
    """What the manager did about an account opened but not funded (开户未入金 催办): a daily key
    follow-up assigned to its salesperson, or a reminder sent to them. The chase list shows who did
    what and when."""

    scope = ScopeSpec(team="client__team", owner="client__salesperson")

    client = models.ForeignKey(
        "visits.Client", verbose_name=_("客户"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("催办方式"), max_length=20, choices=ChaseKind.choices)
    note = models.CharField(_("要求"), max_length=limits.SHORT, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("催办人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("催办时间"))

    class Meta:
        verbose_name = _("未入金催办")
        verbose_name_plural = _("未入金催办")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["client", "-at"])]

    def __str__(self) -> str:
        return f"{self.client_id} {self.kind} {self.at:%Y-%m-%d}"
