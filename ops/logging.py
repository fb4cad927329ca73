"""JSON log lines with the request id (DJANGO_LOG_JSON=1), for journald / a log shipper.

``request_id_var`` holds the id of the request being served (set by
``ops.middleware.RequestIdMiddleware``); ``RequestIdFilter`` copies it, and this server's name,
onto every record; ``JsonFormatter`` writes one JSON object per line: time (UTC, ISO 8601), level,
logger, message, request_id, server, any extra fields given to the log call, and the traceback
if there is one. Outside a request the id is "-".
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")

# attributes every LogRecord has: not "extra" fields
_STANDARD = set(logging.LogRecord("x", logging.INFO, "x", 0, "x", None, None).__dict__) | {
    "message",
    "asctime",
    "request_id",
    "server",
    "request",
}


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        from .health import SERVER_NAME

        record.request_id = request_id_var.get()
        record.server = SERVER_NAME
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
            "server": getattr(record, "server", ""),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool) else str(value)
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
