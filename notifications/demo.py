"""Demo data for the notification centre: the demo people get e-mail addresses (the development
e-mail backend writes the messages to sent-mail/), and what the demo's history raised more than
before is marked read but each person's three newest, so that each role's bell shows a few recent
things to act on.
``make run`` then runs send_reminders and deliver_reports once. Idempotent."""

from __future__ import annotations

from django.db.models import Q

from accounts.models import User
from salesops.services import now

from .models import Notification


def build(users) -> None:
    for person in User.objects.filter(Q(email="") | Q(email__isnull=True)):
        User.objects.filter(pk=person.pk).update(email=f"{person.username}@example.com")
    keep: set[int] = set()
    for person in User.objects.filter(notifications__read_at__isnull=True).distinct():
        newest = Notification.objects.filter(recipient=person, read_at__isnull=True)
        keep.update(newest.order_by("-created_at", "-pk").values_list("pk", flat=True)[:3])
    Notification.objects.filter(read_at__isnull=True).exclude(pk__in=keep).update(read_at=now())
