from django import template

from proposals.models import AmountUnit

register = template.Library()


@register.filter
def proposal_amount(p) -> str:
    """¥2,000.00 for yuan; 5 分 (or 2.5 分) for points."""
    if p.unit == AmountUnit.YUAN:
        return f"¥{p.amount:,.2f}"
    return f"{p.amount.normalize():,f} {p.get_unit_display()}"
