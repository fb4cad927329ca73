"""/healthz and /readyz: no login, no session, plain short answers; a clear reason per failing check."""

import re
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.db import OperationalError
from django.test import override_settings

LINE = re.compile(r"^(database|cache|storage): [a-z0-9 ]+$")


def test_healthz_answers_without_login_or_session(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    assert Session.objects.count() == 0


def test_readyz_all_ok(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content.decode().splitlines() == ["database: ok", "cache: ok", "storage: ok"]
    assert not response.cookies
    assert Session.objects.count() == 0


@override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["sales.example.com"])
def test_load_balancer_asks_by_address_over_http(client, db):
    # no host-name check, no HTTPS redirect: a load balancer probes http://10.0.0.5:8000/readyz
    for path in ("/healthz", "/readyz"):
        assert client.get(path, HTTP_HOST="10.0.0.5:8000").status_code == 200
    # every other page still refuses the unknown host
    assert client.get("/", HTTP_HOST="10.0.0.5:8000").status_code == 400


def test_only_get_and_head(client, db):
    assert client.post("/readyz").status_code == 405
    assert client.head("/healthz").status_code == 200


def _body(response):
    text = response.content.decode()
    assert all(LINE.match(line) for line in text.splitlines()), text  # nothing else is revealed
    return text


def test_database_down(client, db):
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("connection refused at 10.1.2.3"),
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    text = _body(response)
    assert "database: unreachable" in text
    assert "10.1.2.3" not in text


def test_migrations_not_applied(client, db):
    with mock.patch(
        "django.db.migrations.executor.MigrationExecutor.migration_plan",
        return_value=[("ops.0002", False), ("ops.0003", False)],
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert "database: 2 migrations not applied" in _body(response)


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
)
def test_cache_down(client, db):
    response = client.get("/readyz")
    assert response.status_code == 503
    text = _body(response)
    assert "cache: unreachable" in text
    assert "database: ok" in text and "storage: ok" in text  # one failure hides no other answer


def test_storage_down(client, db, settings, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocker / "media")},
        },
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    text = _body(response)
    assert "storage: unreachable" in text
    assert str(tmp_path) not in text


def test_storage_probe_leaves_nothing(client, db, settings):
    assert client.get("/readyz").status_code == 200
    assert not [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_logged_in_user_gets_the_same_answer(client, manager, path):
    client.force_login(manager)
    response = client.get(path)
    assert response.status_code == 200
    assert b"<" not in response.content  # plain text, no page


def test_object_store_down(client, db, settings):
    from salesops.settings import default_storage_from_env

    settings.STORAGES = {
        **settings.STORAGES,
        "default": default_storage_from_env(
            {
                "S3_BUCKET": "salesops-files",
                "S3_ENDPOINT_URL": "http://127.0.0.1:1",  # nothing listens on port 1
                "S3_ACCESS_KEY_ID": "key",
                "S3_SECRET_ACCESS_KEY": "secret",
                "S3_REGION": "us-east-1",
            }
        ),
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    text = _body(response)
    assert "storage: unreachable" in text and "127.0.0.1" not in text
