"""Run a scheduled job once per slot across every app server.

Every server runs the same systemd timers (deploy/systemd/), so a scheduled command starts on each of
them at about the same moment. ``claim(job, slot)`` inserts a ``JobRun`` row keyed by a unique
constraint: the first server's insert wins and does the work; every other one gets ``False`` and
does nothing. Use it at the top of any command whose effect must happen once (a reminder, a
delivery): ``if not claim("send_reminders", today.isoformat()): return``.

The claim is committed before the work: a run that fails after claiming is not retried for that slot
by the other servers (it says so in the log; run it again with ``--force`` where a command offers
one). Sending twice is worse than sending late for the notices this is meant for.
"""

from __future__ import annotations

import socket

from django.db import IntegrityError, transaction

from .models import JobRun


def claim(job: str, slot: str) -> bool:
    """True for exactly one caller per (job, slot), whichever server or process it runs in."""
    try:
        with transaction.atomic():
            JobRun.objects.create(job=job, slot=slot, host=socket.gethostname()[:100])
    except IntegrityError:
        return False
    return True
