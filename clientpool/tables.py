"""The pool's log as a django-tables2 table, paged: every move stays reachable."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


class PoolLogTable(tables.Table):
    at = tables.DateTimeColumn(verbose_name=_("时间"), format="Y-m-d H:i", orderable=False)
    client = tables.Column(verbose_name=_("客户"), orderable=False)
    kind = tables.Column(verbose_name=_("变动"), orderable=False)
    salesperson = tables.Column(verbose_name=_("营销人员"), orderable=False)
    by = tables.Column(
        verbose_name=_("操作人"), default=_("系统（定时退回）"), orderable=False, empty_values=()
    )
    status = tables.Column(verbose_name=_("客户状态"), orderable=False)

    class Meta:
        attrs = {"class": "table table-sm table-cards align-middle", "id": "pool-log"}
        empty_text = _("暂无公海记录。")

    def render_client(self, record: Any) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("visits:client_detail", args=[record.client_id]),
            record.client.name,
        )

    def render_kind(self, record: Any) -> str:
        return record.get_kind_display()

    def render_salesperson(self, record: Any) -> str:
        return record.salesperson.display_name if record.salesperson else ""

    def render_by(self, record: Any) -> str:
        return record.by.display_name if record.by else _("系统（定时退回）")

    def render_status(self, record: Any) -> str:
        return record.status_label
