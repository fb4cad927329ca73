"""A request id on every request and every log line; JSON lines when DJANGO_LOG_JSON=1."""

import io
import itertools
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from django.http import HttpResponse

from ops.logging import JsonFormatter, RequestIdFilter, request_id_var
from ops.middleware import RequestIdMiddleware

ROOT = Path(__file__).resolve().parents[2]


def test_every_response_carries_a_request_id(client, db):
    first = client.get("/accounts/login/")["X-Request-ID"]
    second = client.get("/accounts/login/")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_the_proxy_request_id_is_kept_when_plain(client, db):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="7f3a9c2e1b0d4e5f")
    assert response["X-Request-ID"] == "7f3a9c2e1b0d4e5f"


def test_a_crafted_request_id_is_replaced(client, db):
    for crafted in ('x" injected="1', "a" * 65, "line\nbreak", "中文"):
        response = client.get("/healthz", HTTP_X_REQUEST_ID=crafted)
        assert response["X-Request-ID"] != crafted
        assert len(response["X-Request-ID"]) == 32


def _capture():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("tests.ops.capture")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return logger, handler, stream


def test_every_line_written_during_a_request_has_its_id(rf):
    logger, handler, stream = _capture()

    def view(request):
        logger.warning("inside %s", "the view", extra={"client_id": 42})
        return HttpResponse("ok")

    try:
        request = rf.get("/x", HTTP_X_REQUEST_ID="req-123")
        RequestIdMiddleware(view)(request)
        logger.warning("after the request")
    finally:
        logger.removeHandler(handler)
    inside, after = (json.loads(line) for line in stream.getvalue().splitlines())
    assert inside["request_id"] == "req-123"
    assert inside["message"] == "inside the view"
    assert inside["level"] == "WARNING" and inside["logger"] == "tests.ops.capture"
    assert inside["client_id"] == 42
    assert inside["time"].endswith("+00:00")
    assert after["request_id"] == "-"  # the id ends with its request
    assert request_id_var.get() == "-"


def test_a_traceback_stays_inside_its_json_line():
    logger, handler, stream = _capture()
    try:
        try:
            raise ValueError("boom")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    (line,) = stream.getvalue().splitlines()
    entry = json.loads(line)
    assert "ValueError: boom" in entry["exc_info"]


def test_settings_switch_to_json_lines():
    env = {
        **os.environ,
        "DJANGO_LOG_JSON": "1",
        "DJANGO_SERVER_NAME": "app-b",
        "DJANGO_SETTINGS_MODULE": "salesops.settings_test",
    }
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('django.request').error('Not Found: /x', extra={'status_code': 404})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    (line,) = result.stderr.strip().splitlines()
    entry = json.loads(line)
    assert entry["message"] == "Not Found: /x"
    assert entry["request_id"] == "-" and entry["server"] == "app-b"
    assert entry["status_code"] == 404


def test_access_line_per_request_but_not_per_probe(client, db, caplog, monkeypatch):
    # the middleware's clock moves 0.25 s each time it is read: the logged duration is the time
    # between the two reads around the view, in milliseconds
    ticks = itertools.count()
    monkeypatch.setattr(
        "ops.middleware.time", SimpleNamespace(monotonic=lambda: 100 + next(ticks) * 0.25)
    )
    with caplog.at_level(logging.INFO, logger="ops.access"):
        client.get("/accounts/login/", HTTP_X_REQUEST_ID="page-1")
        client.get("/readyz")
        client.get("/healthz")
    (record,) = caplog.records
    assert record.path == "/accounts/login/" and record.status == 200
    assert record.duration_ms == 250.0
