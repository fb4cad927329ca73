from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from workcalendar.loader import library_years, load_years
from workcalendar.models import WorkCalendarDay, WorkCalendarYear


class Command(BaseCommand):
    help = (
        "Loads statutory holidays and make-up working weekends (调休) from chinese-calendar: "
        "the years given, or every year the library knows. Run it after upgrading the library."
    )

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="*", type=int)

    def handle(self, *args, years, **options):
        try:
            with transaction.atomic():
                done = load_years(WorkCalendarDay, WorkCalendarYear, years or None)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"loaded {len(done)} years ({done[0]}–{done[-1]}); library knows "
            f"{library_years()[0]}–{library_years()[-1]}"
        )
