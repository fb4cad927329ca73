"""salesops/tables.py draws django-tables2 rows in Python: the same HTML as the stock template,
and django-tables2's signature lookups memoised without changing what they answer."""

import re

import django_tables2 as tables
import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils.html import format_html
from django_tables2 import utils

from salesops.tables import row_html


def squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


STOCK_ROW = Template(
    "{% load l10n %}<tr {{ row.attrs.as_html }}>{% for column, cell in row.items %}"
    "<td {{ column.attrs.td.as_html }}>{% if column.localize == None %}{{ cell }}{% else %}"
    "{% if column.localize %}{{ cell|localize }}{% else %}{{ cell|unlocalize }}{% endif %}"
    "{% endif %}</td>{% endfor %}</tr>"
)
LABELLED_ROW = Template(
    "<tr {{ row.attrs.as_html }}>{% for column, cell in row.items %}"
    '<td {{ column.attrs.td.as_html }} data-label="{{ column.header }}">{{ cell }}</td>'
    "{% endfor %}</tr>"
)


class Sample(tables.Table):
    name = tables.Column(verbose_name="客户 <b>", attrs={"td": {"class": "text-nowrap"}})
    amount = tables.Column(localize=True)
    raw = tables.Column(localize=False)
    flag = tables.Column(attrs={"td": {"data-odd": lambda record: record["n"] % 2}})
    when = tables.DateColumn(format="Y-m-d")
    link = tables.Column(empty_values=())

    class Meta:
        row_attrs = {"data-n": lambda record: record["n"]}

    def render_link(self, record):
        return format_html('<a href="/x/{}/">&</a>', record["n"])


def rows():
    import datetime as dt
    from decimal import Decimal

    return [
        {
            "n": n,
            "name": f"<张{n}>",
            "amount": Decimal("12345.5") * n,
            "raw": 10000 + n,
            "flag": None,
            "when": dt.date(2026, 11, n + 1),
        }
        for n in range(4)
    ]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_rows_are_the_stock_templates_rows(language, settings):
    from django.utils import translation

    with translation.override(language):
        table = Sample(rows())
        ours = [row_html(row, Context({})) for row in table.rows]
        stock = [STOCK_ROW.render(Context({"row": row})) for row in Sample(rows()).rows]
        labelled = [row_html(row, Context({}), labels=True) for row in Sample(rows()).rows]
        stock_labelled = [LABELLED_ROW.render(Context({"row": r})) for r in Sample(rows()).rows]
    assert [squeeze(h) for h in ours] == [squeeze(h) for h in stock]
    assert [squeeze(h) for h in labelled] == [squeeze(h) for h in stock_labelled]
    # the record-dependent attribute is computed per row, not remembered from the first
    assert 'data-odd="0"' in ours[0] and 'data-odd="1"' in ours[1]
    assert "&lt;张0&gt;" in ours[0] and 'data-label="客户 &lt;b&gt;"' in labelled[0]


def test_signature_is_memoised_and_answers_as_before():
    class Thing:
        def method(self, record, value, **rest):
            return record

        def other(self, value):
            return value

    def plain(record, *args, bound_column=None):
        return record

    thing = Thing()
    assert utils.signature(thing.method) == (("record", "value"), "rest")
    assert utils.signature(Thing().method) == (("record", "value"), "rest")
    assert utils.signature(thing.other) == (("value",), None)
    assert utils.signature(plain) == (("record", "bound_column"), None)
    assert getattr(utils.signature, "cached", False)
    assert utils.call_with_appropriate(thing.other, {"value": 3, "record": 1}) == 3


def test_the_tag_draws_a_row(rf: RequestFactory):
    from salesops.templatetags.salesops_tables import table_row

    table = Sample(rows())
    html = table_row(Context({"request": rf.get("/")}), table.rows[0], labels=True)
    assert html.startswith('<tr data-n="0" class="even">') and html.endswith("</tr>")
