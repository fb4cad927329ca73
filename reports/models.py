from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scope_spec import ScopeSpec


class Submission(models.Model):
    """A report submitted to the office (第5条 及时准确上报): frozen copies of its .xlsx and PDF as they
    were at that moment. A resubmission adds a row; the newest one counts, the old ones are kept."""

    scope = ScopeSpec(team="team")

    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("团队"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    code = models.CharField(_("报表"), max_length=30)
    period_key = models.CharField(_("期间"), max_length=10)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("上报时间"))
    due_at = models.DateTimeField(_("截止时间"))
    xlsx = models.FileField(upload_to="submissions/%Y/%m/")
    pdf = models.FileField(upload_to="submissions/%Y/%m/")
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    acknowledged_at = models.DateTimeField(_("签收时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("报表上报")
        verbose_name_plural = _("报表上报")
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["team", "code", "period_key"])]

    def __str__(self) -> str:
        return f"{self.team} {self.code} {self.period_key}"

    @property
    def on_time(self) -> bool:
        return self.submitted_at <= self.due_at
