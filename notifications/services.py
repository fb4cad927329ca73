"""The one way every app tells someone to act: ``notify(...)``; and the in-app centre's actions
(mark read), the channel preferences and the calendar token.

``notify`` inserts the notification keyed by (kind, subject, period, recipient) or skips it when it
exists — the database's unique constraint decides, so two processes raising the same event or
reminder at once leave one row and only the one that inserted it sends. The channels (e-mail, the
team's group robots) are sent after the action's transaction commits (``transaction.on_commit``),
each failure recorded on the delivery: a failing channel never breaks or undoes the action. In a
web process they are sent by a background thread (NOTIFY_DELIVERY=background), so a slow mail server
or webhook never delays the answer either; the scheduled commands send inline; whatever a process
left pending when it stopped is sent by the next ``send_reminders``.
"""

from __future__ import annotations

import logging
import queue
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connections, models, transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import Team, User
from accounts.scoping import can_see, manages
from salesops import clock
from salesops.services import ServiceError, now, require

from . import channels as ways
from .models import (
    CalendarToken,
    Channel,
    ChannelPreference,
    Delivery,
    Notification,
    TeamChannel,
)

log = logging.getLogger(__name__)


def subject_key(subject: models.Model | str) -> str:
    if isinstance(subject, models.Model):
        return f"{subject._meta.label_lower}:{subject.pk}"[:60]
    return str(subject)[:60]


def preference_of(user: User) -> ChannelPreference:
    return ChannelPreference.objects.filter(user=user).first() or ChannelPreference(user=user)


def channels_offered(user: User) -> tuple[str, ...]:
    """The channels the settings page offers: e-mail when the account has an address, the team's
    group robot when one is configured and active (one that is not configured is not offered)."""
    offered = []
    if user.email:
        offered.append("email")
    if user.team_id and TeamChannel.objects.filter(team_id=user.team_id, active=True).exists():
        offered.append("team_robot")
    return tuple(offered)


def _channels_for(recipient: User) -> list[str]:
    pref = preference_of(recipient)
    channels = []
    if pref.email and recipient.email:
        channels.append(Channel.EMAIL.value)
    if pref.team_robot and recipient.team_id:
        kinds = TeamChannel.objects.filter(team_id=recipient.team_id, active=True).values_list(
            "kind", flat=True
        )
        channels.extend(sorted(kinds))
    return channels


def notify(
    *,
    kind: str,
    recipient: User | None,
    subject: models.Model | str,
    period: str = "",
    params: dict[str, Any] | None = None,
    url: str = "",
) -> Notification | None:
    """Tell ``recipient`` about ``subject``; once per (kind, subject, period, recipient).

    Returns the new notification, or None when there is nobody to tell (no recipient, an inactive
    account, someone who may not see the subject) or it was already raised. Never raises for a
    channel: sending happens after the caller's transaction commits.
    """
    if recipient is None or not recipient.is_active:
        return None
    scoped = isinstance(subject, models.Model) and hasattr(type(subject), "scope")
    if scoped and not can_see(recipient, subject):  # type: ignore[arg-type]
        log.warning("notification %s to %s outside their scope: not sent", kind, recipient.pk)
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                kind=kind,
                subject=subject_key(subject),
                period=str(period)[:40],
                recipient=recipient,
                params={k: str(v)[:300] for k, v in (params or {}).items()},
                url=url[:300],
            )
            Delivery.objects.bulk_create(
                [Delivery(notification=notification, channel=c) for c in _channels_for(recipient)]
            )
    except IntegrityError:
        return None  # raised before (here or by another process): once only
    transaction.on_commit(lambda: _dispatch(notification.pk))
    return notification


# how the channels are sent after commit: "inline" (in this thread), "background" (one worker
# thread per process), or "command" (only by send_reminders' sweep); commands force inline
_inline: ContextVar[bool] = ContextVar("notifications_inline", default=False)
_queue: queue.Queue[int] = queue.Queue()
_worker_lock = threading.Lock()
_worker: threading.Thread | None = None


@contextmanager
def inline_delivery() -> Iterator[None]:
    token = _inline.set(True)
    try:
        yield
    finally:
        _inline.reset(token)


def _dispatch(notification_id: int) -> None:
    mode = "inline" if _inline.get() else settings.NOTIFY_DELIVERY
    if mode == "inline":
        deliver_safely(notification_id)
    elif mode == "background":
        _start_worker()
        _queue.put(notification_id)
    # "command": the row stays pending for send_reminders


