"""Back-office views of the library: the 重大政策解读率 report for overseers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from gongkai.core.queryparams import BadParameter, bad_parameter_response, int_param
from gongkai.library import selectors
from gongkai.organisations.policies import Capability, organisations_with_capability


def interpretation_rate_report(request: HttpRequest) -> HttpResponse:
    if not organisations_with_capability(request.user, Capability.OVERSEE).exists():
        raise PermissionDenied
    try:
        year = int_param(request, "year", default=None, low=2000, high=2100, label=_("发布年度"))
    except BadParameter as error:
        return bad_parameter_response(request, error, admin=True)
    # Exception-first: the lowest rates on top, units without major policies last.
    rows = sorted(
        selectors.interpretation_rates(request.user, year=year),
        key=lambda r: (r.rate is None, r.rate if r.rate is not None else 0, r.organisation.path),
    )
    context: dict[str, Any] = {
        "rows": rows,
        "year": year,
        "total_major": sum(r.major_policies for r in rows),
        "total_interpreted": sum(r.interpreted for r in rows),
    }
    return TemplateResponse(request, "library/admin/interpretation_rate.html", context)
