"""Reward/penalty proposals (奖惩建议, docs/design.md §Reward and penalty proposals).

The team's manager proposes a reward or a penalty for a salesperson of the team; the leader
(主管领导) approves it or rejects it with a reason: ``draft → submitted → approved | rejected``; a
rejected proposal may be revised (``rejected → draft``) and submitted again; an approved one is fixed.
Models hold fields, constraints and the FSM declarations; proposals/services.py performs every action.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from simple_history.models import HistoricalRecords

from accounts.scope_spec import ScopeSpec
from salesops import limits
from visits.models import MONEY

# an amount at or above this is a typing error, not a reward (yuan or points alike)
AMOUNT_LIMIT = Decimal("1000000000")


class ProposalKind(models.TextChoices):
    REWARD = "reward", _("奖励")
    PENALTY = "penalty", _("惩罚")


class AmountUnit(models.TextChoices):
    YUAN = "yuan", _("元")
    POINTS = "points", _("分")


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待领导审批")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("已驳回")


class Proposal(ConcurrentTransitionMixin, models.Model):
    """奖惩建议 for one salesperson of a team, for one month."""

    scope = ScopeSpec(team="team", owner="person")

    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("团队"), on_delete=models.PROTECT, related_name="proposals"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("营销人员"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    month = models.DateField(_("月份"))  # the month's first day
    kind = models.CharField(_("奖惩类别"), max_length=10, choices=ProposalKind.choices)
    reason = models.TextField(_("事由"), max_length=limits.TEXT)
    basis = models.TextField(_("依据"), max_length=limits.LONG, blank=True)
    amount = models.DecimalField(_("数额"), **MONEY)
    unit = models.CharField(
        _("单位"), max_length=10, choices=AmountUnit.choices, default=AmountUnit.YUAN
    )
    status = FSMField(
        _("状态"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.DRAFT,
        protected=True,
    )
    reject_reason = models.TextField(_("驳回原因"), max_length=limits.REASON, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("建议人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = _("奖惩建议")
        verbose_name_plural = _("奖惩建议")
        ordering = ["-month", "team__name", "person__full_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0, amount__lt=AMOUNT_LIMIT),
                name="proposal_amount_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.month:%Y-%m} {self.get_kind_display()}"

    @property
    def is_fixed(self) -> bool:
        return self.status == ProposalStatus.APPROVED

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=ProposalStatus.DRAFT, target=ProposalStatus.SUBMITTED)
    def submit(self, *, at, by=None, description=None) -> None:
        self.submitted_at = at

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=ProposalStatus.SUBMITTED, target=ProposalStatus.APPROVED)
    def approve(self, *, at, decider, by=None, description=None) -> None:
        self.decided_at = at
        self.decided_by = decider
        self.reject_reason = ""

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=ProposalStatus.SUBMITTED, target=ProposalStatus.REJECTED)
    def reject(self, *, reason: str, at, decider, by=None, description=None) -> None:
        self.reject_reason = reason
        self.decided_at = at
        self.decided_by = decider

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=ProposalStatus.REJECTED, target=ProposalStatus.DRAFT)
    def revise(self, by=None, description=None) -> None:
        pass
