"""The transition log's storage (django-fsm-log, ``DJANGO_FSM_LOG_STORAGE_METHOD``).

django-fsm-log's SimpleBackend writes a ``StateLog`` row when a transition has run, stamped with the
moment the row is written. This one writes the same row stamped with the moment the transition runner
(``salesops.services.run_transition``) gives — when the action happened: the services' clock
(``clock_at``), or the day an action recorded late happened. What reads the log as of a moment
(report 7's state at a month's end) then places the action when it happened. When the row was
written and by whom stays in the object's history (django-simple-history): its record is dated on the
day too, and its reason (补录) says when it was recorded.

django-fsm-log has no public hook for the row's values: ``StampedBackend`` calls its private
``backends._pre_transition_callback``. pyproject.toml therefore pins django-fsm-log to the exact
version locked, and ``tests/salesops/test_private_contracts.py`` fails loudly if that function
changes (its signature, or that it builds the row through the manager it is given).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from django_fsm_log import backends
from django_fsm_log.helpers import FSMLogDescriptor


@contextmanager
def stamped(obj: Any, when: dt.datetime) -> Iterator[None]:
    """Transitions run inside the block log ``when`` as their time (as ``fsm_log_by`` does for who)."""
    with FSMLogDescriptor(obj, "timestamp", when):
        yield


class _StampingManager:
    """The manager django-fsm-log creates the row with, adding the time ``stamped`` set."""

    def __init__(self, instance: Any):
        self.instance = instance

    def create(self, **values: Any) -> Any:
        from django_fsm_log.models import StateLog

        # a transition run outside the runner keeps the row's own default (now)
        with suppress(AttributeError):
            values["timestamp"] = FSMLogDescriptor(self.instance, "timestamp").get()
        return StateLog.objects.create(**values)


class StampedBackend(backends.SimpleBackend):
    @staticmethod
    def post_transition_callback(
        sender: Any, instance: Any, name: str, source: Any, target: Any, **kwargs: Any
    ) -> Any:
        # django-fsm-log's own row builder (by, description, ignored models), with our manager
        return backends._pre_transition_callback(
            sender, instance, name, source, target, _StampingManager(instance), **kwargs
        )
