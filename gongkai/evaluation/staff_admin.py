"""Staff screens of policy evaluation in the Wagtail admin (menu 政策评价): the list of the
user's evaluations, creating one for a policy of the unit, and per evaluation the survey, its
results, the interview and 座谈 records, the findings and conclusion, and the submission to the
unit's review (先审后发). Menu 政策评价结论: the published conclusions addressed to the user's
unit as acting unit, with the 落实情况 it records.

Every write goes through evaluation.services, every decision of who may see or do what through
evaluation.policies. Another unit's evaluation answers 404, as a missing one does; reviewers and
overseers read and post nothing (403). The public's text answers are shown masked by the
content checker, to everyone.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.checker.engine import redact
from gongkai.core.queryparams import MAX_ID
from gongkai.evaluation import policies, selectors, services
from gongkai.evaluation.admin_forms import (
    ActionForm,
    EvaluationCreateForm,
    FindingsForm,
    QuestionFormSet,
    RecordForm,
    SurveyDatesForm,
)
from gongkai.evaluation.models import PolicyEvaluationPage

PAGE_SIZE = 50
BLANK_QUESTION_ROWS = 3


def _evaluation(request: HttpRequest, pk: int) -> PolicyEvaluationPage:
    """The evaluation if the user may see it; another unit's and a missing one: 404 alike."""
    if pk > MAX_ID:
        raise Http404
    evaluation = selectors.evaluations_for(request.user).filter(pk=pk).first()
    if evaluation is None:
        raise Http404
    return evaluation


def _runs(request: HttpRequest, evaluation: PolicyEvaluationPage) -> bool:
    unit = evaluation.organisation
    return unit is not None and policies.can_run_evaluations(request.user, unit)


def _forbidden(request: HttpRequest, message: str = "") -> HttpResponse:
    return TemplateResponse(
        request,
        "evaluation/admin/forbidden.html",
        {"message": message or _("您没有权限进行此操作。")},
        status=403,
    )


def _read_only(request: HttpRequest, evaluation: PolicyEvaluationPage) -> HttpResponse | None:
    if _runs(request, evaluation):
        return None
    return _forbidden(request, _("您只能查看该政策评价，不能修改。"))


def _add_errors(form: Form, error: ValidationError | PermissionDenied) -> None:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    elif isinstance(error, ValidationError):
        form.add_error(None, error)
    else:
        form.add_error(None, str(error) or _("您没有权限进行此操作。"))


def status_label(page: PolicyEvaluationPage) -> str:
    if page.workflow_in_progress:
        return _("审核中")
    if not page.live:
        return _("草稿")
    if page.has_unpublished_changes:
        return _("已发布（有未发布的修改）")
    return _("已发布")


def _common(request: HttpRequest, evaluation: PolicyEvaluationPage, nav: str) -> dict[str, Any]:
    return {
        "evaluation": evaluation,
        "runs": _runs(request, evaluation),
        "status": status_label(evaluation),
        "nav": nav,
        "editor_url": reverse("wagtailadmin_pages:edit", args=[evaluation.pk]),
        "review_url": reverse("review_sheet", args=[evaluation.pk]),
    }


# --- The list and creating an evaluation ----------------------------------------------------------


def evaluation_list(request: HttpRequest) -> HttpResponse:
    if not policies.sees_evaluation_admin(request.user):
        return _forbidden(request)
    page = Paginator(selectors.evaluations_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("p")
    )
    rows = [{"e": e, "status": status_label(e)} for e in page]
    return TemplateResponse(
        request,
        "evaluation/admin/list.html",
        {
            "page_obj": page,
            "rows": rows,
            "may_create": policies.units_running_evaluations(request.user).exists(),
        },
    )


