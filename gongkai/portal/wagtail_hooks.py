"""Back-office screen for 我为政府网站找错 reports, scoped to the units a member of staff
works for or oversees (see portal/policies.py); its writes go through portal/services.py."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from gongkai.organisations.admin_views import ScopedViewsMixin
from gongkai.organisations.policies import can_curate_thematic_columns
from gongkai.portal import admin_views, report_views
from gongkai.portal.models import ErrorReport
from gongkai.portal.permissions import ErrorReportPermissionPolicy

register_permission_policy(ErrorReport, ErrorReportPermissionPolicy())


class ErrorReportViewSet(ScopedViewsMixin, ModelViewSet):
    model = ErrorReport
    icon = "warning"
    menu_label = _("网站纠错")
    add_to_admin_menu = True
    menu_order = 270
    list_display = ["__str__", "organisation", "status", "created_at"]
    list_filter = ["status", "category"]
    search_fields = ["description", "page_url"]
    ordering = ["-created_at"]
    add_view_class = report_views.ErrorReportCreateView
    edit_view_class = report_views.ErrorReportEditView
    copy_view_class = report_views.ErrorReportCopyView
    delete_view_class = report_views.ErrorReportDeleteView


@hooks.register("register_admin_viewset")
def register_error_reports() -> ModelViewSet:
    return ErrorReportViewSet("error_reports")


@hooks.register("register_admin_urls")
def register_column_urls() -> list[Any]:

    return [
        path("portal/columns/", admin_views.column_list, name="portal_columns"),
        path("portal/columns/<int:pk>/", admin_views.column_curate, name="portal_column_curate"),
    ]


class CuratorMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_curate_thematic_columns(request.user)


@hooks.register("register_admin_menu_item")
def register_column_menu() -> MenuItem:
    return CuratorMenuItem(
        _("专题专栏"), reverse("portal_columns"), icon_name="folder-open-inverse", order=260
    )
