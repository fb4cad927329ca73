"""Optimistic locking proven on PostgreSQL: two connections act on one client at once."""

import pytest
from django.utils import timezone
from django_fsm_log.models import StateLog

from tests.concurrency import race
from visits import services
from visits.models import Client, ClosingAttempt

from .factories import ClientFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
]


def test_two_people_closing_the_same_client_only_one_wins(salesperson, manager):
    client = ClientFactory(salesperson=salesperson, status="closing")
    ClosingAttempt.objects.create(
        client=client, team=client.team, salesperson=salesperson, started_on="2026-11-20"
    )
    version = client.version
    results = race(
        lambda: services.client_close_won(
            client=client,
            by=salesperson,
            date=client.created_at.date(),
            account_number="A1",
            expected_version=version,
        ),
        lambda: services.client_close_lost(
            client=client,
            by=manager,
            reason="fees",
            notes="费率",
            revisit_due=timezone.localdate(),
            expected_version=version,
        ),
    )
    outcomes = sorted(r[0] for r in results)
    assert outcomes == ["error", "ok"], results
    loser = next(r[1] for r in results if r[0] == "error")
    assert isinstance(loser, services.StaleVersion)
    assert StateLog.objects.for_(client).count() == 1
    final = Client.objects.get(pk=client.pk)
    assert final.status in ("account_opened", "failed")
    assert final.version == version + 1


def test_two_same_transitions_without_version_only_one_wins(salesperson, manager):
    client = ClientFactory(salesperson=salesperson, status="revisited")
    results = race(
        lambda: services.client_start_closing(client=client, by=salesperson),
        lambda: services.client_start_closing(client=client, by=manager),
    )
    assert sorted(r[0] for r in results) == ["error", "ok"], results
    assert isinstance(next(r[1] for r in results if r[0] == "error"), services.ServiceError)
    assert ClosingAttempt.objects.filter(client=client).count() == 1
    assert StateLog.objects.for_(client).count() == 1
