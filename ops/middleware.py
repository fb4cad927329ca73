"""Health answers for load balancers, and a request id on every request and every log line."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from . import health
from .logging import request_id_var

access_logger = logging.getLogger("ops.access")

HEALTH_PATHS = {"/healthz", "/readyz"}
# an incoming X-Request-ID (nginx's $request_id, a load balancer's trace id) is kept when it is a
# plain token; anything else is replaced, so a client cannot inject text into the logs
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


def _plain(text: str, status: int) -> HttpResponse:
    response = HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class HealthCheckMiddleware:
    """``/healthz``: 200 "ok" while the process answers. ``/readyz``: 200 with "<check>: ok" lines,
    or 503 with the reason of each failing check. GET and HEAD only. First in MIDDLEWARE (after the
    request id), so nothing else runs for these two paths."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info not in HEALTH_PATHS:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = _plain("method not allowed\n", 405)
            response["Allow"] = "GET, HEAD"
            return response
        if request.path_info == "/healthz":
            return _plain("ok\n", 200)
        ready, lines = health.readiness()
        return _plain("\n".join(lines) + "\n", 200 if ready else 503)


class RequestIdMiddleware:
    """Gives each request an id — the proxy's ``X-Request-ID`` when it is a plain token, else a new
    one — puts it on every log line written while the request runs (``ops.logging``), returns it
    in the response's ``X-Request-ID`` and logs one access line (``ops.access``, level INFO)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            if request.path_info in HEALTH_PATHS and response.status_code == 200:
                return response  # a balancer's probe every few seconds is not worth a line
            access_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(token)
