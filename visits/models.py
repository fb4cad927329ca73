"""Clients, visits and the client pipeline (docs/design.md §The client pipeline).

Models hold fields, constraints and the FSM declarations only. Transitions change fields on self and
nothing else; permissions, side records (visits, plans, deposits, failure analyses) and saving are the
job of visits/services.py, which is the only code that calls these transition methods.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from simple_history.models import HistoricalRecords

from accounts.scope_spec import ScopeSpec
from salesops import clock, limits
from salesops.querysets import LiveQuerySet

MONEY = {"max_digits": 14, "decimal_places": 2}
POSITIVE_MONEY = [MinValueValidator(Decimal("0.01"))]


class ClientStatus(models.TextChoices):
    PROSPECT = "prospect", _("待拜访")
    VISITED = "visited", _("已拜访")
    NEEDS_ANALYZED = "needs_analyzed", _("需求已分析")
    REPORTED = "reported", _("已上报经理")
    PLAN_READY = "plan_ready", _("方案已制定")
    REVISITED = "revisited", _("已回访")
    CLOSING = "closing", _("促单中")
    ACCOUNT_OPENED = "account_opened", _("已开户")
    FUNDED = "funded", _("已入金")
    FAILED = "failed", _("促单失败")
    DROPPED = "dropped", _("已放弃")


S = ClientStatus
# a client in these states past revisit_due is overdue (docs/design.md §Overdue: 限期二次回访)
OVERDUE_STATES = (S.PLAN_READY, S.FAILED)
DROPPABLE_STATES = [s for s in S.values if s not in (S.FUNDED, S.DROPPED)]


class ClientSource(models.TextChoices):
    REFERRAL = "referral", _("客户转介绍")
    COLD = "cold", _("陌生拜访")
    EVENT = "event", _("活动/讲座")
    ONLINE = "online", _("网络/电话")
    EXISTING = "existing", _("老客户")
    OTHER = "other", _("其他")


class RiskPreference(models.TextChoices):
    CONSERVATIVE = "conservative", _("保守型")
    MODERATE = "moderate", _("稳健型")
    BALANCED = "balanced", _("平衡型")
    GROWTH = "growth", _("成长型")
    AGGRESSIVE = "aggressive", _("进取型")


class ClientQuerySet(LiveQuerySet):
    def overdue(self, *, today: datetime.date, through: datetime.date | None = None):
        """THE overdue rule (限期二次回访 missed; docs/design.md §Overdue) — every page, report,
        home block, filter and reminder asks this function, and nothing else decides it.

        A client is overdue when it is in 方案已制定 or 促单失败 and its 限期二次回访 has passed at
        the moment the number is taken:

        - the running period, a page, a home block, a reminder (``through`` None, or a period
          whose last day ``through`` is today or later): taken now — the deadline is strictly
          before ``today``; a deadline of today is not overdue until tomorrow;
        - a closed period (its last day ``through`` is before ``today``): taken at the end of that
          day — the deadline is on or before ``through`` (a deadline on the last day counts), and
          the state, the deadline and the owner are read as they were then (visits.asof), never
          as they are now.

        The rows carry ``status_then``, ``revisit_due_then``, ``salesperson_id_then`` … (visits.asof):
        count a closed period by ``salesperson_id_then`` (whoever owned the client then).
        """
        from .asof import clients_then  # the module reads this model

        if through is None or through >= today:
            return clients_then(self, day=None).filter(
                status__in=OVERDUE_STATES, revisit_due__lt=today
            )
        return clients_then(self, day=through).filter(
            status_then__in=OVERDUE_STATES, revisit_due_then__lte=through
        )


class Client(ConcurrentTransitionMixin, models.Model):
    scope = ScopeSpec(team="team", owner="salesperson", pool="in_pool_since")

    name = models.CharField(_("客户姓名"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    # the number's E.164 key (salesops.phones.phone_e164), set by the services with ``phone``; ''
    # for no valid number. Unique among live clients (the constraint below), so one number is one
    # salesperson's client across the whole firm.
    phone_normalized = models.CharField(
        _("标准化号码"), max_length=20, blank=True, default="", editable=False
    )
    source = models.CharField(
        _("客户来源"), max_length=20, choices=ClientSource.choices, default=ClientSource.OTHER
    )
    investment_experience = models.TextField(_("投资经历"), max_length=limits.TEXT, blank=True)
    investment_needs = models.TextField(_("投资需求"), max_length=limits.TEXT, blank=True)
    risk_preference = models.CharField(
        _("风险偏好"), max_length=20, choices=RiskPreference.choices, blank=True
    )
    intended_funds = models.DecimalField(
        _("意向资金（元）"), **MONEY, null=True, blank=True, validators=POSITIVE_MONEY
    )
    remarks = models.TextField(_("备注"), max_length=limits.TEXT, blank=True)

    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("团队"), on_delete=models.PROTECT, related_name="clients"
    )
    salesperson = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("营销人员"),
        on_delete=models.PROTECT,
        related_name="clients",
    )
    analyst = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("分析师"),
        on_delete=models.PROTECT,
        related_name="analyst_clients",
        null=True,
        blank=True,
    )

    status = FSMField(
        _("状态"), max_length=20, choices=ClientStatus.choices, default=S.PROSPECT, protected=True
    )
    revisit_due = models.DateField(_("限期二次回访"), null=True, blank=True)
    reported_on = models.DateField(_("上报经理日期"), null=True, blank=True)
    # optimistic lock: every change bumps it; a form or action carrying an older value is refused
    version = models.PositiveIntegerField(default=1)

    # in the team's pool (公海, clientpool/) since then: ``salesperson`` is its last owner, who no
    # longer sees it; the manager assigns it or a salesperson of the team claims it
    in_pool_since = models.DateTimeField(_("进入公海时间"), null=True, blank=True)
    archived_at = models.DateTimeField(_("归档时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    # denormalised from the client's live visits, kept by visits.services (visit_log, and
    # visit_summary_refresh for any other write): the client list and the pool's idle rule read
    # them instead of joining every visit (README "Performance")
    last_visit_on = models.DateField(_("最近拜访"), null=True, blank=True, editable=False)
    visit_total = models.PositiveIntegerField(_("拜访次数"), default=0, editable=False)

    history = HistoricalRecords(
        excluded_fields=[
            "updated_at",
            "version",
            "phone_normalized",
            "last_visit_on",
            "visit_total",
        ]
    )

    objects = ClientQuerySet.as_manager()

    class Meta:
        verbose_name = _("客户")
        verbose_name_plural = _("客户")
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["team", "status"]),
            models.Index(fields=["salesperson", "status"]),
            models.Index(fields=["status", "revisit_due"]),
            # the client list: a team's or a salesperson's clients, last visited first
            models.Index(fields=["team", "last_visit_on"], name="client_team_lastvisit"),
            models.Index(fields=["salesperson", "last_visit_on"], name="client_sp_lastvisit"),
            # the office's and the leader's list of every team's clients, newest visit first
            models.Index(fields=["last_visit_on"], name="client_lastvisit"),
            # the work reports: clients registered / reported to the manager in a period
            models.Index(fields=["salesperson", "created_at"], name="client_sp_created"),
            models.Index(fields=["created_at"], name="client_created"),
            models.Index(fields=["salesperson", "reported_on"], name="client_sp_reported"),
        ]
        constraints = [
            # docs/design.md §One number, one owner: a phone number is unique among the live
            # clients of the firm. Archived clients keep theirs for the record; rows without a valid
            # number are not compared.
            models.UniqueConstraint(
                fields=["phone_normalized"],
                condition=models.Q(archived_at__isnull=True) & ~models.Q(phone_normalized=""),
                name="client_phone_unique_live",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_overdue(self) -> bool:
        """Overdue now, for one client's page: ``Client.objects.overdue`` asked for this row (the
        one rule), or the ``overdue_now`` a list annotated with it (visits.queries.clients_for)."""
        if hasattr(self, "overdue_now"):
            return bool(self.overdue_now)
        if self.status not in OVERDUE_STATES or self.revisit_due is None:
            return False  # cannot be overdue: spare the query
        return type(self).objects.filter(pk=self.pk).overdue(today=clock.today()).exists()

    # --- transitions: each is performed only by visits.services.client_<name> -------------------

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=S.PROSPECT, target=S.VISITED)
    def record_first_visit(self, by=None, description=None) -> None:
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=S.VISITED, target=S.NEEDS_ANALYZED)
    def analyze_needs(
        self,
        *,
        investment_experience: str,
        investment_needs: str,
        risk_preference: str,
        intended_funds: Decimal | None,
        by=None,
        description=None,
    ) -> None:
        self.investment_experience = investment_experience
        self.investment_needs = investment_needs
        self.risk_preference = risk_preference
        self.intended_funds = intended_funds

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=S.NEEDS_ANALYZED, target=S.REPORTED)
    def report_to_manager(self, *, on, by=None, description=None) -> None:
        self.reported_on = on

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=S.REPORTED, target=S.PLAN_READY)
    def prepare_plan(self, *, revisit_due, by=None, description=None) -> None:
        self.revisit_due = revisit_due

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=[S.PLAN_READY, S.FAILED], target=S.REVISITED)
    def record_revisit(self, by=None, description=None) -> None:
        self.revisit_due = None

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=S.REVISITED, target=S.CLOSING)
    def start_closing(self, by=None, description=None) -> None:
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=S.CLOSING, target=S.ACCOUNT_OPENED)
    def close_won(self, by=None, description=None) -> None:
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=S.CLOSING, target=S.FAILED)
    def close_lost(self, *, revisit_due=None, by=None, description=None) -> None:
        # the failure loop: the client is to be visited again, by a deadline if the manager sets one
        self.revisit_due = revisit_due

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=[S.ACCOUNT_OPENED, S.FUNDED], target=S.FUNDED)
    def record_deposit(self, by=None, description=None) -> None:
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=DROPPABLE_STATES, target=S.DROPPED)
    def drop(self, by=None, description=None) -> None:
        self.revisit_due = None

    @fsm_log_by
    @fsm_log_description
    @transition(field=status, source=S.DROPPED, target=S.PROSPECT)
    def reactivate(self, by=None, description=None) -> None:
        pass


class VisitKind(models.TextChoices):
    ONSITE = "onsite", _("上门拜访")
    INVITED = "invited", _("邀约来司")


class VisitPurpose(models.TextChoices):
    FIRST = "first", _("初访")
    NEEDS = "needs", _("需求了解")
    PLAN_REVISIT = "plan_revisit", _("方案回访")
    CLOSING = "closing", _("促单")
    AFTER_FAILURE = "after_failure", _("再次拜访")
    SERVICE = "service", _("客户维护")


class Visit(models.Model):
    scope = ScopeSpec(team="team", owner="salesperson")

    client = models.ForeignKey(
        Client, verbose_name=_("客户"), on_delete=models.PROTECT, related_name="visits"
    )
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("团队"), on_delete=models.PROTECT, related_name="visits"
    )
    salesperson = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("营销人员"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    # the local (Asia/Shanghai) date decides which week and month a visit counts in
    date = models.DateField(_("拜访日期"))
    time = models.TimeField(_("拜访时间"), null=True, blank=True)
    kind = models.CharField(_("拜访方式"), max_length=10, choices=VisitKind.choices)
    purpose = models.CharField(_("拜访目的"), max_length=20, choices=VisitPurpose.choices)
    analyst = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("陪同分析师"),
        on_delete=models.PROTECT,
        related_name="attended_visits",
        null=True,
        blank=True,
    )
    summary = models.TextField(_("拜访情况"), max_length=limits.TEXT, blank=True)
    client_feedback = models.TextField(_("客户反馈"), max_length=limits.TEXT, blank=True)
    next_step = models.TextField(_("下一步"), max_length=limits.TEXT, blank=True)
    archived_at = models.DateTimeField(_("归档时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = LiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("拜访记录")
        verbose_name_plural = _("拜访记录")
        ordering = ["-date", "-time", "-pk"]
        indexes = [
            models.Index(fields=["team", "date"]),
            models.Index(fields=["salesperson", "date"]),
            models.Index(fields=["client", "date"]),
            # a report's period across every team (target-clients' "visited in the month")
            models.Index(fields=["date", "client"], name="visit_date_client"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.client} {self.get_purpose_display()}"


class RiskLevel(models.TextChoices):
    R1 = "R1", _("R1 低风险")
    R2 = "R2", _("R2 中低风险")
    R3 = "R3", _("R3 中风险")
    R4 = "R4", _("R4 中高风险")
    R5 = "R5", _("R5 高风险")


class InvestmentPlan(models.Model):
    """The analyst's investment plan for a client; the newest one is the current plan."""

    scope = ScopeSpec(
        team="client__team", owner="client__salesperson", pool="client__in_pool_since"
    )

    client = models.ForeignKey(
        Client, verbose_name=_("客户"), on_delete=models.PROTECT, related_name="investment_plans"
    )
    analyst = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("分析师"),
        on_delete=models.PROTECT,
        related_name="investment_plans",
    )
    content = models.TextField(_("方案内容"), max_length=limits.LONG)
    products = models.TextField(_("推荐产品"), max_length=limits.SHORT, blank=True)
    proposed_amount = models.DecimalField(
        _("建议投资金额（元）"), **MONEY, null=True, blank=True, validators=POSITIVE_MONEY
    )
    risk_level = models.CharField(_("风险等级"), max_length=2, choices=RiskLevel.choices)
    created_at = models.DateTimeField(_("制定时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("投资方案")
        verbose_name_plural = _("投资方案")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(proposed_amount__isnull=True) | models.Q(proposed_amount__gt=0),
                name="investment_plan_amount_positive",
            )
        ]

    def __str__(self) -> str:
        return f"{self.client} · {self.get_risk_level_display()}"


