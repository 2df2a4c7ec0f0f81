from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvisioningConfig(AppConfig):
    """Creating a unit touches several apps at once: the unit (organisations), its 政府信息公开
    column (library), its file collection and role groups, the site around it (portal) and the
    先审后发 workflow (review, through the portal's site set-up). That orchestration lives here,
    above the apps it touches, so none of them has to import another above it."""

    name = "gongkai.provisioning"
    verbose_name = _("开设单位")
