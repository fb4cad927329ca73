"""A calendar feed's token is its secret: no log line carries it (access lines, Django's own
"Not Found" lines, JSON fields)."""

import io
import json
import logging

from django.http import HttpResponse

from ops.logging import JsonFormatter, RequestIdFilter
from ops.middleware import RequestIdMiddleware
from salesops.logfilters import RedactSecrets

TOKEN = "Zk3q9XbT0pLmN7vW2sR5"


def _capture(name):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.addFilter(RedactSecrets())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger(name)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return logger, handler, stream


def test_access_line_has_no_calendar_token(rf):
    logger, handler, stream = _capture("ops.access")
    try:
        RequestIdMiddleware(lambda request: HttpResponse("ok"))(rf.get(f"/calendar/{TOKEN}.ics"))
    finally:
        logger.removeHandler(handler)
    line = json.loads(stream.getvalue().splitlines()[-1])
    assert TOKEN not in stream.getvalue()
    assert line["path"] == "/calendar/….ics"
    assert line["message"] == "GET /calendar/….ics 200"


def test_django_not_found_line_has_no_calendar_token():
    logger, handler, stream = _capture("tests.ops.redaction")
    try:
        logger.warning("Not Found: %s", f"/calendar/{TOKEN}.ics")
    finally:
        logger.removeHandler(handler)
    assert TOKEN not in stream.getvalue()
    assert json.loads(stream.getvalue())["message"] == "Not Found: /calendar/….ics"


def test_the_settings_put_the_filter_on_the_console():
    from django.conf import settings

    assert "redact" in settings.LOGGING["handlers"]["console"]["filters"]
