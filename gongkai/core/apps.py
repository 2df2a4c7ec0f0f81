from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "gongkai_core"
    verbose_name = _("平台基础")

    def ready(self) -> None:
        # local import: models load once the app registry is ready
        from django.db.models.signals import post_migrate

        # local import: models load once the app registry is ready
        from gongkai.core.chinese_defaults import on_post_migrate

        # local import: models load once the app registry is ready
        from gongkai.core.media import connect_reference_indexing

        # local import: models load once the app registry is ready
        from gongkai.core.pagecache import connect_invalidation

        # local import: models load once the app registry is ready
        from gongkai.core.wagtail_labels import label_wagtail_fields

        connect_invalidation()
        connect_reference_indexing()
        # Chinese names for Wagtail's and Django's default objects (Root, Editors, permissions).
        post_migrate.connect(on_post_migrate, dispatch_uid="gongkai_chinese_defaults")
        label_wagtail_fields()
