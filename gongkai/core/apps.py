from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "gongkai_core"
    verbose_name = _("平台基础")

    def ready(self) -> None:
        from gongkai.core.media import connect_reference_indexing
        from gongkai.core.pagecache import connect_invalidation

        connect_invalidation()
        connect_reference_indexing()
