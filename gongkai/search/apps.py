from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "gongkai_search"
    verbose_name = _("站内搜索")

    def ready(self) -> None:
        from gongkai.search import signals  # noqa: F401  (keeps the index in step with publishing)
