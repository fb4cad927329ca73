"""The service toolkit every app's ``services`` module is built from (HackSoft styleguide).

A service is a keyword-only, typed, atomic function ``<entity>_<verb>`` that
1. asks its app's ``rules`` whether the user may act at all (a refusal is ``PermissionDenied``: 403),
2. locks the row and checks the optimistic-lock version the user saw (``lock_and_check``),
3. checks the state and the input (a refusal is ``ServiceError`` with a message for the user),
4. runs the FSM transition (``run_transition``), saves, and writes its side records.
Nothing is changed when it refuses. Views turn a ``ServiceError`` into a form error or a message with
``salesops.views.run_service``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransition, can_proceed


class ServiceError(Exception):
    """An action refused for a reason the user can act on; nothing was changed.

    ``message`` is what the user reads (marked for translation where it is written); ``field`` names
    the form field it belongs to, when there is one.
    """

    def __init__(self, message: str | Promise, field: str | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.field = field


class StaleVersion(ServiceError):
    """Someone else changed the row since this user loaded it (optimistic lock): nothing was
    overwritten; the page shows the current state."""

    default_message = _("已被他人修改，页面已显示最新状态，请核对后重新操作。")

    def __init__(self, message: str | Promise | None = None):
        super().__init__(message or self.default_message)


class Versioned(Protocol):
    pk: Any
    version: int


V = TypeVar("V", bound=models.Model)


def require(allowed: bool) -> None:
    """The rule said no: a 403, the same answer the page gives for a missing button."""
    if not allowed:
        raise PermissionDenied


# The services' clock. Demo data and imports record actions on earlier days by setting it for a
# block (``with clock_at(when): ...``) instead of patching each app's module.
_clock: ContextVar[dt.datetime | None] = ContextVar("salesops_clock", default=None)


@contextmanager
def clock_at(when: dt.datetime) -> Iterator[None]:
    token = _clock.set(when)
    try:
        yield
    finally:
        _clock.reset(token)


def now() -> dt.datetime:
    return _clock.get() or timezone.now()


def today() -> dt.date:
    return timezone.localdate(now())


def not_future(day: dt.date, field: str = "date") -> dt.date:
    if day > today():
        raise ServiceError(_("日期不能晚于今天。"), field=field)
    return day


def action_day(on: dt.date | None, field: str = "on") -> dt.date:
    """The local day an action happened: today, or an earlier day when it is recorded late."""
    return not_future(on or today(), field)


def positive(amount: Decimal | None, field: str) -> None:
    if amount is not None and amount <= 0:
        raise ServiceError(_("金额必须大于零。"), field=field)


def required_text(value: str, message: str | Promise, field: str) -> str:
    """The stripped text, or a refusal naming the field."""
    value = (value or "").strip()
    if not value:
        raise ServiceError(message, field=field)
    return value


def lock_and_check(obj: V, expected_version: int | None, message: str | Promise | None = None) -> V:
    """The row as it is now, locked until the transaction ends; refused if it moved on since the
    user saw ``expected_version``. ``None`` is for callers without a page (demo, scheduled work): the
    lock still serialises them, but they have no earlier view to be stale against."""
    fresh = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    if expected_version is not None and fresh.version != expected_version:  # type: ignore[attr-defined]
        raise StaleVersion(message)
    return fresh


def lock_existing(obj: V, expected_version: int | None) -> V:
    """For create-or-edit services: the row exists, so the user must have seen it. A form without a
    version was filled in before anyone created the row — someone else did meanwhile: stale."""
    if expected_version is None:
        raise StaleVersion
    return lock_and_check(obj, expected_version)


@contextmanager
def refuse_duplicate(message: str | Promise, field: str | None = None) -> Iterator[None]:
    """Insert a row that a unique constraint guards, after the service checked it does not exist
    yet. Two requests at once both pass that check; the database refuses the second insert, and the
    user is told it already exists (never a 500). A savepoint keeps the caller's transaction usable."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise ServiceError(message, field=field) from None


def data_changed(*team_ids: int | None) -> None:
    """Something a report counts was written for these teams (None: not tied to one team): cached
    report results over them are stale from this transaction's commit on (reports.freshness)."""
    from reports.freshness import touch  # the reports app reads this module: imported late

    touch(*team_ids)


def bump(obj: V, by: Any = None, **save_kwargs: Any) -> V:
    """Save a change to a versioned row: the version moves on so every open form of it is stale."""
    obj.version += 1  # type: ignore[attr-defined]
    data_changed(getattr(obj, "team_id", None))
    if by is not None and hasattr(obj, "history"):
        obj._history_user = by  # type: ignore[attr-defined]  # simple_history outside a request
    try:
        obj.save(**save_kwargs)
    except ConcurrentTransition:
        raise StaleVersion from None
    return obj


def run_transition(
    obj: V,
    name: str,
    *,
    by: Any,
    description: str | Promise = "",
    label: str | Promise | None = None,
    **kwargs: Any,
) -> V:
    """Run the FSM transition ``name`` on a locked row, log it (django-fsm-log: who, description)
    and save it with a new version; refused with the current state's name when not allowed."""
    method = getattr(obj, name)
    if not can_proceed(method):
        state = obj.get_status_display()  # type: ignore[attr-defined]
        if label:
            message = gettext("当前状态为「%(state)s」，不能%(action)s。") % {
                "state": state,
                "action": label,
            }
        else:
            message = gettext("当前状态为「%(state)s」，不能执行此操作。") % {"state": state}
        raise ServiceError(message)
    method(by=by, description=str(description or label or name), **kwargs)
    return bump(obj, by)
