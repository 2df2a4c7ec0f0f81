from django.apps import AppConfig


class CheckerConfig(AppConfig):
    name = "gongkai.checker"
    label = "gongkai_checker"
    verbose_name = "内容检查"
