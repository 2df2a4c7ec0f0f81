"""The disclosure office's screens: the exception-first oversight (监督总览) with its drill-down
per unit, and 编制年度报告 for any unit it oversees (computed now, shown and downloadable)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gongkai.core.queryparams import BadParameter, bad_parameter_response, int_param
from gongkai.organisations.models import Organisation
from gongkai.reports import oversight

# 条例 took effect in 2008: the first annual reports are of that year (cli_annual too).
FIRST_YEAR, LAST_YEAR = 2008, 2100
DOWNLOAD_FORMATS = {"docx": "Word", "pdf": "PDF", "xlsx": "Excel（统计表）", "json": "数据（JSON）"}


def _overseen(request: HttpRequest) -> Any:
    units = oversight.overseen_units(request.user)
    if not units.exists():
        raise PermissionDenied
    return units


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
    # Outside the office's subtree is answered as a missing unit (the house rule).
    unit = get_object_or_404(_overseen(request), pk=unit_id)
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


def _report_params(request: HttpRequest, units: Any) -> tuple[Organisation | None, int, bool]:
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
    from the records now (reports.services.computed_document) and shown with its downloads.
    The unit itself drafts, reviews and publishes its report page (admin → 编制年度报告)."""
    from gongkai.reports import export, services

    units = _overseen(request)
    try:
        unit, year, subtree = _report_params(request, units)
    except BadParameter as error:
        return bad_parameter_response(request, error, admin=True)
    context: dict[str, Any] = {"units": units, "unit": unit, "year": year, "subtree": subtree}
    if unit is not None:
        document = services.computed_document(unit, year, subtree=subtree)
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
    from gongkai.reports import services

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
    document = services.computed_document(unit, year, subtree=subtree)
    name = f"{unit.name}{year}年政府信息公开工作年度报告" + ("（含下级单位）" if subtree else "")
    return services.download_response(document, fmt, name)
