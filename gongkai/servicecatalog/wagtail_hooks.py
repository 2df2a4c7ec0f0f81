"""Admin screen for the service catalogue, scoped to the units a member of staff works for."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from gongkai.core.wagtail_labels import YesNoColumn
from gongkai.organisations.admin_permissions import UnitScopedPermissionPolicy
from gongkai.organisations.admin_views import ScopedViewsMixin
from gongkai.servicecatalog import views
from gongkai.servicecatalog.forms import ServiceItemForm
from gongkai.servicecatalog.models import ServiceItem
from gongkai.servicecatalog.policies import SERVICE_ITEM_CAPABILITY

register_permission_policy(
    ServiceItem,
    UnitScopedPermissionPolicy(
        ServiceItem, unit_lookup="organisation", action_capability=SERVICE_ITEM_CAPABILITY
    ),
)


class ServiceItemViewSet(ScopedViewsMixin, ModelViewSet):
    def get_form_class(self, for_update: bool = False) -> type[ServiceItemForm]:
        return ServiceItemForm

    model = ServiceItem
    icon = "link"
    menu_label = _("办事事项")
    add_to_admin_menu = True
    menu_order = 260
    form_class = ServiceItemForm
    add_view_class = views.ServiceItemCreateView
    edit_view_class = views.ServiceItemEditView
    copy_view_class = views.ServiceItemCopyView
    delete_view_class = views.ServiceItemDeleteView
    list_display = [
        "name",
        "code",
        "organisation",
        "kind",
        YesNoColumn("is_active", label=_("在用")),
    ]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]


@hooks.register("register_admin_viewset")
def register_services() -> ModelViewSet:
    return ServiceItemViewSet("services")
