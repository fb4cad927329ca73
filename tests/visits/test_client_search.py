"""记录拜访 chooses the client by search-as-you-type; the page lists a bounded shortlist (also for
offline use) and still validates any chosen client server-side."""

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import VisitPlan, VisitPlanItem
from visits import queries
from visits.models import Visit

from .factories import ClientFactory, VisitFactory

pytestmark = pytest.mark.django_db
SEARCH = reverse("visits:client_search")
LOG = reverse("visits:visit_log")


def search(c, q):
    response = c.get(SEARCH, {"q": q})
    assert response.status_code == 200
    return response.json()["results"]


def test_search_finds_by_name_masks_numbers_and_stays_in_scope(
    client_as, salesperson, other_salesperson
):
    mine = ClientFactory(salesperson=salesperson, name="张三丰", phone="13812345678")
    ClientFactory(salesperson=other_salesperson, name="张三外队")
    ClientFactory(salesperson=salesperson, name="张三放弃", status="dropped")
    results = search(client_as(salesperson), "张三")
    assert [r["id"] for r in results] == [mine.pk]
    assert results[0]["phone"] == "138****5678"
    assert results[0]["purpose"] == "first"
    assert search(client_as(salesperson), "") == []
    # the owner may search by number (visits.masking)
    assert [r["id"] for r in search(client_as(salesperson), "1381234")] == [mine.pk]


def test_search_answers_at_most_twenty(client_as, salesperson):
    for i in range(25):
        ClientFactory(salesperson=salesperson, name=f"李{i}")
    assert len(search(client_as(salesperson), "李")) == queries.SEARCH_MATCHES == 20


def test_search_refuses_other_roles(client_as, analyst):
    assert client_as(analyst).get(SEARCH, {"q": "x"}).status_code == 403


def test_the_page_lists_the_shortlist_not_every_client(client_as, salesperson, today):
    for i in range(queries.SHORTLIST + 10):
        ClientFactory(salesperson=salesperson, name=f"客户{i:03d}")
    planned = ClientFactory(salesperson=salesperson, name="今天计划")
    plan = VisitPlan.objects.create(
        owner=salesperson,
        team=salesperson.team,
        horizon="week",
        period_start=today - dt.timedelta(days=today.weekday()),
        period_end=today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=6),
        status="approved",
    )
    VisitPlanItem.objects.create(plan=plan, date=today, client=planned, purpose="first")
    page = client_as(salesperson).get(LOG).content.decode()
    start = page.index('name="client"')
    chooser = page[start : page.index("</select>", start)]
    assert chooser.count("<option") == queries.SHORTLIST + 1  # and the 新客户 choice
    assert "今天计划" in chooser  # today's planned client is listed first
    assert 'id="client-search"' in page


def test_a_client_outside_the_shortlist_is_logged_and_one_out_of_scope_refused(
    client_as, salesperson, other_salesperson, today
):
    for _ in range(queries.SHORTLIST + 5):
        VisitFactory(client=ClientFactory(salesperson=salesperson), date=today)
    far = ClientFactory(salesperson=salesperson, name="很久没拜访")
    outsider = ClientFactory(salesperson=other_salesperson, name="外队")
    c = client_as(salesperson)
    assert "很久没拜访" not in c.get(LOG).content.decode()
    post = {
        "date": today.isoformat(),
        "time": "10:00",
        "kind": "onsite",
        "purpose": "first",
        "summary": "面谈",
    }
    response = c.post(LOG, {**post, "client": outsider.pk, "submission_key": str(uuid.uuid4())})
    assert response.status_code == 200
    assert not Visit.objects.filter(client=outsider).exists()
    response = c.post(LOG, {**post, "client": far.pk, "submission_key": str(uuid.uuid4())})
    assert response.status_code == 302, response.context["form"].errors
    assert Visit.objects.filter(client=far).count() == 1


def test_the_form_and_search_cost_the_same_for_many_clients(
    client_as, salesperson, today, django_assert_max_num_queries
):
    c = client_as(salesperson)
    for _ in range(3):
        VisitFactory(client=ClientFactory(salesperson=salesperson, name="王"), date=today)
    with CaptureQueriesContext(connection) as few_form:
        c.get(LOG)
    with CaptureQueriesContext(connection) as few_search:
        search(c, "王")
    for _ in range(60):
        VisitFactory(client=ClientFactory(salesperson=salesperson, name="王"), date=today)
    with django_assert_max_num_queries(len(few_form)):
        c.get(LOG)
    with django_assert_max_num_queries(len(few_search)):
        search(c, "王")
