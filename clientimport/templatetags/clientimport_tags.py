from django import template

register = template.Library()


@register.filter
def field(row: dict, key: str) -> str:
    """A preview row's value by column key."""
    return str(row.get(key, "")) if isinstance(row, dict) else ""
