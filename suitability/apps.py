from django.apps import AppConfig


class SuitabilityConfig(AppConfig):
    name = "suitability"
    verbose_name = "适当性管理"
