"""Training (docs/design.md §Training, procedure 3.3): sessions with attendance per person.

Models hold fields and constraints only; training/services.py performs every action.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.scope_spec import ScopeSpec
from salesops import limits

HOURS = {"max_digits": 4, "decimal_places": 1}


class TrainingSession(models.Model):
    """业务培训: one session the manager ran (or had someone run) for a team."""

    # a salesperson sees the sessions they were on the list of
    scope = ScopeSpec(team="team", owner="attendances__person")

    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("团队"),
        on_delete=models.PROTECT,
        related_name="training_sessions",
    )
    topic = models.CharField(_("培训主题"), max_length=100)
    date = models.DateField(_("培训日期"))
    hours = models.DecimalField(_("学时"), **HOURS)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("培训人"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    trainer_name = models.CharField(_("外部培训人"), max_length=limits.NAME, blank=True)
    material = models.TextField(_("培训资料"), blank=True, max_length=limits.LONG)
    material_file = models.FileField(_("资料文件"), upload_to="training/%Y/%m/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("培训记录")
        verbose_name_plural = _("培训记录")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="training_hours_positive")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.topic}"

    @property
    def trainer_display(self) -> str:
        return self.trainer.display_name if self.trainer_id else self.trainer_name


class Attendance(models.Model):
    """签到: one member of the session's team, present or absent."""

    scope = ScopeSpec(team="session__team", owner="person")

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("培训"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("人员"),
        on_delete=models.PROTECT,
        related_name="training_attendances",
    )
    attended = models.BooleanField(_("出勤"), default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("登记时间"))

    class Meta:
        verbose_name = _("培训出勤")
        verbose_name_plural = _("培训出勤")
        ordering = ["session", "person__username"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="one_attendance_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.session} {self.person}"
