from django.apps import AppConfig


class SalesopsConfig(AppConfig):
    name = "salesops"

    def ready(self) -> None:
        from .tables import cache_signatures

        # list and report pages draw thousands of cells: see salesops/tables.py
        cache_signatures()
