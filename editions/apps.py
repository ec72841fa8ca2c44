from django.apps import AppConfig


class EditionsConfig(AppConfig):
    name = "editions"
    verbose_name = "繁体版"
