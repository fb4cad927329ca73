from django.core.management.base import BaseCommand

from notifications.reports_mail import deliver_reports


class Command(BaseCommand):
    help = (
        "Mail submitted reports (frozen .xlsx and PDF; the weekly pack as one workbook), what is "
        "missing at each due time, and the Monday list of late and missing reports to the "
        "office's mailbox (SALESOPS_OFFICE_EMAIL). Idempotent: each mail is sent once."
    )

    def handle(self, *args, **options):
        counts = deliver_reports()
        if not counts:
            self.stdout.write("SALESOPS_OFFICE_EMAIL is not set: nothing to deliver")
            return
        self.stdout.write(" ".join(f"{k}={v}" for k, v in counts.items()))
