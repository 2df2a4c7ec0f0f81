"""The city office's 专题专栏 screens (plain forms, no admin script): the columns with a new-column
form, and one column's curation — search the library with the site's own search, tick many
documents, add them at once, and send the change to the host unit's review."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState

from gongkai.core.queryparams import BadParameter, bad_parameter_response, int_param, text_param
from gongkai.organisations.models import Organisation
from gongkai.organisations.policies import can_curate_thematic_columns, units_overseen_by
from gongkai.portal import services
from gongkai.portal.models import ThematicColumnPage
from gongkai.search.query import Filters, search

MAX_QUERY_LENGTH = 100
RESULTS_SHOWN = 50


def _curator(request: HttpRequest) -> None:
    if not can_curate_thematic_columns(request.user):
        raise PermissionDenied


def _hosts(request: HttpRequest) -> Any:
    return units_overseen_by(request.user)


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _status(column: ThematicColumnPage) -> str:
    state = (
        WorkflowState.objects.for_instance(column)
        .active()
        .select_related("current_task_state__task")
        .first()
    )
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        task = state.current_task_state.task.name if state.current_task_state else ""
        return _("审核中（%(step)s）") % {"step": task} if task else _("审核中")
    if state is not None:
        return _("已退回修改")
    if not column.live:
        return _("草稿（未发布）")
    return _("已发布，有未提交审核的修改") if column.has_unpublished_changes else _("已发布")


def column_list(request: HttpRequest) -> HttpResponse:
    _curator(request)
    hosts = _hosts(request)
    if request.method == "POST":
        unit = hosts.filter(pk=request.POST.get("organisation") or 0).first()
        try:
            column = services.column_create(
                title=request.POST.get("title", "")[:200],
                intro=request.POST.get("intro", "")[:2000],
                unit=unit,
                actor=request.user,
            )
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("已新建专栏草稿：请加入文件后提交审核。"))
            return redirect("portal_column_curate", column.pk)
    columns = [
        {"page": c, "draft": services.column_draft(c), "status": _status(c)}
        for c in ThematicColumnPage.objects.order_by("path").select_related("organisation")
    ]
    return TemplateResponse(
        request, "portal/admin/columns.html", {"columns": columns, "hosts": hosts}
    )


def _doc_ids(request: HttpRequest) -> list[int]:
    return [int(v) for v in request.POST.getlist("document") if v.isascii() and v.isdigit()][:500]


def column_curate(request: HttpRequest, pk: int) -> HttpResponse:
    """One column: its documents (latest draft), the search listing with checkboxes for bulk
    add, the host unit, and 提交审核."""

    _curator(request)
    column = get_object_or_404(ThematicColumnPage, pk=pk)
    hosts = _hosts(request)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "add":
                n = services.column_add_documents(column, _doc_ids(request), actor=request.user)
                messages.success(
                    request, _("已加入 %(n)s 件文件（草稿）：修改完成后请提交审核。") % {"n": n}
                )
            elif action == "remove":
                n = services.column_remove_documents(column, _doc_ids(request), actor=request.user)
                messages.success(request, _("已移出 %(n)s 件文件（草稿）。") % {"n": n})
            elif action == "host":
                unit = hosts.filter(pk=request.POST.get("organisation") or 0).first()
                services.column_set_host(column, unit, actor=request.user)
                messages.success(request, _("已更改主办单位。"))
            elif action == "submit":
                services.column_submit(column, actor=request.user)
                messages.success(request, _("已提交审核：经主办单位保密审查、签发后发布。"))
            else:
                messages.error(request, _("未知的操作。"))
        except ValidationError as error:
            _errors(request, error)
        return redirect(request.get_full_path())
    try:
        query = text_param(request, "q", max_length=MAX_QUERY_LENGTH, label=_("关键词"))
        unit_id = int_param(
            request, "organ", default=None, low=1, high=2**31 - 1, label=_("发文机关")
        )
        year = int_param(request, "year", default=None, low=2000, high=2100, label=_("发布年度"))
    except BadParameter as error:
        return bad_parameter_response(request, error, admin=True)
    draft = services.column_draft(column)
    items = list(draft.items.all())
    present = {i.document_id for i in items}
    searched = bool(query or unit_id or year)
    results = (
        search(query, Filters(unit=unit_id, year=year), page_size=RESULTS_SHOWN)
        if searched
        else None
    )
    return TemplateResponse(
        request,
        "portal/admin/column_curate.html",
        {
            "column": column,
            "draft": draft,
            "items": items,
            "present": present,
            "status": _status(column),
            "hosts": hosts,
            "units": Organisation.objects.order_by("path"),
            "query": query,
            "unit_id": unit_id,
            "year": year,
            "results": results,
        },
    )
