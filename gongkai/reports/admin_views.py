"""The reports app's admin screens: a unit's 编制年度报告 (drafting its report page), the figures
other systems hold (generic views that save through services), and the disclosure office's
screens — the exception-first oversight (监督总览) with its drill-down per unit, the overview of
every unit's table 三, and 编制单位年度报告 for any unit it oversees (computed now, shown and
downloadable). Who may see what is decided in reports/policies.py."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views import generic

from gongkai.core.queryparams import BadParameter, bad_parameter_response, int_param
from gongkai.organisations.admin_views import (
    ScopedCopyView,
    ScopedDeleteView,
    ScopedEditView,
    UnitScopedViewSet,
)
from gongkai.organisations.models import Organisation
from gongkai.reports import compute, export, oversight, policies, services
from gongkai.reports.downloads import download_response
from gongkai.reports.models import ReportFigure

# 条例 took effect in 2008: the first annual reports are of that year (cli_annual too).
FIRST_YEAR, LAST_YEAR = 2008, 2100
DOWNLOAD_FORMATS = {"docx": "Word", "pdf": "PDF", "xlsx": "Excel（统计表）", "json": "数据（JSON）"}


def _overseen(request: HttpRequest) -> QuerySet[Organisation]:
    if not policies.can_oversee(request.user):
        raise PermissionDenied
    return policies.overseen_units(request.user)


def _year(request: HttpRequest, default: int | None) -> int | None:
    return int_param(
        request, "year", default=default, low=FIRST_YEAR, high=LAST_YEAR, label=_("年度")
    )


def oversight_view(request: HttpRequest) -> HttpResponse:
    """监督总览: the units needing action first (overdue, due soon, in review, interpretation
    gaps), the others folded below."""
    units = _overseen(request)
    try:
        year = _year(request, None)
    except BadParameter as error:
        return bad_parameter_response(request, error, admin=True)
    rows = oversight.oversight(request.user, year=year, units=units)
    return TemplateResponse(
        request,
        "reports_pages/oversight.html",
        {
            "year": year,
            "action_rows": [r for r in rows if r.needs_action],
            "quiet_rows": [r for r in rows if not r.needs_action],
            "chart": mark_safe(oversight.chart_svg(rows)),  # noqa: S308 - our SVG, escaped inside
            "year_query": f"?{urlencode({'year': year})}" if year else "",
        },
    )


def oversight_unit_view(request: HttpRequest, unit_id: int) -> HttpResponse:
    _overseen(request)
    # Outside the office's subtree is answered as a missing unit (the house rule).
    unit = Organisation.objects.filter(pk=unit_id).first()
    if unit is None or not policies.can_see_unit_report(request.user, unit):
        raise Http404
    try:
        year = _year(request, None)
    except BadParameter as error:
        return bad_parameter_response(request, error, admin=True)
    detail = oversight.unit_detail(request.user, unit, year=year)
    return TemplateResponse(
        request,
        "reports_pages/oversight_unit.html",
        {
            "unit": unit,
            "year": year,
            "detail": detail,
            "report_url": reverse("reports_unit_report") + f"?{urlencode({'unit': unit.pk})}",
        },
    )


def _report_params(
    request: HttpRequest, units: QuerySet[Organisation]
) -> tuple[Organisation | None, int, bool]:
    this_year = timezone.localdate().year
    year = _year(request, this_year - 1) or this_year - 1
    if year > this_year:
        raise BadParameter("year", _("不能编制未来年度的报告。"))
    unit_id = int_param(request, "unit", default=None, low=1, high=2**31 - 1, label=_("单位"))
    unit = None
    if unit_id is not None:
        unit = units.filter(pk=unit_id).first()
        if unit is None:
            raise BadParameter("unit", _("请选择您监督范围内的单位。"))
    return unit, year, request.GET.get("subtree") == "1"


def unit_report_view(request: HttpRequest) -> HttpResponse:
    """编制年度报告 for the office: choose a unit it oversees and a year; the report is computed
    from the records now (reports.compute.computed_document) and shown with its downloads.
    The unit itself drafts, reviews and publishes its report page (admin → 编制年度报告)."""
    units = _overseen(request)
    try:
        unit, year, subtree = _report_params(request, units)
    except BadParameter as error:
        return bad_parameter_response(request, error, admin=True)
    context: dict[str, Any] = {"units": units, "unit": unit, "year": year, "subtree": subtree}
    if unit is not None:
        document = compute.computed_document(unit, year, subtree=subtree)
        query = {"unit": unit.pk, "year": year, **({"subtree": 1} if subtree else {})}
        context["report_html"] = mark_safe(export.html_fragment(document))  # noqa: S308 - our exporter escapes every value
        context["downloads"] = [
            (
                label,
                reverse("reports_unit_report_download") + "?" + urlencode({**query, "format": fmt}),
            )
            for fmt, label in DOWNLOAD_FORMATS.items()
        ]
    return TemplateResponse(request, "reports_pages/unit_report.html", context)


def unit_report_download(request: HttpRequest) -> HttpResponse:
    units = _overseen(request)
    try:
        unit, year, subtree = _report_params(request, units)
        fmt = request.GET.get("format", "")
        if fmt not in DOWNLOAD_FORMATS:
            raise BadParameter("format", _("下载格式应为 docx、pdf、xlsx 或 json。"))
        if unit is None:
            raise BadParameter("unit", _("请选择您监督范围内的单位。"))
    except BadParameter as error:
        return bad_parameter_response(request, error, admin=True)
    document = compute.computed_document(unit, year, subtree=subtree)
    name = f"{unit.name}{year}年政府信息公开工作年度报告" + ("（含下级单位）" if subtree else "")
    return download_response(document, fmt, name)


# --- A unit's 编制年度报告 and the overview -----------------------------------------------------


def draft_view(request: HttpRequest) -> HttpResponse:
    if not policies.can_compile_any(request.user):
        raise PermissionDenied
    units = policies.compilable_units(request.user)
    year = timezone.localdate().year - 1
    if request.method == "POST":
        unit = units.filter(pk=request.POST.get("unit")).first()
        try:
            year = int(request.POST.get("year", year))
            if not FIRST_YEAR <= year <= LAST_YEAR:
                raise ValidationError(_("年度应在 2008 至 2100 之间。"))
            if unit is None:
                raise ValidationError(_("请选择单位。"))
            page = services.report_draft(
                actor=request.user,
                organisation=unit,
                year=year,
                subtree=bool(request.POST.get("subtree")),
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
    roots = _overseen(request)
    this_year = timezone.localdate().year
    try:
        year = _year(request, this_year) or this_year
    except BadParameter as error:
        return bad_parameter_response(request, error, admin=True)
    top = roots.order_by("depth", "path")[0]
    units = list(roots)
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
            "by_month": mark_safe(export.chart_svg_by_month(chart["by_month"])),  # noqa: S308 - our SVG, escaped inside
            "on_time": mark_safe(  # noqa: S308 - our SVG, escaped inside
                export.chart_svg_on_time(chart["on_time_rate"], chart["on_time"], chart["late"])
            ),
        },
    )


# --- Figures other systems hold: generic views saving through services ---------------------------


def _figure_set(view: Any, figure: ReportFigure | None = None) -> ReportFigure:
    """The figure form's values saved through services.figure_set (add, copy and edit)."""
    data = view.form.cleaned_data
    return services.figure_set(
        actor=view.request.user,
        organisation=data["organisation"],
        year=data["year"],
        key=data["key"],
        value=data["value"],
        source=data["source"],
        figure=figure,
    )


