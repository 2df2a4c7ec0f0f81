"""Admin integration of the annual report: draft a unit's report, the figures from other
systems, and the overseers' overview with charts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from gongkai.core.queryparams import BadParameter, bad_parameter_response, int_param
from gongkai.organisations.admin_views import UnitScopedViewSet, register_unit_scoped
from gongkai.organisations.policies import Capability, organisations_with_capability
from gongkai.reports import admin_views
from gongkai.reports.models import ReportFigure


def draft_view(request: HttpRequest) -> HttpResponse:
    from gongkai.reports import services

    units = organisations_with_capability(request.user, Capability.DRAFT).order_by("path")
    if not units.exists():
        raise PermissionDenied
    year = timezone.localdate().year - 1
    if request.method == "POST":
        unit = units.filter(pk=request.POST.get("unit")).first()
        try:
            year = int(request.POST.get("year", year))
            if not 2008 <= year <= 2100:
                raise ValidationError(_("年度应在 2008 至 2100 之间。"))
            if unit is None:
                raise ValidationError(_("请选择单位。"))
            page = services.report_draft(
                unit, year, actor=request.user, subtree=bool(request.POST.get("subtree"))
            )
        except (ValueError, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("已生成年度报告草稿：请补充正文后提交审核。"))
            return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request, "reports_pages/admin_draft.html", {"units": units, "year": year}
    )


def overview_view(request: HttpRequest) -> HttpResponse:
    """The overseer's view: every unit's table-三 totals for a year, and the charts."""
    from gongkai.reports import compute
    from gongkai.reports.export import chart_svg_by_month, chart_svg_on_time

    roots = organisations_with_capability(request.user, Capability.OVERSEE)
    if not roots.exists():
        raise PermissionDenied
    this_year = timezone.localdate().year
    try:
        # 条例 took effect in 2008: the first annual reports are of that year (cli_annual too).
        year = (
            int_param(request, "year", default=this_year, low=2008, high=2100, label=str(_("年度")))
            or this_year
        )
    except BadParameter as error:
        return bad_parameter_response(request, error, admin=True)
    top = roots.order_by("depth", "path")[0]
    units = list(roots.order_by("path"))
    totals = compute.totals_by_unit([u.pk for u in units], year)
    rows = [
        {"unit": u, **totals.get(u.pk, {"new": 0, "answered": 0, "carried_out": 0})} for u in units
    ]
    chart = compute.charts(top, year, subtree=True)
    return TemplateResponse(
        request,
        "reports_pages/admin_overview.html",
        {
            "year": year,
            "top": top,
            "rows": rows,
            "by_month": mark_safe(chart_svg_by_month(chart["by_month"])),  # noqa: S308 - our SVG, escaped inside
            "on_time": mark_safe(  # noqa: S308 - our SVG, escaped inside
                chart_svg_on_time(chart["on_time_rate"], chart["on_time"], chart["late"])
            ),
        },
    )


@hooks.register("register_admin_urls")
def register_urls() -> list[Any]:
    return [
        path("reports/annual/new/", draft_view, name="reports_draft"),
        path("reports/annual/overview/", overview_view, name="reports_overview"),
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

    def __init__(self, rows: list[Any]) -> None:
        self.rows = rows

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        needing = [r for r in self.rows if r.needs_action]
        return {"rows": needing[: self.SHOWN], "total": len(needing)}


@hooks.register("construct_homepage_panels")
def add_oversight_panel(request: HttpRequest, panels: list[Any]) -> None:
    from gongkai.reports import oversight

    units = oversight.overseen_units(request.user)
    if units.exists():
        panels.append(OversightPanel(oversight.oversight(request.user, units=units)))


class DraftMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return organisations_with_capability(request.user, Capability.DRAFT).exists()


class OverseerItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return organisations_with_capability(request.user, Capability.OVERSEE).exists()


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


register_unit_scoped(
    ReportFigure, add=Capability.DRAFT, change=Capability.DRAFT, delete=Capability.PUBLISH
)


class ReportFigureViewSet(UnitScopedViewSet):
    model = ReportFigure
    icon = "table"
    menu_label = _("其他系统数据")
    list_display = ["organisation", "year", "key", "value", "source"]
    list_filter = ["year", "key"]
    form_class_path = "gongkai.reports.admin_forms.ReportFigureForm"


@hooks.register("register_admin_viewset")
def register_figures() -> ModelViewSet:
    return ReportFigureViewSet("report-figures")
