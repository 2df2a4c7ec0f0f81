from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "gongkai.organisations"
    verbose_name = _("机构与人员")

    def ready(self) -> None:
        # local import: models load once the app registry is ready
        from gongkai.core.pagecache import watch_models

        # local import: models load once the app registry is ready
        from gongkai.organisations.models import Organisation

        watch_models(Organisation)  # a unit's name and contact data appear on public pages
