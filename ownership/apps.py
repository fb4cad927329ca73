from django.apps import AppConfig


class OwnershipConfig(AppConfig):
    name = "ownership"
    verbose_name = "客户归属与号码保护"
