"""Dropped clients and clients without a visit for CLIENT_POOL_IDLE_DAYS days enter their team's
pool (公海). Run it daily (cron, systemd timer); running it twice, or twice at once, moves nothing twice."""

from django.core.management.base import BaseCommand

from clientpool.rules import idle_days
from clientpool.services import pool_return


class Command(BaseCommand):
    help = "Return dropped and idle clients to their team's pool (公海)."

    def handle(self, *args, **options):
        result = pool_return()
        self.stdout.write(
            f"公海 / client pool: {result.idle} idle (no visit for {idle_days()} days), "
            f"{result.dropped} dropped returned."
        )
