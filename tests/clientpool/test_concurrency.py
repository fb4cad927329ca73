"""Proven on PostgreSQL: two claims of one client, two claims past the limit, two returns at once."""

import pytest

from clientpool import services
from clientpool.models import PoolEvent
from tests.concurrency import race
from tests.visits.factories import ClientFactory
from visits.models import Client

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
]


def _pooled(owner, n=1):
    from django.utils import timezone

    return [
        ClientFactory(salesperson=owner, status="visited", in_pool_since=timezone.now())
        for _ in range(n)
    ]


def test_two_salespeople_claiming_one_client_only_one_gets_it(salesperson, salesperson2):
    (client,) = _pooled(salesperson)
    results = race(
        lambda: services.pool_claim(by=salesperson, clients=[client.pk]),
        lambda: services.pool_claim(by=salesperson2, clients=[client.pk]),
    )
    assert sorted(kind for kind, _ in results) == ["error", "ok"]
    assert PoolEvent.objects.filter(kind="claimed").count() == 1


def test_two_claims_at_once_cannot_pass_the_limit_together(salesperson, salesperson2, settings):
    settings.CLIENT_POOL_CLAIM_LIMIT = 1
    a, b = _pooled(salesperson, 2)
    results = race(
        lambda: services.pool_claim(by=salesperson2, clients=[a.pk]),
        lambda: services.pool_claim(by=salesperson2, clients=[b.pk]),
    )
    assert sorted(kind for kind, _ in results) == ["error", "ok"]
    assert Client.objects.filter(salesperson=salesperson2).count() == 1


def test_two_returns_at_once_move_each_client_once(salesperson):
    for _ in range(5):
        ClientFactory(salesperson=salesperson, status="dropped")
    results = race(services.pool_return, services.pool_return)
    assert all(kind == "ok" for kind, _ in results)
    assert sum(r.dropped for _, r in results) == 5
    assert PoolEvent.objects.count() == 5
