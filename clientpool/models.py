"""The team's client pool (公海): the log of every client that entered or left it.

Whether a client is in the pool is ``visits.Client.in_pool_since`` (its ``salesperson`` is then its
last owner, who no longer sees it); this app's services move clients in and out and log each move.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scope_spec import ScopeSpec


class PoolEventKind(models.TextChoices):
    RETURNED_IDLE = "returned_idle", _("超期未拜访退回公海")
    RETURNED_DROPPED = "returned_dropped", _("放弃后退回公海")
    ASSIGNED = "assigned", _("经理分配")
    CLAIMED = "claimed", _("营销人员领取")


RETURNS = (PoolEventKind.RETURNED_IDLE, PoolEventKind.RETURNED_DROPPED)
TAKES = (PoolEventKind.ASSIGNED, PoolEventKind.CLAIMED)


class PoolEvent(models.Model):
    """One move of a client into or out of the team's pool: who, when, from whom, to whom."""

    scope = ScopeSpec(team="team")

    client = models.ForeignKey(
        "visits.Client",
        verbose_name=_("客户"),
        on_delete=models.PROTECT,
        related_name="pool_events",
    )
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("团队"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("变动"), max_length=20, choices=PoolEventKind.choices)
    at = models.DateTimeField(_("时间"))
    # who acted: None for the scheduled return (return_to_pool)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    # the owner it left (a return) or the owner it went to (an assignment or a claim)
    salesperson = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("营销人员"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(_("客户状态"), max_length=20)

    class Meta:
        verbose_name = _("公海记录")
        verbose_name_plural = _("公海记录")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["team", "at"]),
            models.Index(fields=["client", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.client} {self.get_kind_display()}"

    @property
    def status_label(self) -> str:
        from visits.models import ClientStatus

        return str(ClientStatus(self.status).label) if self.status in ClientStatus.values else ""
