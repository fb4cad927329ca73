import datetime as dt

import pytest
from django.utils import timezone

from tests.visits.factories import ClientFactory


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def reported(salesperson, today):
    """A client reported to the manager, waiting for the analyst's plan."""
    return ClientFactory(salesperson=salesperson, status="reported", reported_on=today)


@pytest.fixture
def due(today):
    return today + dt.timedelta(days=7)