class ClosingOutcome(models.TextChoices):
    OPEN = "open", _("进行中")
    WON = "won", _("促单成功")
    LOST = "lost", _("促单失败")


class ClosingAttempt(models.Model):
    """One push to close (促单): opened by start_closing, decided by close_won or close_lost.

    The sales statistics count attempts and their outcomes by the local date they were decided on.
    """

    scope = ScopeSpec(team="team", owner="salesperson")

    client = models.ForeignKey(
        Client, verbose_name=_("客户"), on_delete=models.PROTECT, related_name="closing_attempts"
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    salesperson = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="closing_attempts"
    )
    started_on = models.DateField(_("开始促单"))
    outcome = models.CharField(
        _("结果"), max_length=10, choices=ClosingOutcome.choices, default=ClosingOutcome.OPEN
    )
    decided_on = models.DateField(_("结果日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("促单记录")
        verbose_name_plural = _("促单记录")
        ordering = ["-started_on", "-pk"]
        indexes = [
            models.Index(fields=["team", "decided_on"]),
            # the sales reports: a salesperson's attempts started / decided in a period
            models.Index(fields=["salesperson", "started_on"], name="closing_sp_started"),
            models.Index(fields=["salesperson", "decided_on"], name="closing_sp_decided"),
        ]

    def __str__(self) -> str:
        return f"{self.client} {self.started_on} {self.get_outcome_display()}"


class AccountOpening(models.Model):
    scope = ScopeSpec(
        team="client__team", owner="client__salesperson", pool="client__in_pool_since"
    )

    client = models.OneToOneField(
        Client, verbose_name=_("客户"), on_delete=models.PROTECT, related_name="account_opening"
    )
    date = models.DateField(_("开户日期"))
    account_number = models.CharField(_("资金账号"), max_length=40, unique=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("开户记录")
        verbose_name_plural = _("开户记录")
        indexes = [models.Index(fields=["date"], name="opening_date")]

    def __str__(self) -> str:
        return f"{self.client} {self.account_number}"


class Deposit(models.Model):
    scope = ScopeSpec(
        team="client__team", owner="client__salesperson", pool="client__in_pool_since"
    )

    client = models.ForeignKey(
        Client, verbose_name=_("客户"), on_delete=models.PROTECT, related_name="deposits"
    )
    date = models.DateField(_("入金日期"))
    amount = models.DecimalField(_("入金金额（元）"), **MONEY, validators=POSITIVE_MONEY)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("入金记录")
        verbose_name_plural = _("入金记录")
        ordering = ["-date", "-pk"]
        # (client, date): one person's deposits of a period reached through their clients (the
        # salesperson's pace on the home page) without reading the whole period's deposits
        indexes = [
            models.Index(fields=["date"]),
            models.Index(fields=["client", "date"], name="deposit_client_date"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="deposit_amount_positive")
        ]

    def __str__(self) -> str:
        return f"{self.client} {self.date} ¥{self.amount}"


class FailureReason(models.TextChoices):
    FEES = "fees", _("费用/佣金顾虑")
    RISK = "risk", _("风险顾虑")
    COMPETITOR = "competitor", _("选择了其他机构")
    FUNDS = "funds", _("资金未到位")
    TRUST = "trust", _("信任不足")
    TIMING = "timing", _("时机不成熟")
    PRODUCT = "product", _("产品不匹配")
    OTHER = "other", _("其他")


class FailureAnalysis(models.Model):
    """Why a close failed (分析失败原因): required by close_lost."""

    scope = ScopeSpec(
        team="client__team", owner="client__salesperson", pool="client__in_pool_since"
    )

    client = models.ForeignKey(
        Client, verbose_name=_("客户"), on_delete=models.PROTECT, related_name="failure_analyses"
    )
    attempt = models.OneToOneField(
        ClosingAttempt,
        on_delete=models.PROTECT,
        related_name="failure_analysis",
        null=True,
        blank=True,
    )
    reason = models.CharField(_("失败原因"), max_length=20, choices=FailureReason.choices)
    notes = models.TextField(_("原因分析"), max_length=limits.TEXT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("失败原因分析")
        verbose_name_plural = _("失败原因分析")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.client} {self.get_reason_display()}"


class PhoneLookup(models.Model):
    """An interactive duplicate-number check (register, edit, a new client in 记录拜访): who typed
    which number (masked), whether a live client had it, when — docs/design.md §Duplicate look-ups.
    Capped per user and hour by ``visits.services.phone_lookup_guard``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("查询人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.CharField(_("号码（隐藏）"), max_length=40)
    found = models.BooleanField(_("已被登记"), default=False)
    holder = models.ForeignKey(
        Client,
        verbose_name=_("登记该号码的客户"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("查询时间"))

    class Meta:
        verbose_name = _("号码查重记录")
        verbose_name_plural = _("号码查重记录")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.number} · {self.at:%Y-%m-%d %H:%M}"
