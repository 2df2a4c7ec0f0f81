"""Back-office menus for units (机构) and staff roles (人员角色)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from gongkai.organisations import views
from gongkai.organisations.admin_permissions import UnitScopedPermissionPolicy
from gongkai.organisations.admin_views import ScopedViewsMixin
from gongkai.organisations.forms import MembershipForm, OrganisationForm
from gongkai.organisations.models import Membership, Organisation

register_permission_policy(Organisation, UnitScopedPermissionPolicy(Organisation, unit_lookup=""))
register_permission_policy(
    Membership, UnitScopedPermissionPolicy(Membership, unit_lookup="organisation")
)


class OrganisationViewSet(ScopedViewsMixin, ModelViewSet):
    model = Organisation
    icon = "site"
    menu_label = _("机构")
    add_to_admin_menu = False
    form_class = OrganisationForm
    add_view_class = views.OrganisationCreateView
    edit_view_class = views.OrganisationEditView
    copy_view_class = views.OrganisationCopyView
    delete_view_class = views.OrganisationDeleteView
    list_display = ["name", "short_name", "kind", "credit_code", "org_code"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "credit_code", "org_code"]
    ordering = ["path"]

    def get_form_class(self, for_update: bool = False) -> type[OrganisationForm]:
        return OrganisationForm


class MembershipViewSet(ScopedViewsMixin, ModelViewSet):
    model = Membership
    icon = "user"
    menu_label = _("人员角色")
    add_to_admin_menu = False
    form_class = MembershipForm
    add_view_class = views.MembershipCreateView
    edit_view_class = views.MembershipEditView
    copy_view_class = views.MembershipCopyView
    delete_view_class = views.MembershipDeleteView
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "organisation__name"]

    def get_form_class(self, for_update: bool = False) -> type[MembershipForm]:
        return MembershipForm


class OrganisationsGroup(ModelViewSetGroup):
    menu_label = _("机构与人员")
    menu_icon = "group"
    menu_order = 250
    items = (OrganisationViewSet("organisations"), MembershipViewSet("memberships"))


@hooks.register("register_admin_viewset")
def register_viewsets() -> OrganisationsGroup:
    return OrganisationsGroup()
