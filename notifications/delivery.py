"""Sending a notification's deliveries, each claimed by exactly one process
(pending → sending by one conditional UPDATE), so that a delivery is never sent twice even when the
action's process and the scheduled command reach it at the same moment."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import override

from .channels import ChannelError, send_email, send_robot
from .messages import site_text, site_title
from .models import Channel, Delivery, DeliveryStatus, TeamChannel
from .services import mark_delivery

log = logging.getLogger(__name__)


def absolute(url: str) -> str:
    base = settings.SALESOPS_BASE_URL.rstrip("/")
    return f"{base}{url}" if url.startswith("/") else url


def _claim(delivery: Delivery) -> bool:
    return (
        Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.SENDING
        )
        == 1
    )


def _send(delivery: Delivery) -> int:
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
    )


def deliver(deliveries: QuerySet[Delivery]) -> dict[str, int]:
    """Send every pending delivery of ``deliveries`` this process manages to claim; record each
    outcome. Returns counts by outcome."""
    counts = {"sent": 0, "failed": 0}
    pending = deliveries.filter(status=DeliveryStatus.PENDING).select_related(
        "notification__recipient"
    )
    for delivery in pending:
        if not _claim(delivery):
            continue  # another process has it
        try:
            attempts = _send(delivery)
        except ChannelError as exc:
            mark_delivery(
                delivery, status=DeliveryStatus.FAILED, attempts=exc.attempts, error=exc.reason
            )
            counts["failed"] += 1
            log.warning("notification delivery %s failed: %s", delivery.pk, exc.reason)
        except Exception as exc:  # anything else is recorded the same way
            mark_delivery(
                delivery, status=DeliveryStatus.FAILED, attempts=1, error=f"{type(exc).__name__}"
            )
            counts["failed"] += 1
            log.exception("notification delivery %s failed", delivery.pk)
        else:
            mark_delivery(delivery, status=DeliveryStatus.SENT, attempts=attempts)
            counts["sent"] += 1
    return counts


def deliver_pending(older_than: dt.timedelta = dt.timedelta(seconds=0)) -> dict[str, int]:
    """The scheduled sweep: pending deliveries left by a process that stopped before sending."""
    cutoff = timezone.now() - older_than
    return deliver(Delivery.objects.filter(created_at__lte=cutoff))
