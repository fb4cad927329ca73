"""Text over 300 characters is shown shortened with 展开 (issue 10)."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from tests.visits.factories import ClientFactory, VisitFactory

pytestmark = pytest.mark.django_db


def render(text):
    return Template("{% load salesops_text %}{{ text|expandable }}").render(Context({"text": text}))


def test_short_text_is_shown_whole_with_its_line_breaks():
    assert render("第一行\n<b>第二行</b>") == "第一行<br>&lt;b&gt;第二行&lt;/b&gt;"


def test_long_text_shows_its_first_300_characters_and_展开():
    text = "甲" * 299 + "乙" + "丙" * 100
    html = render(text)
    short = html.split('class="expandable-short">')[1].split("</span>")[0]
    assert short == "甲" * 299 + "乙…"
    assert "展开" in html and "收起" in html
    assert "丙" * 100 in html  # the whole text is in the page, behind 展开


def test_long_text_is_escaped_in_both_parts():
    html = render("<script>x</script>" + "长" * 400)
    assert "<script>" not in html and html.count("&lt;script&gt;") == 2


def test_a_long_visit_summary_is_shortened_on_the_client_page(client_as, salesperson):
    c = ClientFactory(salesperson=salesperson, status="visited")
    VisitFactory(client=c, summary="详" * 500)
    body = client_as(salesperson).get(reverse("visits:client_detail", args=[c.pk]))
    assert '<details class="expandable">' in body.content.decode()
