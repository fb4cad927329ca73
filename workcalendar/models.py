"""The mainland China working calendar: which days differ from Monday–Friday, and which years are loaded.

A day not listed follows the week (Monday–Friday work, Saturday and Sunday rest). A listed day says
whether it is worked: a statutory holiday (is_working_day False) or a make-up working weekend 调休
(is_working_day True). A year is known only once it is loaded (``WorkCalendarYear``); reports warn
about a period in a year that is not.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkCalendarYear(models.Model):
    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.CharField(_("来源"), max_length=100, blank=True)
    loaded_at = models.DateTimeField(_("载入时间"), auto_now=True)

    class Meta:
        verbose_name = _("已载入的年份")
        verbose_name_plural = _("已载入的年份")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class WorkCalendarDay(models.Model):
    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(_("工作日"))
    name = models.CharField(_("名称"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"
