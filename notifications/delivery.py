"""Sending a notification's deliveries, each claimed by exactly one process
(pending → sending by one conditional UPDATE), so that a delivery is never sent twice even when the
action's process and the scheduled command reach it at the same moment.

A delivery still "sending" NOTIFY_SENDING_STALE_MINUTES after its claim was left by a process that
stopped mid-send: the next sweep claims it again by the same kind of UPDATE (on its claim time, so
one process wins), counting the interrupted send as one attempt. A delivery is tried at most
NOTIFY_HTTP_ATTEMPTS times in all; one whose attempts are spent is recorded failed."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import override

from salesops import clock
from salesops.requestcache import origin

from .channels import ChannelError, max_send_seconds, send_email, send_robot
from .messages import site_text, site_title
from .models import Channel, Delivery, DeliveryStatus, TeamChannel

log = logging.getLogger(__name__)

INTERRUPTED = "interrupted: the sending process stopped"


def absolute(url: str) -> str:
    """A link for a mail or a robot message: SALESOPS_BASE_URL + ``url``; without the setting
    (demo, development) the address the site is being served at (salesops.requestcache.origin)."""
    base = origin().rstrip("/")
    return f"{base}{url}" if url.startswith("/") else url


def stale_before() -> dt.datetime:
    """A row still "sending" since a claim before this was left by a process that stopped. The
    lease is never shorter than twice the longest send (``max_send_seconds``: every attempt cut at
    its deadline), so a send still under way is never claimed again and sent twice.

    The delivery machinery reads the wall clock (not ``salesops.clock``): it compares with the rows'
    ``created_at``/``claimed_at``, which record the real moment, and must not move with a test's or
    the demo's clock."""
    lease = max(settings.NOTIFY_SENDING_STALE_MINUTES * 60.0, 2 * max_send_seconds())
    return timezone.now() - dt.timedelta(seconds=lease)


def _claim(delivery: Delivery, stale: dt.datetime) -> bool:
    """Take ``delivery`` for this process by one conditional UPDATE: a pending one, or one left
    "sending" (claimed before ``stale``) by a process that stopped — that send counted as an attempt
    (``delivery.attempts`` is updated to match). False when another process has it."""
    now = timezone.now()
    rows = Delivery.objects.filter(pk=delivery.pk)
    if delivery.status == DeliveryStatus.PENDING:
        pending = rows.filter(status=DeliveryStatus.PENDING)
        return pending.update(status=DeliveryStatus.SENDING, claimed_at=now) == 1
    interrupted = rows.filter(
        status=DeliveryStatus.SENDING, claimed_at__lt=stale, attempts=delivery.attempts
    )
    if interrupted.update(claimed_at=now, attempts=delivery.attempts + 1) != 1:
        return False
    delivery.attempts += 1
    return True


def _send(delivery: Delivery, tries: int) -> int:
    notification = delivery.notification
    recipient = notification.recipient
    title = site_title(notification)
    body = site_text(notification)
    link = absolute(notification.url) if notification.url else ""
    if delivery.channel == Channel.EMAIL:
        with override(settings.LANGUAGE_CODE):
            text = f"{recipient.display_name}：\n\n{body}\n\n{link}\n".rstrip() + "\n"
        send_email(to=[recipient.email], subject=f"[salesops] {title}", body=text)
        return 1
    robot = TeamChannel.objects.filter(
        team__members=recipient, kind=delivery.channel, active=True
    ).first()
    if robot is None:
        raise ChannelError("robot no longer configured")
    markdown = f"### {title}\n\n**{recipient.display_name}**：{body}"
    if link:
        markdown += f"\n\n[{link}]({link})"
    return send_robot(
        kind=robot.kind,
        webhook_url=robot.webhook_url,
        secret=robot.secret,
        title=title,
        markdown=markdown,
        attempts=tries,
    )


def deliver(deliveries: QuerySet[Delivery]) -> dict[str, int]:
    """Send every pending (or interrupted) delivery of ``deliveries`` this process manages to
    claim; record each outcome. Returns counts by outcome."""
    counts = {"sent": 0, "failed": 0}
    limit = max(1, int(settings.NOTIFY_HTTP_ATTEMPTS))
    stale = stale_before()
    waiting = Q(status=DeliveryStatus.PENDING) | Q(
        status=DeliveryStatus.SENDING, claimed_at__lt=stale
    )
    for delivery in deliveries.filter(waiting).select_related("notification__recipient"):
        if not _claim(delivery, stale):
            continue  # another process has it
        tried = delivery.attempts  # before this send: the interrupted ones
        if tried >= limit:
            mark_delivery(delivery, status=DeliveryStatus.FAILED, attempts=tried, error=INTERRUPTED)
            counts["failed"] += 1
            log.warning("notification delivery %s interrupted %s times: failed", delivery.pk, tried)
            continue
        try:
            attempts = _send(delivery, tries=limit - tried)
        except ChannelError as exc:
            mark_delivery(
                delivery,
                status=DeliveryStatus.FAILED,
                attempts=tried + exc.attempts,
                error=exc.reason,
            )
            counts["failed"] += 1
            log.warning("notification delivery %s failed: %s", delivery.pk, exc.reason)
        except Exception as exc:  # anything else is recorded the same way
            mark_delivery(
                delivery,
                status=DeliveryStatus.FAILED,
                attempts=tried + 1,
                error=f"{type(exc).__name__}",
            )
            counts["failed"] += 1
            log.exception("notification delivery %s failed", delivery.pk)
        else:
            mark_delivery(delivery, status=DeliveryStatus.SENT, attempts=tried + attempts)
            counts["sent"] += 1
    return counts


def deliver_pending(older_than: dt.timedelta = dt.timedelta(seconds=0)) -> dict[str, int]:
    """The scheduled sweep: deliveries left pending by a process that stopped before sending, or
    "sending" by one that stopped mid-send."""
    cutoff = timezone.now() - older_than
    return deliver(Delivery.objects.filter(created_at__lte=cutoff))


def mark_delivery(delivery: Delivery, *, status: str, attempts: int, error: str = "") -> None:
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status,
        attempts=attempts,
        error=error[:1000],
        sent_at=clock.now() if status == DeliveryStatus.SENT else None,
    )