def _start_worker() -> None:
    global _worker
    with _worker_lock:
        if _worker is None or not _worker.is_alive():
            _worker = threading.Thread(target=_work, name="notifications", daemon=True)
            _worker.start()


def _work() -> None:
    while True:
        notification_id = _queue.get()
        try:
            deliver_safely(notification_id)
        finally:
            if _queue.empty():  # idle: give the connection back
                connections.close_all()
            else:
                close_old_connections()
            _queue.task_done()


def deliver_safely(notification_id: int) -> None:
    """``deliver`` for ``on_commit``: whatever happens, the action that raised it stands."""
    try:
        from .delivery import deliver

        deliver(Delivery.objects.filter(notification_id=notification_id))
    except Exception:  # a broken channel is recorded on the delivery; this is the last guard
        log.exception("delivering notification %s failed", notification_id)


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


@transaction.atomic
def notification_mark_read(*, notification: Notification, by: User) -> Notification:
    """Mark one of the user's own notifications read (a no-op when it already is)."""
    if notification.recipient_id != by.pk:
        from django.http import Http404

        raise Http404
    if notification.read_at is None:
        notification.read_at = now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


@transaction.atomic
def notifications_mark_all_read(*, by: User) -> int:
    return Notification.objects.filter(recipient=by, read_at__isnull=True).update(read_at=now())


@transaction.atomic
def preference_save(*, by: User, email: bool, team_robot: bool) -> ChannelPreference:
    pref, _created = ChannelPreference.objects.select_for_update().get_or_create(user=by)
    pref.email, pref.team_robot = email, team_robot
    pref.save()
    return pref


def live_token(user: User) -> CalendarToken | None:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).first()


@transaction.atomic
def calendar_token_revoke(*, by: User) -> int:
    """Every subscription with the user's current URL stops (its token answers 404)."""
    return CalendarToken.objects.filter(user=by, revoked_at__isnull=True).update(
        revoked_at=clock.now()
    )


@transaction.atomic
def calendar_token_create(*, by: User) -> CalendarToken:
    """A new private calendar URL; the old one, if any, is revoked."""
    # one request at a time per user
    list(User.objects.select_for_update().filter(pk=by.pk).order_by("pk").values_list("pk"))
    calendar_token_revoke(by=by)
    return CalendarToken.objects.create(user=by, token=secrets.token_urlsafe(32))


def _robot_url_refusal(url: str) -> str | None:
    """Why a group robot's webhook URL is refused, or None: the rules every send follows
    (``channels.webhook_refusal``: https to a public address, unless NOTIFY_WEBHOOK_ALLOW_PRIVATE)."""
    return ways.webhook_refusal(url.strip())


@transaction.atomic
def team_robot_save(
    *,
    team: Team,
    by: User,
    kind: str,
    webhook_url: str,
    secret: str = "",
    active: bool = True,
) -> TeamChannel:
    """The team's group robot (企业微信 or 钉钉), set by its manager: one per team and kind."""
    require(manages(by, team.pk))
    if kind not in (Channel.WECOM, Channel.DINGTALK):
        raise ServiceError(_("请选择企业微信或钉钉。"), field="kind")
    refusal = _robot_url_refusal(webhook_url)
    if refusal:
        raise ServiceError(refusal, field="webhook_url")
    robot, _created = TeamChannel.objects.select_for_update().get_or_create(
        team=team, kind=kind, defaults={"webhook_url": webhook_url.strip()}
    )
    robot.webhook_url = webhook_url.strip()
    robot.secret = secret.strip() if kind == Channel.DINGTALK else ""
    robot.active = active
    robot.save()
    return robot


def team_robot_test(*, robot: TeamChannel, by: User) -> str:
    """发送测试消息: one message through the robot now. Returns the failure's reason ("" when it
    went through); the robot keeps when it was last tested and how it went."""
    require(manages(by, robot.team_id))
    try:
        ways.send_robot(
            kind=robot.kind,
            webhook_url=robot.webhook_url,
            secret=robot.secret,
            title=str(_("测试消息")),
            markdown=str(_("这是来自营销管理系统的测试消息（%(team)s）。") % {"team": robot.team}),
            attempts=1,
        )
        failure = ""
    except ways.ChannelError as exc:
        failure = exc.reason
    TeamChannel.objects.filter(pk=robot.pk).update(tested_at=now(), test_failure=failure)
    return failure
