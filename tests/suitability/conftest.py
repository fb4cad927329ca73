import datetime as dt

import pytest
from django.utils import timezone

from suitability.demo import ensure_questionnaire
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


@pytest.fixture(autouse=True)
def questionnaire(db):
    """The default questionnaire of the data migration (put back after a flushed database)."""
    return ensure_questionnaire()
