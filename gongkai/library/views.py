"""Back-office views of the library: the 重大政策解读率 report for overseers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from gongkai.core.queryparams import BadParameter, bad_parameter_response, int_param
from gongkai.library import policies, selectors, services
from gongkai.library.models import InterpretationPage, PolicyDocumentPage


def interpretation_rate_report(request: HttpRequest) -> HttpResponse:
    if not policies.can_see_oversight_reports(request.user):
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


def draft_interpretation(request: HttpRequest, page_id: int) -> HttpResponse:
    """起草解读: from the policy's page, its interpretation draft (services.interpretation_draft_from),
    then its edit page. GET asks, POST creates."""

    policy = get_object_or_404(PolicyDocumentPage, pk=page_id)
    unit = policy.organisation
    if unit is None or not policies.can_see_page_in_admin(request.user, policy):
        raise Http404  # another unit's page is as missing (issue 11)
    if not policies.can_draft_in(request.user, unit):
        raise PermissionDenied
    existing = InterpretationPage.objects.filter(policy=policy).order_by("pk").first()
    if request.method == "POST":
        interpretation = services.interpretation_draft_from(actor=request.user, policy=policy)
        if existing is None:
            messages.success(
                request,
                _("已起草解读《%(t)s》：请写明背景依据、主要内容等，保存后提交审核。")
                % {"t": interpretation.title},
            )
        else:
            messages.info(request, _("本文件已有政策解读，已为您打开。"))
        return redirect("wagtailadmin_pages:edit", interpretation.pk)
    context = {"policy": policy, "existing": existing}
    return TemplateResponse(request, "library/admin/draft_interpretation.html", context)
