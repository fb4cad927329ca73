from django.apps import AppConfig


class ClientimportConfig(AppConfig):
    name = "clientimport"
    verbose_name = "客户导入"