def evaluation_create(request: HttpRequest) -> HttpResponse:
    units = policies.units_running_evaluations(request.user)
    if not units.exists():
        return _forbidden(request, _("您所在的单位没有开展政策评价的权限。"))
    posted = request.method == "POST"
    form = EvaluationCreateForm(request.POST if posted else None, units=units)
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            page = services.evaluation_create(
                actor=request.user,
                unit=data["unit"],
                policy=data["policy"],
                title=data["title"],
                acting_unit=data["acting_unit"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                method=data["method"],
                survey_opens_on=data["survey_opens_on"],
                survey_closes_on=data["survey_closes_on"],
            )
        except (ValidationError, PermissionDenied) as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("已新建政策评价（草稿）。请设置调查问卷。"))
            return redirect("evaluation_admin_survey", page.pk)
    return TemplateResponse(
        request, "evaluation/admin/create.html", {"form": form}, status=400 if posted else 200
    )


# --- One evaluation -------------------------------------------------------------------------------


def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _evaluation(request, pk)
    draft = evaluation.get_latest_revision_as_object()
    results = selectors.survey_results(evaluation)
    for result in results:
        result.texts = [redact(t) for t in result.texts[:200]]
    context = {
        **_common(request, evaluation, "detail"),
        "draft": draft,
        "results": results,
        "responses": evaluation.responses.count(),
        "records": evaluation.records.all(),
        "reports": evaluation.action_reports.select_related("unit", "recorded_by"),
    }
    return TemplateResponse(request, "evaluation/admin/detail.html", context)


def _question_initial(page: PolicyEvaluationPage) -> list[dict[str, Any]]:
    return [
        {
            "kind": q.kind,
            "text": q.text,
            "options": q.options,
            "required": q.required,
            "show_if_number": q.show_if_number,
            "show_if_answer": q.show_if_answer,
        }
        for q in page.questions.all()
    ]


def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _evaluation(request, pk)
    draft = evaluation.get_latest_revision_as_object()
    posted = request.method == "POST"
    if posted and (refused := _read_only(request, evaluation)):
        return refused
    initial = _question_initial(draft)
    formset = QuestionFormSet(
        request.POST if posted else None,
        initial=initial + [{}] * BLANK_QUESTION_ROWS,
        prefix="q",
    )
    dates = SurveyDatesForm(
        request.POST if posted else None,
        initial={"opens_on": draft.survey_opens_on, "closes_on": draft.survey_closes_on},
    )
    if posted and formset.is_valid() and dates.is_valid():
        specs = [
            services.QuestionSpec(
                kind=row["kind"],
                text=row["text"],
                required=row["required"],
                options=row["options"].splitlines(),
                show_if_number=row["show_if_number"],
                show_if_answer=row["show_if_answer"],
            )
            for row in formset.cleaned_data
            if row.get("kind")
        ]
        try:
            services.survey_save(
                actor=request.user,
                evaluation=evaluation,
                questions=specs,
                opens_on=dates.cleaned_data["opens_on"],
                closes_on=dates.cleaned_data["closes_on"],
            )
        except (ValidationError, PermissionDenied) as error:
            _add_errors(dates, error)
        else:
            messages.success(
                request, _("问卷已保存（%(n)s道题），随评价提交审核后公布。") % {"n": len(specs)}
            )
            return redirect("evaluation_admin_detail", evaluation.pk)
    context = {**_common(request, evaluation, "survey"), "formset": formset, "dates": dates}
    return TemplateResponse(
        request, "evaluation/admin/survey.html", context, status=400 if posted else 200
    )


def records(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _evaluation(request, pk)
    posted = request.method == "POST"
    if posted and (refused := _read_only(request, evaluation)):
        return refused
    form = RecordForm(request.POST if posted else None)
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_save(actor=request.user, evaluation=evaluation, **data)
        except (ValidationError, PermissionDenied) as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("记录已保存，随评价下次审核发布后公开。"))
            return redirect("evaluation_admin_records", evaluation.pk)
    context = {
        **_common(request, evaluation, "records"),
        "form": form,
        "records": evaluation.records.all(),
    }
    return TemplateResponse(
        request, "evaluation/admin/records.html", context, status=400 if posted else 200
    )


