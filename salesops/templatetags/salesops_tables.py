"""``{% table_row row %}``: a django-tables2 row drawn in Python (salesops/tables.py)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from salesops import tables

register = template.Library()


@register.simple_tag(takes_context=True)
def table_row(context: Any, row: Any, labels: bool = False) -> SafeString:
    return tables.row_html(row, context, labels=labels)
