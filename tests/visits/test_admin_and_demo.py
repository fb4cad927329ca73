"""The admin cannot move the pipeline; the demo department is built through the services."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_fsm_log.models import StateLog

from accounts import demo as accounts_demo
from tests.factories import UserFactory
from visits import demo
from visits.models import ClientStatus, Deposit, Visit

from .factories import ClientFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return UserFactory(username="root", role="", team=None, is_superuser=True, is_staff=True)


def test_admin_cannot_change_status_directly(client_as, admin_user, salesperson):
    c = ClientFactory(salesperson=salesperson, status="closing")
    url = reverse("admin:visits_client_change", args=[c.pk])
    page = client_as(admin_user).get(url)
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()
    response = client_as(admin_user).post(
        url,
        {
            "name": "改名",
            "phone": c.phone,
            "source": "other",
            "team": c.team_id,
            "salesperson": salesperson.pk,
            "status": "funded",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    c.refresh_from_db()
    assert (c.name, c.status) == ("改名", "closing")
    assert c.version == 2  # an admin edit invalidates forms open elsewhere


def test_admin_cannot_add_visits_or_deposits(client_as, admin_user):
    c = client_as(admin_user)
    assert c.get(reverse("admin:visits_visit_add")).status_code == 403
    assert c.get(reverse("admin:visits_deposit_add")).status_code == 403


def test_admin_reactivate_action_goes_through_the_service(client_as, admin_user, salesperson):
    dropped = ClientFactory(salesperson=salesperson, status="dropped")
    closing = ClientFactory(salesperson=salesperson, status="closing")
    client_as(admin_user).post(
        reverse("admin:visits_client_changelist"),
        {"action": "reactivate_clients", "_selected_action": [dropped.pk, closing.pk]},
    )
    dropped.refresh_from_db()
    closing.refresh_from_db()
    assert (dropped.status, closing.status) == ("prospect", "closing")
    assert StateLog.objects.for_(dropped).get().transition == "reactivate"


def test_demo_clients_cover_every_state_consistently_and_idempotently(demo_department):
    from visits.models import Client

    clients = Client.objects.all()
    count = clients.count()
    assert 70 <= count <= 100
    assert set(clients.values_list("status", flat=True)) == set(ClientStatus.values)
    assert clients.filter(team__name=accounts_demo.TEAM_2).exists()
    today = timezone.localdate()
    assert not Visit.objects.filter(date__gt=today).exists()
    assert not Deposit.objects.filter(date__gt=today).exists()
    assert Visit.objects.filter(date__lte=today - dt.timedelta(days=49)).exists()
    assert clients.filter(status__in=["plan_ready", "failed"], revisit_due__lt=today).exists()
    # built through the services: each client's last logged transition lands on its status
    for c in clients.exclude(status="prospect"):
        last = StateLog.objects.for_(c).order_by("-pk").first()
        assert last is not None and last.state == c.status, c
    demo.build(accounts_demo.build())
    assert Client.objects.count() == count
