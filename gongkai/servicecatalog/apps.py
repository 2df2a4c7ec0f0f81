from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceCatalogConfig(AppConfig):
    name = "gongkai.servicecatalog"
    verbose_name = _("办事事项")

    def ready(self) -> None:
        # local import: models load once the app registry is ready
        from gongkai.core.pagecache import watch_models

        # local import: models load once the app registry is ready
        from gongkai.servicecatalog.models import ServiceItem

        watch_models(ServiceItem)  # service items are linked from policies' pages
