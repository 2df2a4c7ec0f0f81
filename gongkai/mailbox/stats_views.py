"""The public statistics of letters (/hdjl/tongji/) and the inspection view in the admin
(来信统计与检查, /admin/letter-stats/).

Both count by mailbox.stats (its docstring defines every figure). The public page shows per unit
the figures of a month or a year, no letter and no person. The inspection view lists, by number,
every valid letter unanswered for more than three months — the veto item (单项否决) of the website
inspection (国办秘函〔2019〕19号, DOMAIN.md §5) — for the units the user may see
(stats_policies): the city's disclosure office every unit and the unrouted letters, a unit its own.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gongkai.core.queryparams import BadParameter, bad_parameter_response, int_param
from gongkai.mailbox import stats, stats_policies

FIRST_YEAR = 2000
MONTHS = list(range(1, 13))


def _period(request: HttpRequest) -> stats.Period:
    today = timezone.localdate()
    year = int_param(
        request, "year", default=today.year, low=FIRST_YEAR, high=today.year, label=_("年度")
    )
    month = int_param(request, "month", default=None, low=1, high=12, label=_("月份"))
    return stats.Period(year or today.year, month)


def _context(period: stats.Period, rows: list[stats.UnitStats]) -> dict[str, object]:
    today = timezone.localdate()
    return {
        "period": period,
        "rows": rows,
        "total": stats.totals(rows),
        "as_of": today,
        "years": list(range(today.year, FIRST_YEAR - 1, -1))[:10],
        "months": MONTHS,
    }


@require_http_methods(["GET", "HEAD"])
def public_stats(request: HttpRequest) -> HttpResponse:
    """来信办理情况统计: per unit, the month's or the year's figures (the public's view)."""
    try:
        period = _period(request)
    except BadParameter as error:
        return bad_parameter_response(request, error)
    rows = stats.unit_stats(period)
    return TemplateResponse(request, "mailbox/stats/public.html", _context(period, rows))


@require_http_methods(["GET", "HEAD"])
def inspection_view(request: HttpRequest) -> HttpResponse:
    """来信统计与检查: the veto letters first, then the period's figures per unit."""
    units = stats_policies.units_inspected_by(request.user)
    if not units.exists():
        raise PermissionDenied
    try:
        period = _period(request)
    except BadParameter as error:
        return bad_parameter_response(request, error, admin=True)
    unrouted = stats_policies.sees_unrouted_letters(request.user)
    ids = set(units.values_list("pk", flat=True))
    rows = [
        row
        for row in stats.unit_stats(period)
        if (row.unit is None and unrouted) or (row.unit is not None and row.unit.pk in ids)
    ]
    veto = stats.veto_letters(units=units, include_unrouted=unrouted)
    context = {
        **_context(period, rows),
        "veto": veto,
        "veto_units": len({v.unit for v in veto}),
        "query": urlencode({"year": period.year, "month": period.month or ""}),
    }
    return TemplateResponse(request, "mailbox/stats/inspection.html", context)
