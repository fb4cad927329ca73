"""The HTML renderer: a django-tables2 table built from a report definition's columns."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .definitions import ReportDef
from .render import fmt, totals

ALIGN = {
    "int": "text-end",
    "hours": "text-end",
    "money": "text-end",
    "percent": "text-end",
    "date": "text-nowrap",
}


class FormattedColumn(tables.Column):
    def __init__(self, spec, total_value, **kwargs):
        self.spec = spec
        self.total_value = total_value
        css = ALIGN.get(spec.kind, "")
        super().__init__(
            verbose_name=spec.title,
            attrs={
                "td": {"class": css},
                "th": {"class": css},
                "tf": {"class": css + " fw-semibold"},
            },
            empty_values=(),
            **kwargs,
        )

    def render(self, value):
        return fmt(self.spec, value)

    def render_footer(self, bound_column, table):
        return fmt(self.spec, self.total_value) if self.total_value is not None else ""


def report_table(defn: ReportDef, rows: list[dict[str, Any]]) -> tables.Table:
    total = totals(defn, rows) or {}
    attrs = {}
    for c in defn.columns:
        attrs[c.key] = FormattedColumn(c, total.get(c.key))
    attrs["Meta"] = type(
        "Meta",
        (),
        {
            "attrs": {
                "class": "table table-sm table-hover table-bordered mb-0 bg-white report-table"
            },
            "empty_text": _("本期无数据"),
        },
    )
    table_class = type(f"{defn.code.title().replace('-', '')}Table", (tables.Table,), attrs)
    return table_class(rows)


class DownloadRecordTable(tables.Table):
    """下载记录, paged: every file handed out stays reachable, however many there are."""

    at = tables.DateTimeColumn(verbose_name=_("时间"), format="Y-m-d H:i", orderable=False)
    user = tables.Column(accessor="user__full_name", verbose_name=_("下载人"), orderable=False)
    what = tables.Column(verbose_name=_("内容"), orderable=False)
    kind = tables.Column(verbose_name=_("格式"), orderable=False)
    team = tables.Column(
        accessor="team__name",
        verbose_name=_("数据范围（团队）"),
        default=_("全部团队"),
        orderable=False,
    )
    filters = tables.Column(verbose_name=_("范围与筛选"), orderable=False)
    rows = tables.Column(
        verbose_name=_("行数"),
        default="—",
        orderable=False,
        attrs={"td": {"class": "text-end"}, "th": {"class": "text-end"}},
    )

    class Meta:
        attrs = {"class": "table table-sm align-middle", "id": "download-records"}
        empty_text = _("暂无下载记录。")

    def render_user(self, record: Any) -> str:
        return record.user.display_name
