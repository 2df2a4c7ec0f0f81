from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceCatalogConfig(AppConfig):
    name = "gongkai.servicecatalog"
    verbose_name = _("办事事项")
