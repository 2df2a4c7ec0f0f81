"""Back-office views of the library: the 重大政策解读率 report for overseers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from gongkai.library import selectors
from gongkai.organisations.policies import Capability, organisations_with_capability


def interpretation_rate_report(request: HttpRequest) -> HttpResponse:
    if not organisations_with_capability(request.user, Capability.OVERSEE).exists():
        raise PermissionDenied
    year_param = request.GET.get("year", "")
    year = int(year_param) if year_param.isdigit() else None
    rows = selectors.interpretation_rates(request.user, year=year)
    context: dict[str, Any] = {
        "rows": rows,
        "year": year,
        "total_major": sum(r.major_policies for r in rows),
        "total_interpreted": sum(r.interpreted for r in rows),
    }
    return TemplateResponse(request, "library/admin/interpretation_rate.html", context)
