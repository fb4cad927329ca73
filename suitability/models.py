"""Suitability (适当性管理) — docs/design.md §Suitability.

A client is assessed with the active questionnaire (questions, choices and their scores, and the score
thresholds of C1–C5, all editable in the admin) into a risk tolerance level and an investor class; the
assessment is valid for 12 months. Products carry a risk level R1–R5. An investment plan names its
products (``PlanSuitability``): a product above the client's level is refused unless the client's
written insistence and a signed risk warning are recorded and the team's manager approves that plan.

Models hold fields and constraints only; suitability/services.py and suitability/gate.py act.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scope_spec import ScopeSpec
from salesops import limits
from visits.models import RiskLevel


class ToleranceLevel(models.TextChoices):
    """风险承受能力等级; C1→R1 … C5→R5 (suitability.rules.may_hold)."""

    C1 = "C1", _("C1 保守型")
    C2 = "C2", _("C2 稳健型")
    C3 = "C3", _("C3 平衡型")
    C4 = "C4", _("C4 成长型")
    C5 = "C5", _("C5 激进型")


class InvestorClass(models.TextChoices):
    ORDINARY = "ordinary", _("普通投资者")
    PROFESSIONAL = "professional", _("专业投资者")


SCORE = [MinValueValidator(0), MaxValueValidator(1000)]


class Questionnaire(models.Model):
    """A risk assessment questionnaire; exactly one is in use (``is_active``).

    The level is C1 below ``c2_min`` points, C2 from ``c2_min``, … C5 from ``c5_min``."""

    name = models.CharField(_("问卷名称"), max_length=100)
    is_active = models.BooleanField(_("当前使用"), default=False)
    c2_min = models.PositiveIntegerField(_("C2 最低分"), validators=SCORE)
    c3_min = models.PositiveIntegerField(_("C3 最低分"), validators=SCORE)
    c4_min = models.PositiveIntegerField(_("C4 最低分"), validators=SCORE)
    c5_min = models.PositiveIntegerField(_("C5 最低分"), validators=SCORE)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("风险评估问卷")
        verbose_name_plural = _("风险评估问卷")
        ordering = ["-is_active", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=models.Q(is_active=True),
                name="one_active_questionnaire",
            ),
            models.CheckConstraint(
                condition=models.Q(c2_min__lt=models.F("c3_min"))
                & models.Q(c3_min__lt=models.F("c4_min"))
                & models.Q(c4_min__lt=models.F("c5_min")),
                name="questionnaire_thresholds_rise",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        values = [self.c2_min, self.c3_min, self.c4_min, self.c5_min]
        if None not in values and values != sorted(set(values)):
            raise ValidationError(_("各等级的最低分必须逐级升高（C2 < C3 < C4 < C5）。"))


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("问卷"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    order = models.PositiveSmallIntegerField(_("序号"), default=0)
    text = models.CharField(_("题目"), max_length=limits.SHORT)

    class Meta:
        verbose_name = _("问卷题目")
        verbose_name_plural = _("问卷题目")
        ordering = ["questionnaire", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class Choice(models.Model):
    question = models.ForeignKey(
        Question, verbose_name=_("题目"), on_delete=models.CASCADE, related_name="choices"
    )
    order = models.PositiveSmallIntegerField(_("序号"), default=0)
    text = models.CharField(_("选项"), max_length=200)
    score = models.PositiveIntegerField(_("分值"), validators=SCORE)

    class Meta:
        verbose_name = _("选项")
        verbose_name_plural = _("选项")
        ordering = ["question", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class RiskAssessment(models.Model):
    """One assessment of a client; the newest is the client's current one. Never edited: the
    questions, the chosen answers and their scores are kept as they were (``answers``)."""

    scope = ScopeSpec(team="client__team", owner="client__salesperson")

    client = models.ForeignKey(
        "visits.Client",
        verbose_name=_("客户"),
        on_delete=models.PROTECT,
        related_name="risk_assessments",
    )
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("问卷"), on_delete=models.PROTECT, related_name="+"
    )
    # [{"question": text, "answer": text, "score": n}, …] as answered
    answers = models.JSONField(_("答卷"), default=list)
    score = models.PositiveIntegerField(_("得分"))
    level = models.CharField(_("风险承受能力等级"), max_length=2, choices=ToleranceLevel.choices)
    investor_class = models.CharField(_("投资者类别"), max_length=20, choices=InvestorClass.choices)
    # the client's 风险偏好 as registered before (kept: the old text is never lost)
    previous_preference = models.CharField(_("原风险偏好"), max_length=40, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评估人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assessed_at = models.DateTimeField(_("评估时间"))
    valid_until = models.DateField(_("有效期至"))

    class Meta:
        verbose_name = _("风险承受能力评估")
        verbose_name_plural = _("风险承受能力评估")
        ordering = ["-assessed_at", "-pk"]
        indexes = [models.Index(fields=["client", "assessed_at"])]

    def __str__(self) -> str:
        return f"{self.client} {self.get_level_display()}"


class ProductQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Product(models.Model):
    """The product catalogue; every product has a risk level R1–R5."""

    code = models.CharField(_("产品代码"), max_length=30, unique=True)
    name = models.CharField(_("产品名称"), max_length=100)
    risk_level = models.CharField(_("风险等级"), max_length=2, choices=RiskLevel.choices)
    description = models.TextField(_("产品说明"), max_length=limits.TEXT, blank=True)
    is_active = models.BooleanField(_("在售"), default=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("产品")
        verbose_name_plural = _("产品目录")
        ordering = ["risk_level", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(risk_level__in=RiskLevel.values), name="product_has_risk_level"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.risk_level}）"


class Verdict(models.TextChoices):
    MATCHED = "matched", _("匹配")
    PENDING = "pending", _("待经理审批")
    APPROVED = "approved", _("坚持购买·经理已批准")
    REJECTED = "rejected", _("经理未批准")


class PlanSuitability(models.Model):
    """An investment plan's products and its suitability check: matched, or a mismatch the client
    insisted on (written insistence + signed risk warning) waiting for / decided by the manager."""

    scope = ScopeSpec(team="client__team", owner="client__salesperson")

    plan = models.OneToOneField(
        "visits.InvestmentPlan",
        verbose_name=_("投资方案"),
        on_delete=models.PROTECT,
        related_name="suitability",
    )
    client = models.ForeignKey(
        "visits.Client",
        verbose_name=_("客户"),
        on_delete=models.PROTECT,
        related_name="plan_suitability",
    )
    products = models.ManyToManyField(Product, verbose_name=_("产品"), related_name="+")
    assessment = models.ForeignKey(
        RiskAssessment, verbose_name=_("依据的评估"), on_delete=models.PROTECT, related_name="+"
    )
    client_level = models.CharField(_("客户风险等级"), max_length=2, choices=ToleranceLevel.choices)
    plan_level = models.CharField(_("方案风险等级"), max_length=2, choices=RiskLevel.choices)
    verdict = models.CharField(_("适当性"), max_length=20, choices=Verdict.choices)
    insistence = models.TextField(_("客户书面坚持意见"), max_length=limits.TEXT, blank=True)
    risk_warning_signed_on = models.DateField(_("风险揭示书签署日期"), null=True, blank=True)
    # the 限期二次回访 the plan asks for, applied when the manager approves
    revisit_due = models.DateField(_("限期二次回访"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("记录时间"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_comment = models.TextField(_("审批意见"), max_length=limits.REASON, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("方案适当性")
        verbose_name_plural = _("方案适当性")
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["verdict", "recorded_at"])]

    def __str__(self) -> str:
        return f"{self.client} {self.get_verdict_display()}"
