import datetime as dt

import pytest
from django.utils import timezone

from .factories import ClientFactory


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def yesterday(today):
    return today - dt.timedelta(days=1)


@pytest.fixture
def make_client(salesperson):
    def make(status="prospect", owner=None, **kwargs):
        return ClientFactory(salesperson=owner or salesperson, status=status, **kwargs)

    return make


@pytest.fixture
def prospect(make_client):
    return make_client("prospect", name="张三")


@pytest.fixture
def other_client(other_salesperson):
    return ClientFactory(salesperson=other_salesperson, status="visited", name="外队客户")
