from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    label = "applications"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        # local import: the receivers connect once the app registry is ready (models loaded).
        from gongkai.applications import signals  # noqa: F401 - connects receivers
