from django.core.management.base import BaseCommand

from notifications.delivery import deliver_pending
from notifications.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Raise the due reminders (revisits, work logs, next week's plans, reports) and send "
        "pending deliveries. Idempotent: safe every few minutes, on several machines at once."
    )

    def handle(self, *args, **options):
        counts = send_reminders()
        import datetime as dt

        counts.update(
            {f"deliveries_{k}": v for k, v in deliver_pending(dt.timedelta(minutes=1)).items()}
        )
        self.stdout.write(" ".join(f"{k}={v}" for k, v in counts.items()))
