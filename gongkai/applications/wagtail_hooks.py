"""Admin integration of 依申请公开: routes, the menu, letter templates and appeal records."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from gongkai.applications import admin_views, policies
from gongkai.applications.models import Appeal, LetterTemplate
from gongkai.organisations.admin_views import UnitScopedViewSet, register_unit_scoped
from gongkai.organisations.policies import Capability


@hooks.register("register_admin_urls")
def register_urls() -> list[Any]:
    return [
        path("applications/", admin_views.case_list, name="applications_admin_list"),
        path("applications/dashboard/", admin_views.dashboard, name="applications_admin_dashboard"),
        path(
            "applications/register/", admin_views.register_view, name="applications_admin_register"
        ),
        path("applications/<int:pk>/", admin_views.case_detail, name="applications_admin_detail"),
        path(
            "applications/<int:pk>/letters/<int:letter_id>.<str:fmt>",
            admin_views.letter_file,
            name="applications_admin_letter",
        ),
        path(
            "applications/<int:pk>/attachments/<int:attachment_id>/",
            admin_views.attachment_file,
            name="applications_admin_attachment",
        ),
    ]


class CaseMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return policies.sees_applications_menu(request.user)


class CaseListMenuItem(MenuItem):
    """The case list is also the reviewers' (their cases in legal review)."""

    def is_shown(self, request: HttpRequest) -> bool:
        return policies.sees_case_list(request.user)


@hooks.register("register_admin_menu_item")
def register_menu() -> MenuItem:
    submenu = Menu(
        items=[
            CaseListMenuItem(
                _("申请办理"), reverse("applications_admin_list"), icon_name="mail", order=10
            ),
            CaseMenuItem(
                _("到期与逾期"), reverse("applications_admin_dashboard"), icon_name="time", order=20
            ),
            CaseMenuItem(
                _("登记申请"), reverse("applications_admin_register"), icon_name="plus", order=30
            ),
            CaseMenuItem(_("文书模板"), "/admin/letter-templates/", icon_name="doc-full", order=40),
            CaseMenuItem(_("复议与诉讼"), "/admin/appeals/", icon_name="warning", order=50),
        ]
    )
    return SubmenuMenuItem(_("依申请公开"), submenu, icon_name="mail", order=240)


register_unit_scoped(
    LetterTemplate, add=Capability.PUBLISH, change=Capability.PUBLISH, delete=Capability.PUBLISH
)
register_unit_scoped(
    Appeal,
    add=Capability.HANDLE_APPLICATIONS,
    change=Capability.HANDLE_APPLICATIONS,
    delete=Capability.PUBLISH,
)


class LetterTemplateViewSet(UnitScopedViewSet):
    model = LetterTemplate
    icon = "doc-full"
    menu_label = _("文书模板")
    list_display = ["code", "organisation", "updated_at"]
    form_class_path = "gongkai.applications.admin_forms.LetterTemplateForm"
    add_view_class = admin_views.LetterTemplateCreateView
    edit_view_class = admin_views.LetterTemplateEditView
    delete_view_class = admin_views.LetterTemplateDeleteView


class AppealViewSet(UnitScopedViewSet):
    model = Appeal
    icon = "warning"
    menu_label = _("复议与诉讼")
    list_display = ["organisation", "year", "kind", "result", "application"]
    list_filter = ["year", "kind", "result"]
    form_class_path = "gongkai.applications.admin_forms.AppealForm"
    add_view_class = admin_views.AppealCreateView
    edit_view_class = admin_views.AppealEditView
    delete_view_class = admin_views.AppealDeleteView


@hooks.register("register_admin_viewset")
def register_letter_templates() -> ModelViewSet:
    return LetterTemplateViewSet("letter-templates")


@hooks.register("register_admin_viewset")
def register_appeals() -> ModelViewSet:
    return AppealViewSet("appeals")
