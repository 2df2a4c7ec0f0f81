"""Back-office screens for units (机构) and staff roles (人员角色). Registered in the admin by
provisioning.wagtail_hooks, which adds the unit create view: creating a unit also creates its
column, collection and workflow (provisioning.services.unit_create)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from gongkai.organisations import views
from gongkai.organisations.admin_views import ScopedViewsMixin
from gongkai.organisations.forms import MembershipForm, OrganisationForm
from gongkai.organisations.models import Membership, Organisation


class OrganisationViewSet(ScopedViewsMixin, ModelViewSet):
    model = Organisation
    icon = "site"
    menu_label = _("机构")
    add_to_admin_menu = False
    form_class = OrganisationForm
    edit_view_class = views.OrganisationEditView
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
