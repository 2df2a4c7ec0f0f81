from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "gongkai.workdays"
    label = "workdays"
    verbose_name = "工作日历"

    def ready(self) -> None:
        # local import: signals imports the models, which need the app registry ready
        from gongkai.workdays import signals  # noqa: F401 — connects the model receivers
