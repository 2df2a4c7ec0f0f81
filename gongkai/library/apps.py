from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "gongkai.library"
    verbose_name = _("政策文件库")

    def ready(self) -> None:
        from gongkai.library import signals  # noqa: F401  (connects publish/unpublish handlers)
