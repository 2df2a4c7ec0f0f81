"""Admin screens of the review: one item's review sheet (审核单) with the findings marked in the
text, the review record with export and chain verification, and the live-content task list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.models import Page

from gongkai.checker.findings import kind_label
from gongkai.core.types import User
from gongkai.organisations.models import Organisation
from gongkai.organisations.selectors import staff_of, unit_of_page
from gongkai.review import policies, services
from gongkai.review.models import CheckTaskState, LiveFinding, ReviewEvent

SEVERITY_LABELS = {"block": "阻止", "warn": "警告", "info": "提示"}


def marked_text(text: str, findings: list[dict[str, Any]]) -> SafeString:
    """The text, escaped, with each finding in a <mark> that has an id to jump to."""
    out: list[str] = []
    position = 0
    for n, f in enumerate(sorted(findings, key=lambda f: (f["start"], f["end"])), start=1):
        start, end = max(int(f["start"]), position), int(f["end"])
        if end <= start:
            continue
        out.append(escape(text[position:start]))
        out.append(
            f'<mark id="finding-{n}" class="finding finding-{escape(f["severity"])}" '
            f'title="{escape(f["message"])}">{escape(text[start:end])}</mark>'
            f'<a class="finding-jump" href="#finding-{n + 1}" '
            f'aria-label="{escape(_("下一处"))}">[{n}]</a>'
        )
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def _latest_check(page: Page) -> CheckTaskState | None:
    state: CheckTaskState | None = (
        CheckTaskState.objects.filter(workflow_state__object_id=str(page.pk))
        .select_related("revision")
        .order_by("-started_at", "-pk")
        .first()
    )
    return state


_PROMPTS = {
    "approve": gettext_lazy("审核意见（可不填）"),
    "reject": gettext_lazy("退回修改的理由（必填，编辑将看到）"),
    "override": gettext_lazy("放行的理由（必填，记入审核记录）"),
}


def _action_forms(
    task_state: Any, actions: list[tuple[str, Any, bool]], bound: Any = None
) -> list[dict[str, Any]]:
    """One form per action the user may take on the current step (通过/签发, 退回修改, 放行);
    ``bound`` replaces the form of the action that was just posted (with its errors)."""
    if task_state is None:
        return []
    task = task_state.task.specific
    forms = []
    for name, label, _modal in actions:
        form = bound if bound is not None and bound.action == name else None
        if form is None:
            form = task.get_form_for_action(name)(auto_id=f"id_{name}_%s")
            form.action = name
        prompt: Any = _PROMPTS.get(name, _PROMPTS["approve"])
        if name == "approve" and str(label) == "签发":
            prompt = _("签发意见（可不填）")
        forms.append({"name": name, "label": label, "form": form, "prompt": prompt})
    # Sending back comes last: the usual decision (通过, 签发) is the first button.
    forms.sort(key=lambda f: f["name"] == "reject")
    return forms


def _sheet_context(request: HttpRequest, page: Page, bound: Any = None) -> dict[str, Any]:
    unit = unit_of_page(page)
    state = _latest_check(page)
    if state is not None and state.revision is not None:
        checked = state.revision.as_object()
        findings, revision = list(state.findings), state.revision
    else:
        checked = page.get_latest_revision_as_object()
        findings = [f.as_dict() for f in services.check_page(checked)]
        revision = page.get_latest_revision()
    text = services.page_text(checked)
    numbered = sorted(findings, key=lambda f: (f["start"], f["end"]))
    task_state, actions = policies.step_actions(request.user, page)
    workflow_state = page.current_workflow_state
    return {
        "page": page,
        "unit": unit,
        "revision": revision,
        "findings": [
            {
                **f,
                "n": n,
                "severity_label": SEVERITY_LABELS.get(f["severity"], f["severity"]),
                "kind_label": kind_label(f["kind"]),
            }
            for n, f in enumerate(numbered, start=1)
        ],
        "blocking": sum(1 for f in findings if f["severity"] == "block"),
        "marked": marked_text(text, findings),
        "events": ReviewEvent.objects.filter(page_id_value=page.pk).order_by("seq"),
        "may_redact": policies.can_redact(request.user, unit),
        "workflow_state": workflow_state,
        "current_step": (
            workflow_state.current_task_state.task.name
            if workflow_state is not None and workflow_state.current_task_state is not None
            else ""
        ),
        "task_state": task_state,
        "action_forms": _action_forms(task_state, actions, bound),
    }


def review_sheet(request: HttpRequest, page_id: int) -> HttpResponse:
    """审核单: the item's latest check with the findings marked, its review record, and the
    decisions the user may take on its current step."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not policies.can_see_unit(request.user, unit_of_page(page)):
        raise Http404  # another unit's item is as missing (issue 11)
    return TemplateResponse(request, "review/review_sheet.html", _sheet_context(request, page))


