from django.apps import AppConfig


class OpenweekConfig(AppConfig):
    name = "gongkai.openweek"
    label = "openweek"
    verbose_name = "政府开放周"
