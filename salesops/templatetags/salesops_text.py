"""Long free text (visit notes, analyses, letters) shown shortened, with 展开 to read the rest."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

register = template.Library()

LIMIT = 300  # characters shown before 展开


@register.filter(needs_autoescape=True)
def expandable(value: Any, autoescape: bool = True) -> SafeString:
    """The text with its line breaks; over LIMIT characters, its start and a 展开 / 收起 toggle
    (a <details> element: no script, and the full text stays in the page for search and print)."""
    text = str(value or "")
    full = linebreaksbr(text, autoescape)
    if len(text) <= LIMIT:
        return full
    short = conditional_escape(text[:LIMIT].rstrip()) if autoescape else text[:LIMIT].rstrip()
    return format_html(
        '<details class="expandable"><summary><span class="expandable-short">{}…</span> '
        '<span class="expandable-open">{}</span><span class="expandable-close">{}</span>'
        "</summary><div>{}</div></details>",
        short,
        gettext("展开"),
        gettext("收起"),
        full,
    )
