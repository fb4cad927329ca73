"""What a load balancer asks: is this process alive (``/healthz``), and can it serve (``/readyz``):
the database answers and every migration is applied, the cache answers, the file store answers.

The answers are plain text, one short line per check, and reveal nothing else (no host names, no
versions, no exception text: those go to the server's log). Both are answered by
``ops.middleware.HealthCheckMiddleware`` before any other middleware, so no login, no session, no
host-name check (a load balancer asks by address) and no HTTPS redirect get in the way.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

logger = logging.getLogger("ops.health")

# This server's name in the shared cache's probe key (the two-server check reads it back through
# another process to prove the cache is shared). DJANGO_SERVER_NAME, else the host name.
SERVER_NAME = os.environ.get("DJANGO_SERVER_NAME", "").strip() or socket.gethostname()


class NotReady(Exception):
    """A check failed; the message is the short reason shown to the load balancer."""


def check_database() -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        logger.warning("readyz: database unreachable: %s", exc)
        raise NotReady("unreachable") from None
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:
        logger.warning("readyz: migration state unreadable: %s", exc)
        raise NotReady("migration state unreadable") from None
    if plan:
        raise NotReady(f"{len(plan)} migrations not applied")


def check_cache() -> None:
    key = f"ops:readyz:{SERVER_NAME}"
    token = uuid.uuid4().hex
    try:
        cache.set(key, token, 120)
        value = cache.get(key)
    except Exception as exc:
        logger.warning("readyz: cache unreachable: %s", exc)
        raise NotReady("unreachable") from None
    # the resilient Redis cache (salesops/cache.py) answers a failure as a miss: it says why here
    last_error = getattr(cache, "last_error", "")
    if last_error:
        logger.warning("readyz: cache unreachable: %s", last_error)
        raise NotReady("unreachable")
    if value != token:
        raise NotReady("does not keep what is written")


def check_storage() -> None:
    name = f"ops/readyz/{SERVER_NAME}-{os.getpid()}-{uuid.uuid4().hex[:8]}.txt"
    try:
        saved = default_storage.save(name, ContentFile(b"ok"))
        default_storage.delete(saved)
    except Exception as exc:
        logger.warning("readyz: storage unreachable: %s", exc)
        raise NotReady("unreachable") from None


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "cache": check_cache,
    "storage": check_storage,
}


def readiness() -> tuple[bool, list[str]]:
    """Every check, in order (a failing one does not hide the others): ready?, one line per check."""
    ready, lines = True, []
    for name, check in CHECKS.items():
        try:
            check()
        except NotReady as exc:
            ready = False
            lines.append(f"{name}: {exc}")
        else:
            lines.append(f"{name}: ok")
    return ready, lines
