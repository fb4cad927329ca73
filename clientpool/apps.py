from django.apps import AppConfig


class ClientpoolConfig(AppConfig):
    name = "clientpool"
    verbose_name = "客户公海"
