"""List and home pages cost the same number of queries for 5 clients as for 50."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .factories import ClientFactory, VisitFactory

pytestmark = pytest.mark.django_db

STATES = ["prospect", "visited", "reported", "plan_ready", "closing", "failed", "funded"]


def add_clients(n, salesperson, analyst, today):
    for i in range(n):
        status = STATES[i % len(STATES)]
        c = ClientFactory(
            salesperson=salesperson,
            analyst=analyst,
            status=status,
            revisit_due=today - dt.timedelta(days=2)
            if status in ("plan_ready", "failed")
            else None,
        )
        VisitFactory(client=c, date=today)


def queries_for(c, url):
    with CaptureQueriesContext(connection) as ctx:
        assert c.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize(
    ("role", "name"),
    [
        ("salesperson", "home"),
        ("salesperson", "visits:client_list"),
        ("salesperson", "visits:visit_list"),
        ("salesperson", "visits:visit_log"),
        ("analyst", "home"),
        ("analyst", "visits:client_list"),
        ("analyst", "visits:analyst_queue"),
        ("manager", "home"),
        ("manager", "visits:client_list"),
        ("manager", "visits:pipeline"),
    ],
)
def test_page_query_count_is_the_same_for_5_and_50_clients(
    client_as, salesperson, analyst, manager, today, role, name, django_assert_max_num_queries
):
    user = {"salesperson": salesperson, "analyst": analyst, "manager": manager}[role]
    c = client_as(user)
    url = reverse(name)
    add_clients(5, salesperson, analyst, today)
    with_5 = queries_for(c, url)
    add_clients(45, salesperson, analyst, today)
    with django_assert_max_num_queries(with_5):
        assert c.get(url).status_code == 200
