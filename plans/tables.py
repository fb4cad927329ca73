"""The plan list as a django-tables2 table (sortable, paginated)."""

import django_tables2 as tables
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from salesops import clock

from .models import VisitPlan

NUM = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}


class PlanTable(tables.Table):
    owner = tables.Column(accessor="owner__full_name", verbose_name=_("营销人员"))
    horizon = tables.Column(verbose_name=_("类型"))
    period_start = tables.Column(verbose_name=_("期间"), attrs={"td": {"class": "text-nowrap"}})
    status = tables.Column(verbose_name=_("状态"))
    item_count = tables.Column(verbose_name=_("安排"), attrs=NUM)
    done_count = tables.Column(verbose_name=_("已完成"), attrs=NUM)
    key_count = tables.Column(verbose_name=_("重点"), attrs=NUM)
    submitted_at = tables.DateTimeColumn(
        verbose_name=_("提交时间"),
        format="m-d H:i",
        attrs={
            "th": {"class": "d-none d-md-table-cell"},
            "td": {"class": "d-none d-md-table-cell"},
        },
    )

    class Meta:
        model = VisitPlan
        fields = ()
        sequence = (
            "owner",
            "horizon",
            "period_start",
            "status",
            "item_count",
            "done_count",
            "key_count",
            "submitted_at",
        )
        order_by = ("-period_start",)
        attrs = {"class": "table table-hover table-cards mb-0 bg-white"}
        template_name = "visits/_table.html"  # the phone's card layout (data-label on each cell)
        empty_text = _("还没有方案。")

    def render_period_start(self, record):
        end = "" if record.period_end == record.period_start else f" — {record.period_end:%m-%d}"
        return format_html(
            '<a href="{}">{}{}</a>',
            reverse("plans:plan_detail", args=[record.pk]),
            # the year only when it is not this one keeps the column narrow on a phone
            f"{record.period_start:%m-%d}"
            if record.period_start.year == clock.today().year
            else f"{record.period_start:%Y-%m-%d}",
            end,
        )

    def render_status(self, record):
        return render_to_string("plans/_status.html", {"obj": record})

    def render_horizon(self, record):
        return record.get_horizon_display()
