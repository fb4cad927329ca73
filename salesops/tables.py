"""Table rows rendered fast: every list and report page draws its rows with django-tables2.

Two costs dominated those pages (cProfile, the benchmark's department, warm): django-tables2 asks
``inspect.signature`` of a column's ``render`` method for every cell it draws (≈40 % of a 50-row
report's time), and the stock row template resolves ``column.attrs.td`` and ``column.header`` again
for every cell. ``cache_signatures`` memoises the first per function; ``row_html`` (the
``{% table_row %}`` tag of ``templates/django_tables2/salesops.html``) builds each column's cell
opening once per table and the row in Python. The HTML is the same as the stock template's.

``utils.signature`` is django-tables2's internal helper, replaced here (no public hook exists):
pyproject.toml pins django-tables2 to the exact version locked, and
``tests/salesops/test_private_contracts.py`` fails loudly if the helper's contract changes.
"""

from __future__ import annotations

import functools
from typing import Any

from django.template.base import render_value_in_context
from django.templatetags.l10n import localize, unlocalize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe


def cache_signatures() -> None:
    """Memoise django-tables2's ``utils.signature`` by the underlying function: a bound method is
    a new object on every access, its function is not. Bounded, so a per-request lambda cannot
    grow it without limit."""
    from django_tables2 import utils

    if getattr(utils.signature, "cached", False):
        return
    original = utils.signature

    @functools.lru_cache(maxsize=2048)
    def by_function(fn: Any, bound: bool) -> tuple[tuple[str, ...], str | None]:
        # the bound method's signature drops ``self``; rebuild that from the function's
        args, keywords = original(fn)
        return (args[1:] if bound else args), keywords

    def signature(fn: Any) -> tuple[tuple[str, ...], str | None]:
        func = getattr(fn, "__func__", None)
        try:
            return by_function(func, True) if func is not None else by_function(fn, False)
        except TypeError:  # unhashable callable: ask every time, as the library does
            return original(fn)

    signature.cached = True  # type: ignore[attr-defined]
    utils.signature = signature


def _static_td(column: Any) -> bool:
    """A column whose data-cell attributes do not depend on the record (no callables)."""
    table_attrs = column._table.attrs
    own = column.column.attrs
    cell = own.get("td", own.get("cell", table_attrs.get("td", table_attrs.get("cell", {}))))
    return not any(callable(v) for v in dict(cell).values())


def row_html(row: Any, context: Any, *, labels: bool = False) -> SafeString:
    """One ``<tr>`` as the stock bootstrap5 template draws it (``data-label`` with the column's
    header when ``labels``: the phone layout's card rows)."""
    table = row.table
    openings: dict[str, str] = table.__dict__.setdefault("_td_openings", {})
    cells = []
    for column, cell in row.items():
        opening = openings.get(column.name)
        if opening is None:
            opening = format_html("<td {}", column.attrs["td"].as_html())
            if labels:
                opening += format_html(' data-label="{}"', column.header)
            opening += ">"
            if _static_td(column):
                openings[column.name] = opening
        if column.localize is None:
            value = render_value_in_context(cell, context)  # what ``{{ cell }}`` does
        elif column.localize:
            value = conditional_escape(localize(cell))
        else:
            value = conditional_escape(unlocalize(cell))
        cells.append(f"{opening}{value}</td>")
    return mark_safe(format_html("<tr {}>", row.attrs.as_html()) + "".join(cells) + "</tr>")
