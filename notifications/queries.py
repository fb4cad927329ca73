"""Reads of the notification centre."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User

from .models import Delivery, Notification


def notifications_for(user: User) -> QuerySet[Notification]:
    """A person's own notifications, newest first; nobody reads anyone else's."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def failed_deliveries(user: User) -> QuerySet[Delivery]:
    return Delivery.objects.filter(notification__recipient=user, status="failed")
