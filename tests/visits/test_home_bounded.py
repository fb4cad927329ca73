"""The home page does not grow with the day's visits: a bounded list and a link to the rest."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from visits import queries

from .factories import ClientFactory, VisitFactory

pytestmark = pytest.mark.django_db


def visits_today(n, salesperson, today):
    for _ in range(n):
        VisitFactory(client=ClientFactory(salesperson=salesperson, name="今日客户"), date=today)


@pytest.mark.parametrize("role", ["salesperson", "manager"])
def test_home_is_the_same_size_and_cost_for_3_and_40_visits_today(
    request, client_as, salesperson, today, role
):
    c = client_as(request.getfixturevalue(role))
    visits_today(3, salesperson, today)
    with CaptureQueriesContext(connection) as few:
        small = c.get(reverse("home")).content.decode()
    visits_today(40, salesperson, today)
    with CaptureQueriesContext(connection) as many:
        big = c.get(reverse("home")).content.decode()
    assert len(many) <= len(few)
    assert big.count("今日客户") <= queries.HOME_LIST
    assert len(big) - len(small) < 2000  # a count and a link, not forty more rows


def test_salesperson_home_links_to_the_rest_of_the_day(client_as, salesperson, today):
    visits_today(queries.HOME_LIST + 2, salesperson, today)
    page = client_as(salesperson).get(reverse("home")).content.decode()
    assert f"date_from={today:%Y-%m-%d}" in page
    assert f"查看今天全部 {queries.HOME_LIST + 2} 次拜访" in page
