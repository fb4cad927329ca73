"""What one request may remember: answers a page asks for again and again while it is drawn.

A manager's home asks "which teams may I see?" in every block (twenty-odd times) and the working
calendar for the same month from three places. ``RequestCacheMiddleware`` opens an empty memo for
each request and drops it at the end; ``memo(key, compute)`` answers from it inside a request and
simply computes outside one — services run by commands and tests always read afresh. Only reads
whose answer cannot change within the request belong here (team membership is changed by the
administrator in another request; the calendar likewise).

The session's idle deadline (DJANGO_SESSION_IDLE_MINUTES) is renewed here too, at most once every
SESSION_RENEW_SECONDS (default 60) rather than with a database write on every request.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.conf import settings

T = TypeVar("T")
_memo: ContextVar[dict[Hashable, Any] | None] = ContextVar("salesops_request_memo", default=None)
RENEWED = "_renewed"  # session key: when the idle deadline was last pushed back (epoch seconds)


# the address this site was last asked at (scheme, host and port), remembered only while
# SALESOPS_BASE_URL is not set (demo, development): the links of mails sent meanwhile use it
_origin = ""


def origin() -> str:
    """The site's address for links in mails: SALESOPS_BASE_URL, else — in a demo or development
    without it — the address the latest request came to (the runserver's own host and port, never
    a port written in the code), else '' (links stay relative)."""
    return settings.SALESOPS_BASE_URL or _origin


def _remember_origin(request: Any) -> None:
    global _origin
    if settings.SALESOPS_BASE_URL:
        return
    try:
        _origin = request.build_absolute_uri("/").rstrip("/")
    except Exception:  # noqa: BLE001 - a host not allowed: nothing to remember
        return


def memo(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, remembered under ``key`` until the end of the current request."""
    store = _memo.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


def mark_renewed(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Signing in sets the deadline (the session is saved then): the first request after it has
    nothing to renew. Connected to ``user_logged_in`` in ``SalesopsConfig.ready``."""
    session = getattr(request, "session", None)
    if session is not None:
        session[RENEWED] = int(time.time())


class RequestCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _remember_origin(request)
        token = _memo.set({})
        try:
            response = self.get_response(request)
        finally:
            _memo.reset(token)
        self._renew(request)
        return response

    @staticmethod
    def _renew(request) -> None:
        """Push the session's idle deadline back (SessionMiddleware saves it on the way out) when
        it was last pushed back SESSION_RENEW_SECONDS ago or more; an empty session stays unsaved."""
        session = getattr(request, "session", None)
        if session is None or session.is_empty() or not session.session_key:
            return
        now = int(time.time())
        last = session.get(RENEWED)
        if not isinstance(last, int) or now - last >= getattr(
            settings, "SESSION_RENEW_SECONDS", 60
        ):
            session[RENEWED] = now
