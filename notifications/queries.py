"""Reads of the notification centre."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from accounts.models import User

from .models import Delivery, Notification, ScheduledMail


def notifications_for(user: User) -> QuerySet[Notification]:
    """A person's own notifications, newest first; nobody reads anyone else's."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def failed_deliveries(user: User) -> QuerySet[Delivery]:
    return Delivery.objects.filter(notification__recipient=user, status="failed")


def office_mails() -> QuerySet[ScheduledMail]:
    """Every mail to the office's mailbox, sent or failed, newest first (the office's page)."""
    return ScheduledMail.objects.order_by("-created_at", "-pk")


def mail_deliveries() -> QuerySet[Delivery]:
    """Every notification sent (or tried) by e-mail or a team robot, newest first."""
    return Delivery.objects.select_related("notification__recipient").order_by("-created_at", "-pk")


def home_context(user: User) -> dict[str, Any]:
    """The home page's unread notifications (the newest five, with their text) and their count."""
    from .messages import text

    if user.role not in ("salesperson", "analyst"):
        return {}
    unread = notifications_for(user).filter(read_at__isnull=True)
    latest = list(unread[:5])
    return {
        "home_notifications": [(n, text(n)) for n in latest],
        "home_notifications_count": len(latest) if len(latest) < 5 else unread.count(),
    }
