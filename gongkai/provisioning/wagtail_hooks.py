"""The 机构与人员 menu: units (created with their column, collection and workflow) and roles."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup

from gongkai.organisations.viewsets import MembershipViewSet, OrganisationViewSet
from gongkai.provisioning.views import UnitCopyView, UnitCreateView


class UnitViewSet(OrganisationViewSet):
    add_view_class = UnitCreateView
    copy_view_class = UnitCopyView


class OrganisationsGroup(ModelViewSetGroup):
    menu_label = _("机构与人员")
    menu_icon = "group"
    menu_order = 250
    items = (UnitViewSet("organisations"), MembershipViewSet("memberships"))


@hooks.register("register_admin_viewset")
def register_viewsets() -> OrganisationsGroup:
    return OrganisationsGroup()
