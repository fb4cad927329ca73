from django import template
from django.utils.html import format_html

from visits.tables import STATUS_COLORS

register = template.Library()


@register.simple_tag
def status_badge(obj):
    return format_html(
        '<span class="badge status-badge text-bg-{}">{}</span>',
        STATUS_COLORS.get(obj.status, "secondary"),
        obj.get_status_display(),
    )


@register.filter
def yuan(value):
    """¥1,234,567.00 — money shown in yuan with thousands separators."""
    if value is None or value == "":
        return "—"
    return f"¥{value:,.2f}"