def findings(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _evaluation(request, pk)
    draft = evaluation.get_latest_revision_as_object()
    posted = request.method == "POST"
    if posted and (refused := _read_only(request, evaluation)):
        return refused
    initial = {
        "standards": draft.finding_standards,
        "scope": draft.finding_scope,
        "effect": draft.finding_effect,
        "problems": draft.finding_problems,
        "conclusion": draft.conclusion,
        "reasons": draft.reasons,
        "measures": draft.measures,
    }
    form = FindingsForm(request.POST if posted else None, initial=initial)
    if posted and form.is_valid():
        try:
            services.findings_save(actor=request.user, evaluation=evaluation, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("评价发现和结论已保存。请提交审核。"))
            return redirect("evaluation_admin_detail", evaluation.pk)
    context = {**_common(request, evaluation, "findings"), "form": form}
    return TemplateResponse(
        request, "evaluation/admin/findings.html", context, status=400 if posted else 200
    )


def submit(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    evaluation = _evaluation(request, pk)
    if refused := _read_only(request, evaluation):
        return refused
    try:
        services.submit_for_review(actor=request.user, evaluation=evaluation)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已提交审核，经审核、签发后向社会公布。"))
    return redirect("evaluation_admin_detail", evaluation.pk)


# --- The acting unit: 政策评价结论 ------------------------------------------------------------------


def conclusions(request: HttpRequest) -> HttpResponse:
    if not policies.sees_conclusions_admin(request.user):
        return _forbidden(request)
    form = ActionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        raw = request.POST.get("evaluation", "")
        pk = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 18 else 0
        evaluation = selectors.conclusions_for(request.user).filter(pk=pk).first()
        if evaluation is None:
            raise Http404
        if form.is_valid():
            try:
                services.action_report(
                    actor=request.user, evaluation=evaluation, text=form.cleaned_data["text"]
                )
            except (ValidationError, PermissionDenied) as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("落实情况已记录。"))
                return redirect("evaluation_admin_conclusions")
        status = 400
    page = Paginator(selectors.conclusions_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("p")
    )
    rows = [{"e": e, "reports": list(e.action_reports.all())} for e in page]
    return TemplateResponse(
        request,
        "evaluation/admin/conclusions.html",
        {"page_obj": page, "rows": rows, "form": form},
        status=status,
    )


# --- Registration ---------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_urls() -> list[Any]:
    return [
        path("evaluations/", evaluation_list, name="evaluation_admin_list"),
        path("evaluations/new/", evaluation_create, name="evaluation_admin_create"),
        path("evaluations/<int:pk>/", evaluation_detail, name="evaluation_admin_detail"),
        path("evaluations/<int:pk>/survey/", survey_edit, name="evaluation_admin_survey"),
        path("evaluations/<int:pk>/records/", records, name="evaluation_admin_records"),
        path("evaluations/<int:pk>/findings/", findings, name="evaluation_admin_findings"),
        path("evaluations/<int:pk>/submit/", submit, name="evaluation_admin_submit"),
        path("evaluation-conclusions/", conclusions, name="evaluation_admin_conclusions"),
    ]


class EvaluationMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return policies.sees_evaluation_admin(request.user)


class ConclusionMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return policies.sees_conclusions_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_menu() -> MenuItem:
    return EvaluationMenuItem(
        gettext_lazy("政策评价"), reverse("evaluation_admin_list"), icon_name="doc-full", order=247
    )


@hooks.register("register_admin_menu_item")
def register_conclusions_menu() -> MenuItem:
    return ConclusionMenuItem(
        gettext_lazy("政策评价结论"),
        reverse("evaluation_admin_conclusions"),
        icon_name="tasks",
        order=248,
    )
