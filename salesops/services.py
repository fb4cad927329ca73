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
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransition, can_proceed

from . import fsmlog, registry

# The services' clock lives in ``salesops.clock`` (re-exported: ``services.today()`` etc.). Demo data
# and imports record actions on earlier days by setting it for a block (``with clock_at(when): ...``)
# instead of patching each app's module.
from .clock import clock_at as clock_at
from .clock import now as now
from .clock import today as today


class ServiceError(Exception):
    """An action refused for a reason the user can act on; nothing was changed.

    ``message`` is what the user reads (marked for translation where it is written); ``field`` names
    the form field it belongs to, when there is one. ``level`` is how a page without a form shows it:
    "error", or "info" for a refusal that only says the thing is done already (signed, imported).
    """

    level = "error"

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


def demo_moment(day: dt.date, time: dt.time) -> dt.datetime:
    """A moment of the demo's story on ``day``, never later than now: a demo built at eight in
    the morning has no afternoon yet (its events of today are stamped no later than the build)."""
    return min(timezone.make_aware(dt.datetime.combine(day, time)), now())


def demo_time(day: dt.date, time: dt.time) -> dt.time:
    """A visit's time of day on ``day`` for the demo: today, no later than now."""
    return timezone.localtime(demo_moment(day, time)).time().replace(second=0, microsecond=0)


def not_future(day: dt.date, field: str = "date") -> dt.date:
    if day > today():
        raise ServiceError(_("日期不能晚于今天。"), field=field)
    return day


def action_day(on: dt.date | None, field: str = "on") -> dt.date:
    """The local day an action happened: today, or an earlier day when it is recorded late."""
    return not_future(on or today(), field)


def moment_of(day: dt.date | None) -> dt.datetime:
    """When an action of ``day`` happened, for the records that place it in time (the transition
    log, an investment plan's 制定时间): now for today, else the last instant of that local day.
    An action recorded late thereby falls on its own day — a closed month's report 7 (the state as
    of the month's end) sees it — and after everything recorded on that day as it happened, so
    the log keeps the order the actions were taken in (two late ones of a day: in the log's pk)."""
    if day is None or day >= today():
        return now()
    return dt.datetime.combine(day, dt.time.max, tzinfo=timezone.get_current_timezone())


def is_day_only(when: dt.datetime) -> bool:
    """``when`` is a late action's made-up end of its day (``moment_of``): show only its date."""
    return timezone.localtime(when).time() == dt.time.max


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
    report results over them are stale from this transaction's commit on (the listeners of
    ``registry.data_changed``: reports.freshness.touch)."""
    registry.data_changed.send(*team_ids)


def bump(obj: V, by: Any = None, **save_kwargs: Any) -> V:
    """Save a change to a versioned row: the version moves on so every open form of it is stale."""
    obj.version += 1  # type: ignore[attr-defined]
    data_changed(getattr(obj, "team_id", None))
    if hasattr(obj, "history"):
        if by is not None:
            obj._history_user = by  # type: ignore[attr-defined]  # simple_history outside a request
        # the history record is dated when the change happened (the services' clock; a late
        # action: its day, set by run_transition), so that a closed period reads the values it
        # had then (docs/design.md §Numbers as of a moment; visits.asof)
        if not hasattr(obj, "_history_date"):
            obj._history_date = now()  # type: ignore[attr-defined]
    try:
        obj.save(**save_kwargs)
    except ConcurrentTransition:
        raise StaleVersion from None
    return obj


def _target_of(obj: Any, name: str, state: Any) -> Any:
    """The state transition ``name`` leads to from ``state``, through django-fsm's public
    ``get_all_<field>_transitions``: a transition declared for ``state`` itself, else for any state
    (``*``), else for any other state (``+``) — the order django-fsm picks them in."""
    declared = {t.source: t for t in obj.get_all_status_transitions() if t.name == name}
    for source in (state, "*", "+"):  # the documented wildcards of ``@transition(source=...)``
        if source in declared:
            return declared[source].target
    return None


def _not_before_last_change(obj: Any, method: Any, day: dt.date, field: str) -> None:
    """A late action may not be dated before the object's last logged transition: the log would
    put the steps out of order. A transition that keeps the state (another deposit) is exempt."""
    from django_fsm_log.models import StateLog  # models are loaded after this module

    state = obj.status
    if _target_of(obj, method.__name__, state) == state:
        return
    last = (
        StateLog.objects.for_(obj)
        .order_by("-timestamp", "-pk")
        .values_list("timestamp", flat=True)
        .first()
    )
    if last is not None and day < timezone.localdate(last):
        raise ServiceError(
            gettext("日期不能早于上一步的日期（%(day)s）。")
            % {"day": timezone.localdate(last).isoformat()},
            field=field,
        )


def run_transition(
    obj: V,
    name: str,
    *,
    by: Any,
    description: str | Promise = "",
    label: str | Promise | None = None,
    happened_on: dt.date | None = None,
    happened_field: str = "on",
    **kwargs: Any,
) -> V:
    """Run the FSM transition ``name`` on a locked row, log it (django-fsm-log: who, when,
    description) and save it with a new version; refused with the current state's name when not
    allowed.

    The log's time is when the action happened (salesops.fsmlog): now by the services' clock, or,
    for an action recorded late, its day ``happened_on`` (the service's ``on=`` / ``date=``, already
    checked not to be in the future; ``moment_of``) — what reads the log as of a moment, report 7's
    state at a month's end, then places it on that day. Such a day may not come before the last
    logged change (refused on ``happened_field``). The row's history (django-simple-history) dates
    the record on that day too, with the reason 补录, the day and when (and by whom) it was recorded."""
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
    if happened_on is not None and happened_on < today():  # recorded late
        _not_before_last_change(obj, method, happened_on, happened_field)
        if hasattr(obj, "history"):
            # dated on the day it happened (a closed month reads it), the reason says when it
            # was recorded
            obj._history_date = moment_of(happened_on)  # type: ignore[attr-defined]
            if not getattr(obj, "_change_reason", None):
                recorded = timezone.localtime(now())
                obj._change_reason = (  # type: ignore[attr-defined]
                    f"补录：发生于 {happened_on.isoformat()}，记录于 {recorded:%Y-%m-%d %H:%M}"
                )
    with fsmlog.stamped(obj, moment_of(happened_on)):
        method(by=by, description=str(description or label or name), **kwargs)
    return bump(obj, by)
