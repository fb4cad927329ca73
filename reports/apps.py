from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "报表"

    def ready(self):
        from . import checks  # noqa: F401  (registers the Chinese-font check)
