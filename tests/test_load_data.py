"""The load harness's department (bench/load/data.py) at a tiny scale: consistent with the app's
rules — every task has its commitment letter, every client a unique valid mobile with its E.164 key,
closes/openings/deposits match the clients' statuses — and every role's home and the pages the load
journeys visit answer 200 on it (issue 16: the manager's home answered 500 on the benchmark's data)."""

import pytest
from django.test import Client as Browser
from django.urls import reverse

from bench.load.data import SUBMITTED_PLANS, build_department, phone
from salesops.phones import normalize_phone, phone_e164

pytestmark = pytest.mark.django_db


@pytest.fixture
def department():
    return build_department(0.2, clients=300, visits=900, weeks=2)


def test_department_is_consistent(department):
    from accounts.models import Role, User
    from plans.models import CommitmentLetter, SalesTask, VisitPlan
    from visits.models import AccountOpening, Client, Deposit, Visit

    assert department.teams == 2 and department.salespeople == 20
    assert Client.objects.count() == 300 and Visit.objects.count() == 900
    tasks = SalesTask.objects.count()
    assert tasks == User.objects.filter(role=Role.SALESPERSON).count() == 20
    assert CommitmentLetter.objects.count() == tasks
    assert not SalesTask.objects.filter(letter__isnull=True).exists()
    phones = list(Client.objects.values_list("phone", "phone_normalized"))
    assert len({p for p, _ in phones}) == len(phones)
    for number, key in phones[:50]:
        assert normalize_phone(number) == number and phone_e164(number) == key
    opened = Client.objects.filter(status__in=["account_opened", "funded"]).count()
    assert AccountOpening.objects.count() == opened
    assert Deposit.objects.count() == 2 * Client.objects.filter(status="funded").count()
    assert VisitPlan.objects.filter(status="submitted").count() == 20 * SUBMITTED_PLANS


def test_phones_stay_valid_and_unique_at_ten_times():
    numbers = [phone(i) for i in (0, 199_999, 10**8, 3 * 10**8 + 7)]
    assert len(set(numbers)) == 4
    assert all(normalize_phone(n) == n for n in numbers)


def test_every_role_s_pages_answer_on_the_department(department):
    from accounts.models import User

    pages = {
        "load-m0": ["home", "visits:client_list", "visits:pipeline", "plans:review_queue"],
        "load-s0": ["home", "visits:client_list", "visits:visit_log", "plans:plan_list"],
        "load-office": ["home", "reports:index"],
        "load-a0": ["home", "visits:client_list"],
        "load-leader": ["home", "visits:client_list"],
    }
    for username, names in pages.items():
        browser = Browser()
        browser.force_login(User.objects.get(username=username))
        for name in names:
            response = browser.get(reverse(name))
            assert response.status_code == 200, (username, name, response.status_code)


JOURNEY_PAGES = {
    "load-m0": ["home", "visits:client_list", "visits:pipeline", "plans:review_queue"],
    "load-s0": ["home", "visits:client_list", "visits:visit_log", "plans:plan_list"],
    "load-a0": ["home", "visits:client_list"],
    "load-leader": ["home", "visits:client_list"],
}


def _queries(browser, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert browser.get(reverse(name)).status_code == 200
    return len(ctx.captured_queries)


def test_journey_pages_query_count_does_not_grow_with_the_data(department):
    """The load journeys' pages: the same number of queries after the department's clients and
    visits grow (more clients and visits for every salesperson)."""
    import datetime as dt

    from django.utils import timezone

    from accounts.models import User
    from visits.models import Client, Visit

    browsers = {}
    for username in JOURNEY_PAGES:
        browsers[username] = Browser()
        browsers[username].force_login(User.objects.get(username=username))
        for name in JOURNEY_PAGES[username]:
            _queries(browsers[username], name)  # warm: sessions, caches
    before = {(u, n): _queries(browsers[u], n) for u, names in JOURNEY_PAGES.items() for n in names}
    people = list(User.objects.filter(username__startswith="load-s"))
    more = Client.objects.bulk_create(
        [
            Client(
                name=f"新客户{i}",
                phone=phone(10_000 + i),
                phone_normalized=f"+86{phone(10_000 + i)}",
                team_id=people[i % len(people)].team_id,
                salesperson=people[i % len(people)],
                status="visited",
            )
            for i in range(200)
        ]
    )
    today = timezone.localdate()
    Visit.objects.bulk_create(
        [
            Visit(
                client=c,
                salesperson_id=c.salesperson_id,
                team_id=c.team_id,
                date=today - dt.timedelta(days=i % 30),
                kind="invited",
                purpose="service",
            )
            for i, c in enumerate(more * 3)
        ]
    )
    after = {(u, n): _queries(browsers[u], n) for u, names in JOURNEY_PAGES.items() for n in names}
    assert after == before
