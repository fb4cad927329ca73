"""Control characters and stray HTTP methods (docs/design.md §Bad input): 400 in a query string,
a form error on the field, 405 for TRACE — in the user's language, and nothing changes."""

import pytest

from problems.models import Problem
from salesops.badinput import query_has_control_characters


@pytest.mark.parametrize(
    "query, bad",
    [
        ("q=%00", True),
        ("q=a%01b", True),
        ("q=%1F", True),
        ("q=%7F", True),
        ("q=\x00", True),
        ("q=a%09b&r=%0D%0A", False),  # tab, CR and LF are text
        ("q=%E7%8E%8B%E8%8A%B3", False),  # 王芳
        ("q=a+b&page=2", False),
        ("", False),
    ],
)
def test_query_parser(query, bad):
    assert query_has_control_characters(query) is bad


def test_nul_in_a_query_string_is_400_with_the_reason(client_as, manager):
    response = client_as(manager).get("/visits/log/clients/?q=%00")
    assert response.status_code == 400
    assert "网址中含有不可见的控制字符" in response.content.decode()


def test_control_character_in_english(client_as, manager):
    response = client_as(manager).get("/visits/clients/?q=%01", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "control characters" in response.content.decode()


def test_anonymous_gets_400_not_500(client, db):
    assert client.get("/accounts/login/?next=%00").status_code == 400


@pytest.mark.parametrize("method", ["TRACE", "TRACK", "CONNECT"])
def test_trace_is_405(client, db, method):
    response = client.generic(method, "/accounts/login/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST, OPTIONS"


def test_control_character_in_a_form_field_is_a_field_error(client_as, salesperson):
    before = Problem.objects.count()
    response = client_as(salesperson).post(
        "/problems/new/",
        {"title": "客户\x01投诉", "category": "other", "severity": "medium"},
    )
    assert response.status_code == 400  # the form again, with the error beside the field
    assert "内容含有不可见的控制字符" in response.content.decode()
    assert Problem.objects.count() == before


def test_tab_and_newlines_stay_allowed():
    from salesops.badinput import control_characters_validator

    control_characters_validator("第一行\r\n第二行\t完")  # no error
