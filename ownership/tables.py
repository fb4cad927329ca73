"""Transfer requests as a django-tables2 table (the phone's card layout of visits/_table.html)."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.scoping import can_see
from visits.masking import mask_name

from .models import ClientTransfer

WIDE = {"th": {"class": "d-none d-sm-table-cell"}, "td": {"class": "d-none d-sm-table-cell"}}


class TransferTable(tables.Table):
    client = tables.Column(accessor="client__name", verbose_name=_("客户"))
    from_salesperson = tables.Column(
        accessor="from_salesperson__full_name", verbose_name=_("原营销人员")
    )
    to_salesperson = tables.Column(accessor="to_salesperson__full_name", verbose_name=_("接手"))
    state = tables.Column(verbose_name=_("状态"))
    requested_at = tables.DateTimeColumn(verbose_name=_("申请时间"), format="Y-m-d H:i", attrs=WIDE)
    decided_by = tables.Column(
        accessor="decided_by__full_name", verbose_name=_("审批人"), attrs=WIDE
    )

    class Meta:
        model = ClientTransfer
        fields = ()
        sequence = (
            "client",
            "from_salesperson",
            "to_salesperson",
            "state",
            "requested_at",
            "decided_by",
        )
        attrs = {"class": "table table-hover table-cards align-middle mb-0 bg-white"}
        empty_text = _("还没有转移申请。")
        template_name = "visits/_table.html"

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self._seen: dict[int, bool] = {}

    def _sees(self, record) -> bool:
        """A requester of another team sees the client masked (docs/design.md §Privacy and masking)."""
        if record.client_id not in self._seen:
            self._seen[record.client_id] = self.user is not None and can_see(
                self.user, record.client
            )
        return self._seen[record.client_id]

    def render_from_salesperson(self, record):
        name = record.from_salesperson.display_name
        return name if self._sees(record) else mask_name(name)

    def render_client(self, record):
        if not self._sees(record):
            return mask_name(record.client.name)
        return format_html(
            '<a href="{}">{}</a>',
            reverse("visits:client_detail", args=[record.client_id]),
            record.client.name,
        )

    def render_state(self, record):
        css = {"pending": "warning", "approved": "success", "rejected": "secondary"}
        return format_html(
            '<span class="badge text-bg-{}">{}</span>',
            css.get(record.state, "secondary"),
            record.get_state_display(),
        )
