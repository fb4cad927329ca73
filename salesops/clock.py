"""The one clock every "today" and "now" of the apps is read from.

Services, queries, views, reports and commands ask ``today()`` / ``now()`` here instead of
``timezone.now()`` / ``timezone.localdate()`` / ``date.today()`` / ``datetime.now()``, so a test (or the
demo data, or an import recording actions on earlier days) moves it for a block with
``clock_at(when)`` and everything sees the same moment. ``tests/salesops/test_clock.py`` counts the
direct reads left outside this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

_clock: ContextVar[dt.datetime | None] = ContextVar("salesops_clock", default=None)


@contextmanager
def clock_at(when: dt.datetime) -> Iterator[None]:
    """Every ``now()``/``today()`` inside the block answers ``when``."""
    token = _clock.set(when)
    try:
        yield
    finally:
        _clock.reset(token)


def now() -> dt.datetime:
    return _clock.get() or timezone.now()


def today() -> dt.date:
    """The local day of ``now()``."""
    return timezone.localdate(now())
