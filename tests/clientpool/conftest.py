import datetime as dt

import pytest
from django.utils import timezone

from tests.visits.factories import ClientFactory, VisitFactory
from visits.models import Client


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def today(now):
    return timezone.localdate(now)


def day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


@pytest.fixture
def aged_client(salesperson, today):
    """A client registered ``days_ago`` days ago (local days), optionally last visited then."""

    def make(days_ago: int, *, visited_days_ago: int | None = None, owner=None, **kwargs):
        client = ClientFactory(salesperson=owner or salesperson, **kwargs)
        Client.objects.filter(pk=client.pk).update(
            created_at=day_start(today - dt.timedelta(days=days_ago))
        )
        if visited_days_ago is not None:
            VisitFactory(client=client, date=today - dt.timedelta(days=visited_days_ago))
        client.refresh_from_db()
        return client

    return make


@pytest.fixture
def pooled(aged_client):
    """Clients already in the team's pool."""

    def make(n: int = 1, **kwargs):
        from clientpool.services import pool_return

        clients = [aged_client(100, **kwargs) for _ in range(n)]
        pool_return()
        for c in clients:
            c.refresh_from_db()
            assert c.in_pool_since
        return clients

    return make
