"""Demo data for the notification centre: the demo people get e-mail addresses (the development
e-mail backend writes the messages to sent-mail/), and what the demo's history raised more than
two days ago is marked read, so that each role's bell shows the recent things to act on.
``make run`` then runs send_reminders and deliver_reports once. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from accounts.models import User
from salesops.services import now

from .models import Notification


def build(users) -> None:
    for person in User.objects.filter(Q(email="") | Q(email__isnull=True)):
        User.objects.filter(pk=person.pk).update(email=f"{person.username}@example.com")
    Notification.objects.filter(
        read_at__isnull=True, created_at__lt=now() - dt.timedelta(days=2)
    ).update(read_at=now())
