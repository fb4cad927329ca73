import datetime as dt

from django.core.management.base import BaseCommand

from notifications.delivery import deliver_pending
from notifications.reminders import send_reminders
from notifications.services import inline_delivery


class Command(BaseCommand):
    help = (
        "Raise the due reminders (revisits, work logs, next week's plans, reports) and send "
        "pending deliveries. Idempotent: safe every few minutes, on several machines at once."
    )

    def handle(self, *args, **options):
        with inline_delivery():
            counts = send_reminders()
            swept = deliver_pending(dt.timedelta(minutes=1))
        counts.update({f"deliveries_{k}": v for k, v in swept.items()})
        self.stdout.write(" ".join(f"{k}={v}" for k, v in counts.items()))
