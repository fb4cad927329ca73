"""Logging filters. A 403 or 404 is an ordinary answer, not a fault: it is logged as one line
(method, path, status) without the traceback Django attaches; a 500 keeps its traceback."""

from __future__ import annotations

import logging


class NoTracebackForClientErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
