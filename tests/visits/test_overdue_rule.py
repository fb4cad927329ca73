"""The one overdue rule (限期二次回访): Client.objects.overdue(today=, through=) and Client.is_overdue
agree, at the boundary, for every state; the pages that show it use it (docs/design.md §Overdue:
a closed period counts a deadline on its last day; the running period not a deadline of today)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from visits.models import OVERDUE_STATES, Client, ClientStatus
from visits.queries import overdue_clients

DUE = {"yesterday": -1, "today": 0, "tomorrow": 1}


@pytest.mark.django_db
@pytest.mark.parametrize("status", ClientStatus.values)
@pytest.mark.parametrize("due", DUE)
def test_queryset_and_property_agree_at_the_boundary(make_client, status, due):
    today = timezone.localdate()
    client = make_client(status, revisit_due=today + dt.timedelta(days=DUE[due]))
    expected = status in OVERDUE_STATES and due == "yesterday"

    assert client.is_overdue is expected
    assert Client.objects.overdue(today=today).filter(pk=client.pk).exists() is expected
    # a running period (its last day today or later) is taken now: the same answer
    running = Client.objects.overdue(today=today, through=today + dt.timedelta(days=3))
    assert running.filter(pk=client.pk).exists() is expected


@pytest.mark.django_db
@pytest.mark.parametrize("status", OVERDUE_STATES)
def test_due_today_is_overdue_from_tomorrow(make_client, status):
    today = timezone.localdate()
    client = make_client(status, revisit_due=today)
    tomorrow = today + dt.timedelta(days=1)
    assert list(Client.objects.overdue(today=tomorrow)) == [client]


@pytest.mark.django_db
def test_no_due_date_is_never_overdue(make_client):
    client = make_client(ClientStatus.PLAN_READY, revisit_due=None)
    assert not client.is_overdue
    assert not Client.objects.overdue(today=timezone.localdate() + dt.timedelta(days=365)).exists()


@pytest.mark.django_db
def test_overdue_clients_leaves_out_archived_and_other_owners(
    make_client, salesperson, other_salesperson, manager
):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    mine = make_client(ClientStatus.FAILED, revisit_due=yesterday)
    make_client(ClientStatus.FAILED, revisit_due=yesterday, archived_at=timezone.now())
    make_client(ClientStatus.FAILED, revisit_due=yesterday, owner=other_salesperson)

    assert list(overdue_clients(salesperson)) == [mine]
    assert list(overdue_clients(manager)) == [mine]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("due", "red"), [("yesterday", True), ("today", False), ("tomorrow", False)]
)
def test_client_detail_is_red_only_once_overdue(client_as, make_client, salesperson, due, red):
    client = make_client(
        ClientStatus.PLAN_READY,
        revisit_due=timezone.localdate() + dt.timedelta(days=DUE[due]),
    )
    body = client_as(salesperson).get(reverse("visits:client_detail", args=[client.pk]))
    assert body.status_code == 200
    html = body.content.decode()
    due_date = f"{client.revisit_due:%Y-%m-%d}"
    marked = f'<span class="text-danger-emphasis fw-semibold">限期二次回访 {due_date}</span>'
    assert (marked in html) is red
    assert due_date in html


@pytest.mark.django_db
@pytest.mark.parametrize(("due", "red"), [("yesterday", True), ("today", False)])
def test_client_list_marks_only_overdue_due_dates(client_as, make_client, salesperson, due, red):
    client = make_client(
        ClientStatus.FAILED, revisit_due=timezone.localdate() + dt.timedelta(days=DUE[due])
    )
    html = client_as(salesperson).get(reverse("visits:client_list")).content.decode()
    marked = f'<span class="text-danger fw-semibold">{client.revisit_due:%Y-%m-%d}</span>'
    assert (marked in html) is red


@pytest.mark.django_db
def test_list_filter_splits_on_the_same_rule(client_as, make_client, salesperson):
    today = timezone.localdate()
    late = make_client(ClientStatus.FAILED, revisit_due=today - dt.timedelta(days=1), name="逾期甲")
    make_client(ClientStatus.FAILED, revisit_due=today, name="今天乙")
    make_client(ClientStatus.CLOSING, revisit_due=today - dt.timedelta(days=3), name="促单丙")
    c = client_as(salesperson)
    url = reverse("visits:client_list")
    only = c.get(url, {"overdue": "true"}).content.decode()
    rest = c.get(url, {"overdue": "false"}).content.decode()
    assert late.name in only and "今天乙" not in only and "促单丙" not in only
    assert late.name not in rest and "今天乙" in rest and "促单丙" in rest


@pytest.mark.django_db
@pytest.mark.parametrize("status", OVERDUE_STATES)
@pytest.mark.parametrize(("due", "counted"), [(-1, True), (0, True), (1, False)])
def test_a_closed_period_counts_a_deadline_on_its_last_day(make_client, status, due, counted):
    """A period that ended yesterday is taken at the end of its last day: a deadline on that day
    (or before) has passed; one of today has not (it is the next period's)."""
    today = timezone.localdate()
    last_day = today - dt.timedelta(days=1)
    client = make_client(status, revisit_due=last_day + dt.timedelta(days=due))
    closed = Client.objects.overdue(today=today, through=last_day)
    assert closed.filter(pk=client.pk).exists() is counted
