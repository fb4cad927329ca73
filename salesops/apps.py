from django.apps import AppConfig


class SalesopsConfig(AppConfig):
    name = "salesops"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.utils.module_loading import autodiscover_modules

        from .requestcache import mark_renewed
        from .tables import cache_signatures

        # list and report pages draw thousands of cells: see salesops/tables.py
        cache_signatures()
        user_logged_in.connect(mark_renewed, dispatch_uid="salesops.session_renewed")
        # each app's hooks.py adds to the hooks of the apps below it (salesops/registry.py)
        autodiscover_modules("hooks")