class ReportFigureCreateView(generic.CreateView):
    def save_instance(self) -> ReportFigure:
        return _figure_set(self)


class ReportFigureCopyView(ScopedCopyView, ReportFigureCreateView):
    """A copy is a new figure, saved by ReportFigureCreateView.save_instance (services.figure_set).

    Copying stays offered (as before): a compiler enters the same item for another year or unit
    from the same source system and changes the year and value. As on the add screen, a copy
    that names an item already entered for that unit and year replaces that item's figure
    (figure_set: one figure per unit, year and item).
    """


class ReportFigureEditView(ScopedEditView):
    def save_instance(self) -> ReportFigure:
        return _figure_set(self, figure=self.object)


class ReportFigureDeleteView(ScopedDeleteView):
    def delete_action(self) -> None:
        services.figure_delete(actor=self.request.user, figure=self.object)


class ReportFigureViewSet(UnitScopedViewSet):
    model = ReportFigure
    icon = "table"
    menu_label = gettext_lazy("其他系统数据")
    list_display = ["organisation", "year", "key", "value", "source"]
    list_filter = ["year", "key"]
    form_class_path = "gongkai.reports.admin_forms.ReportFigureForm"
    add_view_class = ReportFigureCreateView
    copy_view_class = ReportFigureCopyView
    edit_view_class = ReportFigureEditView
    delete_view_class = ReportFigureDeleteView
