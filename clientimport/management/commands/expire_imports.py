"""Unconfirmed client uploads older than CLIENT_IMPORT_KEEP_DAYS (7) expire: the file is deleted,
the record kept as 已过期. Run it daily (systemd timer); running it twice expires nothing twice."""

from django.core.management.base import BaseCommand

from clientimport.services import import_expire, keep_days


class Command(BaseCommand):
    help = "Delete the files of client uploads not confirmed within CLIENT_IMPORT_KEEP_DAYS days."

    def handle(self, *args, **options):
        count = import_expire()
        self.stdout.write(
            f"客户导入 / client imports: {count} unconfirmed for {keep_days()} days expired."
        )
