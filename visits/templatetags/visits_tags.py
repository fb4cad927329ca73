from django import template
from django.utils.html import format_html

from visits.masking import mask_phone
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
    """A client's phone number on a page: masked (138****5678), or — after the viewer revealed it
    with the one logged click the page offers (``phone_revealed`` in the context) — a tel: link."""
    if not number:
        return ""
    if context.get("phone_revealed"):
        return format_html('<a class="text-nowrap" href="tel:{}">{}</a>', number, number)
    return format_html('<span class="text-nowrap">{}</span>', mask_phone(number))
