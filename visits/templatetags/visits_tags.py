from django import template
from django.utils.html import format_html

from visits.masking import masks_phones, phone_for
from visits.tables import status_badge as client_status_badge

register = template.Library()


@register.simple_tag
def status_badge(obj):
    return client_status_badge(obj)


@register.filter
def yuan(value):
    """¥1,234,567.00 — money shown in yuan with thousands separators."""
    if value is None or value == "":
        return "—"
    return f"¥{value:,.2f}"


@register.simple_tag(takes_context=True)
def phone(context, number):
    """A client's phone number as the viewer may see it: a tel: link, or masked (138****5678)."""
    user = context.get("user")
    if not number:
        return ""
    if masks_phones(user):
        return format_html('<span class="text-nowrap">{}</span>', phone_for(user, number))
    return format_html('<a href="tel:{}">{}</a>', number, number)
