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
    # how many rows the frozen files hold (the download record and the board say it)
    rows = models.PositiveIntegerField(_("行数"), null=True, blank=True)

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


class DownloadRecord(models.Model):
    """One download (个人信息保护法: every download is on record): who took which file, of which
    team's data (none = every team), with which filters, how many rows, when. Written by
    ``reports.services.download_record`` from every view that hands out a file; never edited."""

    scope = ScopeSpec(team="team")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="downloads",
        verbose_name=_("下载人"),
    )
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("数据范围（团队）"),
    )
    what = models.CharField(_("内容"), max_length=200)
    kind = models.CharField(_("格式"), max_length=10)
    filters = models.CharField(_("范围与筛选"), max_length=300, blank=True)
    rows = models.PositiveIntegerField(_("行数"), null=True, blank=True)
    path = models.CharField(_("地址"), max_length=500)
    at = models.DateTimeField(_("时间"), db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("下载记录")
        verbose_name_plural = _("下载记录")

    def __str__(self) -> str:
        return f"{self.user} · {self.what} · {self.kind}"


class DataVersion(models.Model):
    """A counter per team (``key`` = the team's id; 0 = a change not tied to one team) that every
    write a report counts moves on (reports.freshness.touch, called from salesops.services.bump and
    the services that create counted rows). A cached report of a closed period is keyed by the
    counters of the teams in its scope, so any such write makes the next read fresh."""

    key = models.PositiveIntegerField(unique=True)
    n = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("报表数据版本")
        verbose_name_plural = _("报表数据版本")

    def __str__(self) -> str:
        return f"{self.key}: {self.n}"
