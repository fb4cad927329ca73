"""The scheduled jobs' heartbeat: once an hour for the whole deployment, however many servers run the
timer (deploy/systemd/salesops-heartbeat.timer). It records a ``JobRun`` row ("ops_heartbeat", the
hour) and logs one line; an hour without its row means the timers stopped. It is also the
two-server check's exactly-once probe (scripts/scale_check.py)."""

from __future__ import annotations

import logging

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from ops.once import claim
from salesops import clock

logger = logging.getLogger("ops.heartbeat")


class Command(BaseCommand):
    help = "Record the scheduled jobs' heartbeat once per hour for the whole deployment."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--slot", help="the slot to claim (default: this hour, local time)")

    def handle(self, *args, **options) -> None:
        slot = options["slot"] or timezone.localtime(clock.now()).strftime("%Y-%m-%dT%H")
        if claim("ops_heartbeat", slot):
            logger.warning("heartbeat sent for %s", slot)
            self.stdout.write(f"sent {slot}")
        else:
            self.stdout.write(f"already sent {slot}")
