"""一并签发: the head signs a 重大政策 and its interpretation in one step (signing.py)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Page

from gongkai.organisations.selectors import unit_of_page
from gongkai.review import policies, signing
from gongkai.review.forms import CommentForm


def sign_together_view(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page, pk=page_id).specific
    unit = unit_of_page(page)
    if not policies.can_see_unit(request.user, unit):
        raise Http404  # another unit's item is as missing (issue 11)
    state = page.current_workflow_task_state
    task = state.task.specific if state is not None else None
    at_signing = task is not None and signing.is_signing_step(task)
    may_sign = at_signing and policies.can_act_on_step(request.user, page, task)
    rows = signing.companions(page, request.user) if at_signing else []
    form = CommentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not may_sign:
            raise PermissionDenied
        if form.is_valid():
            try:
                signed = signing.sign_together(page, request.user, form.cleaned_data["comment"])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                status = 409
            else:
                titles = "、".join(f"《{p.title}》" for p in signed)
                messages.success(request, _("已签发并发布：%(t)s。") % {"t": titles})
                return redirect("wagtailadmin_explore", page.get_parent().pk)
        else:
            status = 400
    context = {
        "page": page,
        "unit": unit,
        "task": task,
        "at_signing": at_signing,
        "may_sign": may_sign,
        "needs_companion": signing.needs_companion(page),
        "rows": rows,
        "ready": [r for r in rows if r.ready],
        "form": form,
    }
    return TemplateResponse(request, "review/sign_together.html", context, status=status)
