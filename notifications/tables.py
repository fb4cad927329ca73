"""The mails the system sent (or tried): django-tables2 tables for the office's page."""

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .messages import site_title
from .models import Delivery, ScheduledMail

WIDE = {"th": {"class": "d-none d-sm-table-cell"}, "td": {"class": "d-none d-sm-table-cell"}}
CSS = {"sent": "success", "failed": "danger", "sending": "info", "pending": "secondary"}


def _status(record) -> str:
    return format_html(
        '<span class="badge text-bg-{}">{}</span>',
        CSS.get(record.status, "secondary"),
        record.get_status_display(),
    )


class OfficeMailTable(tables.Table):
    """Mails to the office's mailbox (notifications.reports_mail): when, to, subject, attachments,
    status and the last error."""

    when = tables.DateTimeColumn(
        accessor="created_at", verbose_name=_("时间"), format="Y-m-d H:i", order_by="created_at"
    )
    address = tables.Column(verbose_name=_("收件人"), attrs=WIDE)
    title = tables.Column(verbose_name=_("主题"), empty_values=())
    attachments = tables.Column(verbose_name=_("附件"), orderable=False, empty_values=())
    status = tables.Column(verbose_name=_("状态"))
    sent_at = tables.DateTimeColumn(verbose_name=_("发送时间"), format="Y-m-d H:i", attrs=WIDE)
    error = tables.Column(verbose_name=_("错误"), orderable=False)

    class Meta:
        model = ScheduledMail
        fields = ()
        sequence = ("when", "address", "title", "attachments", "status", "sent_at", "error")
        attrs = {"class": "table table-hover table-cards align-middle mb-0 bg-white"}
        empty_text = _("还没有发送过邮件。")
        template_name = "visits/_table.html"

    def render_title(self, record):
        return record.title or f"{record.kind} · {record.period}"

    def render_attachments(self, record):
        if not record.attachments:
            return _("无附件")
        return format_html_join(
            "", '<div class="small text-break">{}</div>', ((name,) for name in record.attachments)
        )

    def render_status(self, record):
        return _status(record)


class DeliveryTable(tables.Table):
    """Notifications sent to people by e-mail or a team robot."""

    when = tables.DateTimeColumn(
        accessor="created_at", verbose_name=_("时间"), format="Y-m-d H:i", order_by="created_at"
    )
    recipient = tables.Column(
        accessor="notification__recipient__full_name", verbose_name=_("收件人"), empty_values=()
    )
    channel = tables.Column(verbose_name=_("渠道"), attrs=WIDE)
    subject = tables.Column(
        accessor="notification__kind", verbose_name=_("主题"), orderable=False, empty_values=()
    )
    status = tables.Column(verbose_name=_("状态"))
    sent_at = tables.DateTimeColumn(verbose_name=_("发送时间"), format="Y-m-d H:i", attrs=WIDE)
    error = tables.Column(verbose_name=_("错误"), orderable=False)

    class Meta:
        model = Delivery
        fields = ()
        sequence = ("when", "recipient", "channel", "subject", "status", "sent_at", "error")
        attrs = {"class": "table table-hover table-cards align-middle mb-0 bg-white"}
        empty_text = _("还没有发送过通知。")
        template_name = "visits/_table.html"

    def render_recipient(self, record):
        person = record.notification.recipient
        return f"{person.display_name} <{person.email}>" if person.email else person.display_name

    def render_subject(self, record):
        return site_title(record.notification)

    def render_status(self, record):
        return _status(record)
