import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .masking import mask_phone
from .models import Client, ClientStatus, Visit

S = ClientStatus
STATUS_COLORS = {
    S.PROSPECT: "secondary",
    S.VISITED: "info",
    S.NEEDS_ANALYZED: "info",
    S.REPORTED: "primary",
    S.PLAN_READY: "primary",
    S.REVISITED: "primary",
    S.CLOSING: "warning",
    S.ACCOUNT_OPENED: "success",
    S.FUNDED: "success",
    S.FAILED: "danger",
    S.DROPPED: "dark",
}


# columns a phone (below the sm breakpoint) leaves out; the name cell then carries the phone number
WIDE_ONLY = {"th": {"class": "d-none d-sm-table-cell"}, "td": {"class": "d-none d-sm-table-cell"}}
TEMPLATE = "visits/_table.html"


def status_badge(client) -> str:
    badge = format_html(
        '<span class="badge status-badge text-bg-{}">{}</span>',
        STATUS_COLORS.get(client.status, "secondary"),
        client.get_status_display(),
    )
    if getattr(client, "in_pool_since", None):  # in the team's pool (clientpool/)
        badge += format_html(' <span class="badge text-bg-dark">{}</span>', _("公海"))
    return badge


class ClientTable(tables.Table):
    name = tables.Column(verbose_name=_("客户"), attrs={"td": {"class": "text-nowrap"}})
    phone = tables.Column(verbose_name=_("联系电话"), attrs=WIDE_ONLY)
    status = tables.Column(verbose_name=_("状态"))
    salesperson = tables.Column(
        accessor="salesperson__full_name", verbose_name=_("营销人员"), attrs=WIDE_ONLY
    )
    visit_count = tables.Column(
        verbose_name=_("拜访次数"),
        attrs={"th": WIDE_ONLY["th"], "td": {"class": "d-none d-sm-table-cell text-end"}},
    )
    last_visit = tables.DateColumn(verbose_name=_("最近拜访"), format="m-d")
    revisit_due = tables.DateColumn(verbose_name=_("限期回访"), format="Y-m-d")

    class Meta:
        model = Client
        fields = [
            "name",
            "phone",
            "status",
            "salesperson",
            "visit_count",
            "last_visit",
            "revisit_due",
        ]
        attrs = {"class": "table table-hover table-cards align-middle mb-0 bg-white"}
        order_by = ("-last_visit",)
        empty_text = _("没有符合条件的客户。")
        template_name = TEMPLATE

    def __init__(self, *args, viewer=None, **kwargs):
        super().__init__(*args, **kwargs)
        # a list shows every number masked (visits.masking): the full one is one logged click on
        # the client's page
        self.viewer = viewer

    def render_name(self, record, value):
        return format_html(
            '<a href="{}">{}</a><div class="small text-secondary d-sm-none">{}</div>',
            reverse("visits:client_detail", args=[record.pk]),
            value,
            mask_phone(record.phone),
        )

    def render_phone(self, record, value):
        return mask_phone(value)

    def render_status(self, record):
        return status_badge(record)

    def render_revisit_due(self, record, value):
        if not value:
            return "—"
        css = "text-danger fw-semibold" if record.is_overdue else ""
        return format_html('<span class="{}">{}</span>', css, value.strftime("%Y-%m-%d"))


class VisitTable(tables.Table):
    date = tables.DateColumn(verbose_name=_("日期"), format="Y-m-d")
    client = tables.Column(
        linkify=("visits:client_detail", {"pk": tables.A("client_id")}), verbose_name=_("客户")
    )
    salesperson = tables.Column(accessor="salesperson__full_name", verbose_name=_("营销人员"))
    summary = tables.Column(verbose_name=_("拜访情况"), orderable=False, attrs=WIDE_ONLY)

    class Meta:
        model = Visit
        fields = ["date", "time", "client", "kind", "purpose", "salesperson", "summary"]
        attrs = {"class": "table table-hover table-cards align-middle mb-0 bg-white"}
        order_by = ("-date", "-time")
        empty_text = _("暂无拜访记录。")
        template_name = TEMPLATE

    def render_summary(self, value):
        return value if len(value) <= 40 else value[:40] + "…"
