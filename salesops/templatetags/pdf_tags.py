"""User-typed text in a PDF template, cut by ``salesops.pdf.clip``."""

from django import template

from salesops.pdf import PDF_CELL_MAX_CHARS, clip

register = template.Library()


@register.filter
def pdf_clip(text, limit=PDF_CELL_MAX_CHARS):
    """``{{ text|pdf_clip:200 }}``: at most ``limit`` characters, then "…（全文见 Excel）"."""
    return clip(text, int(limit))


@register.filter
def pdf_clip_system(text, limit=PDF_CELL_MAX_CHARS):
    """The same cut for a document with no Excel (the letter): "…（全文见系统）"."""
    return clip(text, int(limit), elsewhere="system")
