"""Who owns a client, and who read its number (docs/design.md §Ownership and transfers,
§Privacy and masking).

A client moves to another salesperson only by a ClientTransfer request that a manager of its team
approves; every full phone number read on a page is a PhoneReveal on record. Models hold fields and
constraints only; ownership/services.py acts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scope_spec import ScopeSpec
from salesops import limits


class TransferState(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("已驳回")


class ClientTransfer(models.Model):
    """A request to move a client from its salesperson to another one of the team."""

    # a salesperson sees the requests about the clients they own (or owned, when it was asked)
    scope = ScopeSpec(team="team", owner="from_salesperson")

    client = models.ForeignKey(
        "visits.Client", verbose_name=_("客户"), on_delete=models.PROTECT, related_name="transfers"
    )
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("团队"), on_delete=models.PROTECT, related_name="+"
    )
    from_salesperson = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("原营销人员"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_salesperson = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接手营销人员"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField(_("转移原因"), max_length=limits.REASON)
    state = models.CharField(
        _("状态"), max_length=10, choices=TransferState.choices, default=TransferState.PENDING
    )
    requested_at = models.DateTimeField(_("申请时间"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.CharField(_("审批意见"), max_length=limits.SHORT, blank=True)

    class Meta:
        verbose_name = _("客户转移申请")
        verbose_name_plural = _("客户转移申请")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["team", "state"])]
        constraints = [
            # one open request per client: a second one waits until the first is decided
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(state="pending"),
                name="client_transfer_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.client} → {self.to_salesperson}"


class PhoneReveal(models.Model):
    """Full numbers shown to a user: one client's on a page (the 显示号码 click), or a file that
    holds ``numbers`` of them (one record per file, ``file`` says which; no client): who, when."""

    scope = ScopeSpec(team="client__team", owner="client__salesperson")

    client = models.ForeignKey(
        "visits.Client",
        verbose_name=_("客户"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    numbers = models.PositiveIntegerField(_("号码个数"), default=1)
    file = models.CharField(_("文件"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("查看人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("查看时间"))

    class Meta:
        verbose_name = _("号码查看记录")
        verbose_name_plural = _("号码查看记录")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["client", "at"]), models.Index(fields=["user", "at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.client or self.file} · {self.at:%Y-%m-%d %H:%M}"
