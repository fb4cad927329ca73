"""Client.last_visit_on and visit_total, denormalised from the live visits, stay right after every
write path that adds or archives a visit (README "Performance")."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from tests.factories import UserFactory
from visits import services
from visits.models import Client, Visit

from .factories import ClientFactory, VisitFactory

pytestmark = pytest.mark.django_db


def summary(client):
    client.refresh_from_db()
    return client.last_visit_on, client.visit_total


def log(client, by, day, purpose="first"):
    return services.visit_log(client=client, by=by, date=day, kind="onsite", purpose=purpose)


def test_visit_log_sets_the_last_visit_and_count(prospect, salesperson, today, yesterday):
    assert summary(prospect) == (None, 0)
    log(prospect, salesperson, yesterday)
    assert summary(prospect) == (yesterday, 1)
    log(prospect, salesperson, today, purpose="service")
    assert summary(prospect) == (today, 2)
    # a visit logged late, for an earlier day, counts but does not move the last visit back
    log(prospect, salesperson, today - dt.timedelta(days=5), purpose="service")
    assert summary(prospect) == (today, 3)


def test_a_refused_visit_changes_nothing(prospect, salesperson, today):
    with pytest.raises(services.ServiceError, match="该客户尚未初访，本次拜访目的应为「初访」"):
        log(prospect, salesperson, today, purpose="plan_revisit")
    assert summary(prospect) == (None, 0)


def test_visit_log_new_client_sets_the_summary(salesperson, today):
    visit = services.visit_log_new_client(
        by=salesperson, name="新客户甲", date=today, kind="onsite", purpose="first"
    )
    assert summary(visit.client) == (today, 1)


def test_archiving_a_visit_in_the_admin_recounts(client_as, salesperson, today, yesterday):
    c = ClientFactory(salesperson=salesperson, status="visited")
    VisitFactory(client=c, date=yesterday)
    newest = VisitFactory(client=c, date=today)
    assert summary(c) == (today, 2)
    admin = UserFactory(username="root", role="", team=None, is_superuser=True, is_staff=True)
    response = client_as(admin).post(
        reverse("admin:visits_visit_change", args=[newest.pk]),
        {
            "time": "10:00",
            "kind": "onsite",
            "summary": "面谈",
            "archived_at_0": today.isoformat(),
            "archived_at_1": "12:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert summary(c) == (yesterday, 1)


def test_the_data_migration_fills_from_live_visits(salesperson, today, yesterday):
    c = ClientFactory(salesperson=salesperson, status="visited")
    VisitFactory(client=c, date=yesterday)
    archived = VisitFactory(client=c, date=today)
    Visit.objects.filter(pk=archived.pk).update(archived_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    Client.objects.update(last_visit_on=None, visit_total=0)
    migration = importlib.import_module("visits.migrations.0005_client_last_visit")
    migration.fill(apps, None)
    assert summary(c) == (yesterday, 1)


def test_the_client_list_shows_and_sorts_by_the_last_visit(
    client_as, salesperson, today, yesterday
):
    old = ClientFactory(salesperson=salesperson, status="visited", name="较早客户")
    VisitFactory(client=old, date=today - dt.timedelta(days=30))
    new = ClientFactory(salesperson=salesperson, status="visited", name="最近客户")
    VisitFactory(client=new, date=yesterday)
    VisitFactory(client=new, date=yesterday)
    page = client_as(salesperson).get(reverse("visits:client_list")).content.decode()
    assert page.index("最近客户") < page.index("较早客户")
    assert yesterday.strftime("%m-%d") in page
    page = client_as(salesperson).get(reverse("visits:client_list") + "?sort=last_visit")
    body = page.content.decode()
    assert body.index("较早客户") < body.index("最近客户")