_DONE_MESSAGES = {
    "approve": "已审查通过《%(title)s》，已转入下一环节“%(next)s”。",
    "override": "已记录理由并放行《%(title)s》，已转入下一环节“%(next)s”。",
    "reject": "已将《%(title)s》退回修改，理由已记入审核记录，编辑将看到。",
}


@require_POST
def review_act(request: HttpRequest, page_id: int) -> HttpResponse:
    """A decision on the item's current step from the review sheet: 通过 (for the head 签发),
    退回修改 with a reason, or the checker's 记录理由并放行. It goes through the Wagtail task's
    on_action, hence services.act_on_step and the review record, exactly as the workflow's own
    action does. A step the user may not take is as missing as the page (404)."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not policies.can_see_unit(request.user, unit_of_page(page)):
        raise Http404
    task_state, actions = policies.step_actions(request.user, page)
    action = request.POST.get("action", "")
    if task_state is None or action not in {name for name, _label, _modal in actions}:
        raise Http404
    if request.POST.get("task_state") != str(task_state.pk):
        messages.warning(request, _("该审核环节已经处理或已有新的版本，请查看最新的审核单。"))
        return redirect("review_sheet", page_id=page.pk)
    task = task_state.task.specific
    form = task.get_form_for_action(action)(request.POST, auto_id=f"id_{action}_%s")
    form.action = action
    if not form.is_valid():
        messages.error(request, _("请填写理由后再提交。"))
        context = _sheet_context(request, page, bound=form)
        return TemplateResponse(request, "review/review_sheet.html", context, status=400)
    title = str(page.title)
    try:
        with transaction.atomic():
            task.on_action(task_state.specific, request.user, action, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text or _("此操作未能完成。"))
        return redirect("review_sheet", page_id=page.pk)
    page = Page.objects.get(pk=page.pk).specific
    after = page.current_workflow_state
    if action != "reject" and (after is None or after.status != after.STATUS_IN_PROGRESS):
        if page.live:
            messages.success(request, _("已签发《%(title)s》，内容已发布。") % {"title": title})
        else:
            messages.success(
                request, _("已签发《%(title)s》，将在设定的时间发布。") % {"title": title}
            )
    else:
        step = after.current_task_state.task.name if after and after.current_task_state else ""
        messages.success(request, _(_DONE_MESSAGES[action]) % {"title": title, "next": step})
    return redirect("review_tasks")


def review_tasks(request: HttpRequest) -> HttpResponse:
    """待我审核: the steps the user may take now, each linked to its review sheet."""
    return TemplateResponse(request, "review/tasks.html", {"tasks": task_rows(request.user)})


def task_rows(user: User) -> list[dict[str, Any]]:
    rows = []
    for state in policies.open_task_states_for(user):
        workflow_state = state.workflow_state
        obj = workflow_state.content_object
        if obj is None:
            continue
        check = CheckTaskState.objects.filter(
            workflow_state=workflow_state, revision=state.revision
        ).first()
        requester = workflow_state.requested_by
        rows.append(
            {
                "page": obj,
                "unit": unit_of_page(obj),
                "step": state.task.name,
                "since": state.started_at,
                "submitted_by": (
                    (requester.get_full_name() or requester.get_username()) if requester else ""
                ),
                "blocking": check.blocking if check else 0,
                "findings": len(check.findings) if check else 0,
            }
        )
    return rows


@require_POST
def redact_view(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page, pk=page_id).specific
    if not policies.can_see_unit(request.user, unit_of_page(page)):
        raise Http404
    revision = services.redact_draft(page, request.user)
    if revision is None:
        messages.info(request, _("未发现需要脱敏的个人信息。"))
    else:
        messages.success(
            request, _("已生成脱敏后的新版本（草稿）；如正在审核，将按新版本重新审核。")
        )
    return redirect("review_sheet", page_id=page.pk)


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def record_index(request: HttpRequest) -> HttpResponse:
    """The review record of the units the user works for or oversees; export as CSV or JSON."""
    units = policies.units_seen_by(request.user)
    if not policies.can_open_review_screens(request.user, units):
        raise PermissionDenied
    chosen: Organisation | None = None
    if request.GET.get("organ"):
        try:
            chosen = units.get(pk=int(request.GET["organ"]))
        except (ValueError, Organisation.DoesNotExist):
            raise Http404 from None
    start, end = _date(request.GET.get("from")), _date(request.GET.get("to"))
    events = services.events_for(chosen, start, end)
    if chosen is None and not policies.sees_every_unit(request.user):
        events = events.filter(organisation__in=units)
    fmt = request.GET.get("format")
    if fmt in ("csv", "json"):
        body = services.export_events(events.select_related("organisation"), fmt)
        response = HttpResponse(
            body,
            content_type="text/csv; charset=utf-8" if fmt == "csv" else "application/json",
        )
        response["Content-Disposition"] = f'attachment; filename="review-record.{fmt}"'
        return response
    paginator = Paginator(events.select_related("organisation"), 100)
    page_obj = paginator.get_page(request.GET.get("p"))
    may_verify = policies.can_verify_record(request.user)
    # Anyone else asking for a verification gets the page without it.
    problems = services.verify_chain() if request.GET.get("verify") and may_verify else None
    return TemplateResponse(
        request,
        "review/record_index.html",
        {
            "units": units,
            "chosen": chosen,
            "start": start,
            "end": end,
            "page_obj": page_obj,
            "problems": problems,
            "may_verify": may_verify,
            "query": request.GET.urlencode(),
        },
    )


def live_findings(request: HttpRequest) -> HttpResponse:
    """在线内容问题: what the nightly re-check found on the units' live pages."""
    units = policies.units_seen_by(request.user)
    if not policies.can_open_review_screens(request.user, units):
        raise PermissionDenied
    if request.method == "POST":
        finding = get_object_or_404(
            LiveFinding, pk=request.POST.get("finding"), organisation__in=units
        )
        try:
            services.accept_live_finding(finding, request.user, request.POST.get("reason", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("已记录处理理由。"))
        return redirect("review_live_findings")
    findings = (
        LiveFinding.objects.filter(resolved_at__isnull=True, organisation__in=units)
        .select_related("page", "organisation")
        .order_by("organisation__path", "-severity", "page_id", "start")
    )
    shown = list(findings[:500])
    for finding in shown:
        finding.kind_label = kind_label(finding.kind)  # type: ignore[attr-defined]
    return TemplateResponse(request, "review/live_findings.html", {"findings": shown})


def unit_steps(request: HttpRequest) -> HttpResponse:
    """审核流程设置: a unit head (or an overseer) adds a step before 签发, taken by named
    colleagues of the unit (e.g. 法制审核)."""
    units = policies.units_with_configurable_steps(request.user)
    if not units.exists():
        raise PermissionDenied
    if request.method == "POST":
        unit = units.filter(pk=request.POST.get("unit")).first()
        reviewers = staff_of(unit).filter(pk__in=request.POST.getlist("reviewers"))
        try:
            if unit is None:
                raise ValidationError(_("请选择单位。"))
            task = services.unit_add_step(
                unit=unit,
                name=request.POST.get("name", ""),
                reviewers=reviewers,
                actor=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("已增设审核环节“%(n)s”。") % {"n": task.name})
        return redirect("review_unit_steps")
    rows = []
    for unit in units:
        workflow = services.workflow_for(unit)
        staff = staff_of(unit)
        rows.append(
            {
                "unit": unit,
                "steps": [t.name for t in workflow.tasks] if workflow else [],
                "staff": staff,
            }
        )
    return TemplateResponse(request, "review/unit_steps.html", {"rows": rows})
