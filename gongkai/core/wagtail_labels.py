"""Labels that Wagtail leaves to Django, which makes them from the field's name in English
("Password", "Role", "Page", the sites list's "Port"): given Chinese labels here, at start-up
(docs/i18n.md)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm
from wagtail.admin.forms.workflows import WorkflowPageForm
from wagtail.admin.ui.tables import Column
from wagtail.sites.views import IndexView as SiteIndexView
from wagtail.users.forms import PagePermissionsForm
from wagtail.users.views.bulk_actions.assign_role import RoleForm


class YesNoColumn(Column):
    """A boolean shown as 是/否 (Wagtail's plain column prints True/False)."""

    def get_value(self, instance: Any) -> Any:
        value = super().get_value(instance)
        if value is None:
            return ""
        return _("是") if value else _("否")


SITE_COLUMN_LABELS = {"port": _("端口号"), "site_name": _("站点名称"), "root_page": _("根页面")}


def label_wagtail_fields() -> None:

    LoginForm.base_fields["password"].label = _("密码")
    RoleForm.base_fields["role"].label = _("角色（用户组）")
    WorkflowPageForm.base_fields["page"].label = _("页面")
    PagePermissionsForm.base_fields["page"].label = _("页面")
    for column in SiteIndexView.columns:
        if column.name in SITE_COLUMN_LABELS:
            column.label = SITE_COLUMN_LABELS[column.name]
