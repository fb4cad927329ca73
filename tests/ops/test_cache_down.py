"""A cache that is down degrades to computing the page (salesops/cache.py): every page that answers
200 with a working cache answers 200 with the cache pointed at a closed port, quickly, and /readyz
still says why."""

import logging
import time

import pytest
from django.core.cache import cache
from django.test import override_settings

from accounts.models import User
from salesops import cache as resilient

CLOSED = {
    "default": {
        "BACKEND": "salesops.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}

# the pages that read the shared cache (report tables of closed periods, the dashboards' trend)
# and the homes of every role
PAGES = {
    "zhangym": [
        "/",
        "/reports/",
        "/reports/weekly-sales/",
        "/reports/monthly-sales/",
        "/reports/target-clients/",
        "/visits/clients/",
    ],
    "liuzg": ["/", "/reports/", "/reports/weekly-sales/", "/reports/target-clients/"],
    "zhengxin": ["/", "/reports/", "/reports/submissions/", "/reports/weekly-work/"],
    "wangfang": ["/", "/visits/clients/", "/visits/log/"],
    "zhoumin": ["/"],
}


@pytest.fixture(autouse=True)
def _forget_failures():
    resilient.reset()
    yield
    resilient.reset()


def _statuses(client_as):
    seen = {}
    for username, paths in PAGES.items():
        browser = client_as(User.objects.get(username=username))
        for path in paths:
            response = browser.get(path, follow=True)
            seen[(username, path)] = response.status_code
    return seen


def test_every_page_answers_without_the_cache(demo_department, client_as):
    with_cache = _statuses(client_as)
    assert set(with_cache.values()) == {200}, with_cache
    cache.clear()
    with override_settings(CACHES=CLOSED):
        started = time.monotonic()
        without = _statuses(client_as)
        elapsed = time.monotonic() - started
    assert without == with_cache
    # one timeout opens the breaker: the other pages do not wait for Redis again
    assert elapsed < 15, elapsed


def test_breaker_logs_once_and_readyz_says_why(client, db, caplog):
    with override_settings(CACHES=CLOSED), caplog.at_level(logging.ERROR, "salesops.cache"):
        from django.core.cache import cache as down

        assert down.get("x", "fallback") == "fallback"
        down.set("x", 1)
        assert down.get("x") is None
        response = client.get("/readyz")
    assert [r.message for r in caplog.records].count(caplog.records[0].message) == 1
    assert "cache unreachable" in caplog.records[0].message
    assert response.status_code == 503
    assert "cache: unreachable" in response.content.decode()


def test_a_working_redis_still_caches(db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "salesops.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/14",
            "KEY_PREFIX": "resilient-test",
        }
    }
    from django.core.cache import cache as live

    live.set("answer", 42, 30)
    if live.last_error:
        pytest.skip(f"no Redis here: {live.last_error}")
    assert live.get("answer") == 42
    assert live.add("answer", 1) is False
    live.delete("answer")
    assert live.get("answer") is None
