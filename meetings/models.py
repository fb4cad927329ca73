"""The department's two meetings (docs/design.md §Meetings, procedure 4.1.2 and 4.2.1).

- 周例会 weekly meeting: date, attendees, minutes, and the key visits settled for the week it plans
  (最终确定下周客户拜访与回访的重点) — the key flags of those plan items are set from it;
- 战略经营会 monthly strategy meeting: date, attendees, minutes; the month's tasks are assigned from
  its page.

Models hold fields and constraints only; meetings/services.py performs every action.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scope_spec import ScopeSpec
from salesops import limits

MINUTES_MAX = limits.LONG


class WeeklyMeeting(models.Model):
    scope = ScopeSpec(team="team")

    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("团队"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("会议日期"))
    week_start = models.DateField(
        _("确定重点的周")
    )  # the Monday of the week whose plans it settles
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("参会人员"), related_name="weekly_meetings"
    )
    minutes = models.TextField(_("会议纪要"), max_length=MINUTES_MAX)
    key_items = models.ManyToManyField(
        "plans.VisitPlanItem",
        verbose_name=_("确定的重点拜访"),
        related_name="weekly_meetings",
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("周例会")
        verbose_name_plural = _("周例会")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "week_start"], name="one_weekly_meeting_per_team_week"
            )
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.date} 周例会"


class StrategyMeeting(models.Model):
    scope = ScopeSpec(team="team")

    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("团队"), on_delete=models.PROTECT, related_name="+"
    )
    month = models.DateField(_("月份"))  # the first day of the month
    date = models.DateField(_("会议日期"))
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("参会人员"), related_name="strategy_meetings"
    )
    minutes = models.TextField(_("会议纪要"), max_length=MINUTES_MAX)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("战略经营会")
        verbose_name_plural = _("战略经营会")
        ordering = ["-month", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "month"], name="one_strategy_meeting_per_team_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.month:%Y-%m} 战略经营会"
