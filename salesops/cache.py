"""The shared cache, when Redis is down or hangs, degrades to no cache — never to a 500 or a stall.

Everything the app caches can be computed again (report tables of closed periods, figures of closed
days: reports.freshness), so a cache that does not answer is a slower page, not a broken one.
``ResilientRedisCache`` is Django's own Redis cache with short timeouts whose every operation, when
Redis fails, answers as a miss (``get`` → default, ``set``/``delete`` → nothing) and opens a breaker:
for ``REDIS_RETRY_SECONDS`` (default 30) this process does not ask Redis at all, so a paused Redis
costs one timeout per process per half minute rather than one per request. The failure is logged
once when the breaker opens. ``/readyz`` still says why (``last_error``): a balancer takes the
server out while the pages keep answering.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("salesops.cache")
T = TypeVar("T")

# per process: when Redis may be asked again (monotonic seconds), and why it was given up on
_state_lock = threading.Lock()
_down_until = 0.0
_down_reason = ""


def _retry_seconds() -> float:
    return float(getattr(settings, "REDIS_RETRY_SECONDS", 30))


def reset() -> None:
    """Forget a failure (tests; a process that knows Redis is back)."""
    global _down_until, _down_reason
    with _state_lock:
        _down_until = 0.0
        _down_reason = ""


class ResilientRedisCache(RedisCache):
    last_error: str = ""

    def _guard(self, operation: Callable[[], T], fallback: T) -> T:
        global _down_until, _down_reason
        now = time.monotonic()
        if now < _down_until:
            self.last_error = _down_reason
            return fallback
        try:
            result = operation()
        except Exception as exc:  # redis.ConnectionError, TimeoutError, OSError …
            reason = f"{type(exc).__name__}: {exc}"
            with _state_lock:
                opened = _down_until <= now
                _down_until = now + _retry_seconds()
                _down_reason = reason
            if opened:
                logger.error(
                    "cache unreachable, pages computed without it for %ss: %s",
                    _retry_seconds(),
                    reason,
                )
            self.last_error = reason
            return fallback
        self.last_error = ""
        return result

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._guard(
            lambda: super(ResilientRedisCache, self).get(key, default, version), default
        )

    def get_many(self, keys: Any, version: int | None = None) -> Any:
        return self._guard(lambda: super(ResilientRedisCache, self).get_many(keys, version), {})

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._guard(lambda: super(ResilientRedisCache, self).has_key(key, version), False)

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        self._guard(
            lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), None
        )

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self._guard(
            lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), False
        )

    def set_many(
        self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[Any]:
        return self._guard(
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version), list(data)
        )

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._guard(
            lambda: super(ResilientRedisCache, self).touch(key, timeout, version), False
        )

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._guard(lambda: super(ResilientRedisCache, self).delete(key, version), False)

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        self._guard(lambda: super(ResilientRedisCache, self).delete_many(keys, version), None)

    def clear(self) -> None:
        self._guard(lambda: super(ResilientRedisCache, self).clear(), None)
