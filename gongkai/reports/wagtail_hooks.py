"""Admin integration of the annual report: the URLs of the screens (admin_views.py), the menu,
the office's dashboard panel and the figures' viewset. Who sees a menu entry or the panel is
decided in reports/policies.py."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from gongkai.organisations.admin_views import register_unit_scoped
from gongkai.reports import admin_views, oversight, policies
from gongkai.reports.models import ReportFigure


@hooks.register("register_admin_urls")
def register_urls() -> list[URLPattern]:
    return [
        path("reports/annual/new/", admin_views.draft_view, name="reports_draft"),
        path("reports/annual/overview/", admin_views.overview_view, name="reports_overview"),
        path("reports/annual/unit/", admin_views.unit_report_view, name="reports_unit_report"),
        path(
            "reports/annual/unit/download/",
            admin_views.unit_report_download,
            name="reports_unit_report_download",
        ),
        path("reports/oversight/", admin_views.oversight_view, name="reports_oversight"),
        path(
            "reports/oversight/<int:unit_id>/",
            admin_views.oversight_unit_view,
            name="reports_oversight_unit",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_oversight_menu() -> MenuItem:
    return OverseerItem(_("监督总览"), reverse("reports_oversight"), icon_name="warning", order=190)


class OversightPanel(Component):
    """The office's dashboard: the units needing action first, linked to their items."""

    name = "gongkai_oversight"
    order = 20
    template_name = "reports_pages/oversight_panel.html"
    SHOWN = 5

    def __init__(self, rows: list[oversight.UnitOversight]) -> None:
        self.rows = rows

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        needing = [r for r in self.rows if r.needs_action]
        return {"rows": needing[: self.SHOWN], "total": len(needing)}


@hooks.register("construct_homepage_panels")
def add_oversight_panel(request: HttpRequest, panels: list[Component]) -> None:
    if policies.can_oversee(request.user):
        units = policies.overseen_units(request.user)
        panels.append(OversightPanel(oversight.oversight(request.user, units=units)))


class DraftMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return policies.can_compile_any(request.user)


class OverseerItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return policies.can_oversee(request.user)


@hooks.register("register_admin_menu_item")
def register_menu() -> MenuItem:
    submenu = Menu(
        items=[
            DraftMenuItem(
                _("编制年度报告"), reverse("reports_draft"), icon_name="doc-full", order=10
            ),
            DraftMenuItem(_("其他系统数据"), "/admin/report-figures/", icon_name="table", order=20),
            OverseerItem(
                _("编制单位年度报告"),
                reverse("reports_unit_report"),
                icon_name="doc-full",
                order=15,
            ),
            OverseerItem(
                _("全市年报概览"), reverse("reports_overview"), icon_name="table", order=30
            ),
        ]
    )
    return SubmenuMenuItem(_("年度报告"), submenu, icon_name="doc-full", order=245)


register_unit_scoped(ReportFigure, **policies.FIGURE_ACTIONS)


@hooks.register("register_admin_viewset")
def register_figures() -> ModelViewSet:
    return admin_views.ReportFigureViewSet("report-figures")
