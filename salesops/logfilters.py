"""Logging filters. A 403 or 404 is an ordinary answer, not a fault: it is logged as one line
(method, path, status) without the traceback Django attaches; a 500 keeps its traceback."""

from __future__ import annotations

import logging
import re


class NoTracebackForClientErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True


# a calendar feed's address is its secret (notifications/calendar.py): never in a log line
SECRET_PATHS = re.compile(r"(/calendar/)[^/\s\"'?]+(\.ics)")


def redact(text: str) -> str:
    return SECRET_PATHS.sub(r"\1…\2", text)


class RedactSecrets(logging.Filter):
    """Calendar tokens are cut out of every log line: the message, and a ``path`` field (the
    access line's, in JSON logs)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        path = getattr(record, "path", None)
        if isinstance(path, str):
            record.path = redact(path)
        return True
