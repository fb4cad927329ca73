"""The problem log as a django-tables2 table (sortable, paginated)."""

import django_tables2 as tables
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from salesops.services import today

from .models import Problem

WIDE = {"th": {"class": "d-none d-md-table-cell"}, "td": {"class": "d-none d-md-table-cell"}}


class ProblemTable(tables.Table):
    title = tables.Column(verbose_name=_("问题"))
    status = tables.Column(verbose_name=_("状态"))
    severity = tables.Column(verbose_name=_("严重程度"), attrs=WIDE)
    category = tables.Column(verbose_name=_("类别"), attrs=WIDE)
    team = tables.Column(accessor="team__name", verbose_name=_("团队"), attrs=WIDE)
    handler = tables.Column(accessor="handler__full_name", verbose_name=_("处理人"))
    due_date = tables.DateColumn(verbose_name=_("处理期限"), format="Y-m-d")

    class Meta:
        model = Problem
        fields = ()
        sequence = ("title", "status", "severity", "category", "team", "handler", "due_date")
        order_by = ("due_date",)
        attrs = {"class": "table table-hover mb-0 bg-white"}
        empty_text = _("还没有问题记录。")

    def render_title(self, record):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("problems:problem_detail", args=[record.pk]),
            record.title,
        )

    def render_status(self, record):
        return render_to_string("problems/_status.html", {"p": record})

    def render_severity(self, record):
        return record.get_severity_display()

    def render_category(self, record):
        return record.get_category_display()

    def render_due_date(self, record, value):
        css = "text-danger fw-semibold" if record.is_overdue_on(today()) else ""
        return format_html('<span class="text-nowrap {}">{}</span>', css, f"{value:%Y-%m-%d}")
