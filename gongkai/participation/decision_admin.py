"""Staff screens of major administrative decisions (重大行政决策, 国务院令第713号).

Plain admin views (no ModelViewSet): the catalogues a user may see (selectors.catalogues_for),
a catalogue with its decisions, a decision with its procedure record, and the forms that record
a procedure (decision_services.procedure_record), the decision's outcome (decision_services.decision_decide) and
publish the catalogue (decision_services.catalogue_publish). Every write goes through
participation.services, which asks participation.policies; these views ask the same policies
only to decide which buttons to show. Another unit's record answers 404, as a missing one.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument

from gongkai.organisations.models import Organisation
from gongkai.participation import decision_services, policies, selectors
from gongkai.participation.decision_forms import (
    CatalogueAddForm,
    CatalogueForm,
    DecideForm,
    DecisionForm,
    ProcedureForm,
)
from gongkai.participation.decision_views import procedure_rows
from gongkai.participation.models import DecisionCatalogue, DecisionStatus, MajorDecision

T = "participation/decisions/admin/"


def _catalogue(request: HttpRequest, catalogue_id: int) -> DecisionCatalogue:
    found = selectors.catalogues_for(request.user).filter(pk=catalogue_id).first()
    if found is None:
        raise Http404  # another government's catalogue and a missing one get the same answer
    return found


def _decision(request: HttpRequest, decision_id: int) -> MajorDecision:
    found = selectors.decisions_for(request.user).filter(pk=decision_id).first()
    if found is None:
        raise Http404
    return found


def _refused(form: Form, error: ValidationError | PermissionDenied) -> None:
    """A service's refusal, shown on the form in the service's own (Chinese) words."""
    texts = error.messages if isinstance(error, ValidationError) else [str(error)]
    for text in texts:
        form.add_error(None, text or _("您没有权限进行此操作。"))


def _subtree(unit: Organisation) -> QuerySet[Organisation]:
    """The government and the units under it: the possible lead units (承办单位) of its decisions."""
    return cast("QuerySet[Organisation]", Organisation.objects.filter(path__startswith=unit.path))


# --- Catalogues -----------------------------------------------------------------------------------


def catalogue_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not policies.units_with_decisions(user).exists():
        raise PermissionDenied
    catalogues = selectors.catalogues_for(user).annotate(decision_count=Count("decisions"))
    led = (
        selectors.decisions_for(user)
        .exclude(catalogue__in=catalogues.values("pk"))
        .order_by("-catalogue__year", "order", "pk")
    )
    return TemplateResponse(
        request,
        T + "catalogues.html",
        {
            "catalogues": catalogues.order_by("-year", "government__path"),
            "led": led,
            # can_keep_catalogue is can_run_consultations: the units in this set.
            "may_add": policies.units_running_consultations(user).exists(),
        },
    )


def catalogue_add(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    governments = policies.units_running_consultations(user)  # = can_keep_catalogue's units
    if not governments.exists():
        raise PermissionDenied
    form = CatalogueAddForm(request.POST or None, governments=governments)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = decision_services.catalogue_save(
                actor=user, government=data["government"], year=data["year"], note=data["note"]
            )
        except (ValidationError, PermissionDenied) as error:
            _refused(form, error)
        else:
            messages.success(request, _("决策事项目录已保存。"))
            return redirect("decisions_admin_catalogue", catalogue_id=made.pk)
    return TemplateResponse(
        request, T + "form.html", {"form": form, "title": _("新建决策事项目录"), "back": None}
    )


def catalogue_detail(request: HttpRequest, catalogue_id: int) -> HttpResponse:
    user: Any = request.user
    found = _catalogue(request, catalogue_id)
    decisions = found.decisions.select_related("lead_unit").order_by("order", "pk")
    return TemplateResponse(
        request,
        T + "catalogue.html",
        {
            "catalogue": found,
            "decisions": decisions,
            "may_edit": policies.can_keep_catalogue(user, found.government),
            "may_publish": policies.can_decide(user, found.government),
        },
    )


def catalogue_edit(request: HttpRequest, catalogue_id: int) -> HttpResponse:
    user: Any = request.user
    found = _catalogue(request, catalogue_id)
    if not policies.can_keep_catalogue(user, found.government):
        raise PermissionDenied
    form = CatalogueForm(request.POST or None, initial={"year": found.year, "note": found.note})
    if request.method == "POST" and form.is_valid():
        try:
            decision_services.catalogue_save(
                actor=user,
                government=found.government,
                year=form.cleaned_data["year"],
                note=form.cleaned_data["note"],
                existing=found,
            )
        except (ValidationError, PermissionDenied) as error:
            _refused(form, error)
        else:
            messages.success(request, _("决策事项目录已保存。"))
            return redirect("decisions_admin_catalogue", catalogue_id=found.pk)
    return TemplateResponse(
        request,
        T + "form.html",
        {
            "form": form,
            "title": _("编辑决策事项目录"),
            "subtitle": str(found),
            "back": reverse("decisions_admin_catalogue", args=[found.pk]),
        },
    )


@require_POST
def catalogue_publish(request: HttpRequest, catalogue_id: int) -> HttpResponse:
    """公布目录 (条例第三条第三款): the government's head only (decision_services.catalogue_publish)."""
    found = _catalogue(request, catalogue_id)
    try:
        decision_services.catalogue_publish(actor=request.user, catalogue=found)
    except (ValidationError, PermissionDenied) as error:
        texts = error.messages if isinstance(error, ValidationError) else [str(error)]
        for text in texts:
            messages.error(request, text)
    else:
        messages.success(request, _("决策事项目录已公布。"))
    return redirect("decisions_admin_catalogue", catalogue_id=found.pk)


# --- Decisions ------------------------------------------------------------------------------------


def decision_add(request: HttpRequest, catalogue_id: int) -> HttpResponse:
    user: Any = request.user
    found = _catalogue(request, catalogue_id)
    if not policies.can_keep_catalogue(user, found.government):
        raise PermissionDenied
    next_order = (found.decisions.aggregate(m=Max("order"))["m"] or 0) + 1
    form = DecisionForm(
        request.POST or None,
        lead_units=_subtree(found.government),
        initial={"order": next_order, "lead_unit": found.government.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            made = decision_services.decision_save(actor=user, catalogue=found, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            _refused(form, error)
        else:
            messages.success(request, _("决策事项已保存。"))
            return redirect("decisions_admin_decision", decision_id=made.pk)
    return TemplateResponse(
        request,
        T + "form.html",
        {
            "form": form,
            "title": _("新增决策事项"),
            "subtitle": str(found),
            "back": reverse("decisions_admin_catalogue", args=[found.pk]),
        },
    )


def decision_edit(request: HttpRequest, decision_id: int) -> HttpResponse:
    user: Any = request.user
    found = _decision(request, decision_id)
    if not policies.can_keep_catalogue(user, found.catalogue.government):
        raise PermissionDenied
    initial = {
        name: getattr(found, name)
        for name in ("order", "title", "summary", "planned_time", "participation_waiver_reason")
    }
    initial["lead_unit"] = found.lead_unit_id
    form = DecisionForm(
        request.POST or None, lead_units=_subtree(found.catalogue.government), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            decision_services.decision_save(
                actor=user, catalogue=found.catalogue, existing=found, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as error:
            _refused(form, error)
        else:
            messages.success(request, _("决策事项已保存。"))
            return redirect("decisions_admin_decision", decision_id=found.pk)
    return TemplateResponse(
        request,
        T + "form.html",
        {
            "form": form,
            "title": _("编辑决策事项"),
            "subtitle": found.title,
            "back": reverse("decisions_admin_decision", args=[found.pk]),
        },
    )


def _documents(decision: MajorDecision) -> QuerySet[AbstractDocument]:
    """Files a procedure may point to: those in the government's and the lead unit's
    collections (the people who record a procedure work for one of the two)."""
    collections = [decision.catalogue.government.collection_id, decision.lead_unit.collection_id]
    return cast(
        "QuerySet[AbstractDocument]",
        get_document_model().objects.filter(
            collection_id__in=[c for c in collections if c is not None]
        ),
    )


def decision_detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    """A decision's procedure record, with the forms to record a procedure and the outcome."""
    user: Any = request.user
    found = _decision(request, decision_id)
    government = found.catalogue.government
    open_ = found.status not in (DecisionStatus.DECIDED, DecisionStatus.WITHDRAWN)
    may_record = open_ and policies.can_record_procedure(user, government, found.lead_unit)
    may_decide = open_ and policies.can_decide(user, government)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    procedure_form = ProcedureForm(
        request.POST if action == "procedure" else None,
        documents=_documents(found),
        prefix="procedure",
    )
    decide_form = DecideForm(request.POST if action == "decide" else None, prefix="decide")
    missing_refused: list[str] = []
    if action == "procedure":
        if not may_record:
            raise PermissionDenied
        if procedure_form.is_valid():
            try:
                decision_services.procedure_record(
                    actor=user, decision=found, **procedure_form.cleaned_data
                )
            except (ValidationError, PermissionDenied) as error:
                _refused(procedure_form, error)
            else:
                messages.success(request, _("决策程序已记录。"))
                return redirect("decisions_admin_decision", decision_id=found.pk)
    elif action == "decide":
        if not may_decide:
            raise PermissionDenied
        if decide_form.is_valid():
            try:
                decision_services.decision_decide(
                    actor=user, decision=found, **decide_form.cleaned_data
                )
            except (ValidationError, PermissionDenied) as error:
                _refused(decide_form, error)
                missing_refused = decision_services.missing_for_decision(found)
            else:
                messages.success(request, _("决策结果已记录。"))
                return redirect("decisions_admin_decision", decision_id=found.pk)
    elif request.method == "POST":
        raise Http404
    consultations = found.consultations.all().order_by("opens_on", "pk")
    return TemplateResponse(
        request,
        T + "decision.html",
        {
            "decision": found,
            "catalogue": found.catalogue,
            "rows": procedure_rows(found),
            "missing": decision_services.missing_for_decision(found),
            "missing_refused": missing_refused,
            "consultations": consultations,
            "procedure_form": procedure_form if may_record else None,
            "decide_form": decide_form if may_decide else None,
            "may_edit": policies.can_keep_catalogue(user, government),
            # A lead unit's staff see the decision but not always its catalogue.
            "sees_catalogue": selectors.catalogues_for(user).filter(pk=found.catalogue_id).exists(),
        },
    )


# --- Registration ---------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_urls() -> list[Any]:
    return [
        path("decisions/", catalogue_list, name="decisions_admin_catalogues"),
        path("decisions/catalogues/add/", catalogue_add, name="decisions_admin_catalogue_add"),
        path(
            "decisions/catalogues/<int:catalogue_id>/",
            catalogue_detail,
            name="decisions_admin_catalogue",
        ),
        path(
            "decisions/catalogues/<int:catalogue_id>/edit/",
            catalogue_edit,
            name="decisions_admin_catalogue_edit",
        ),
        path(
            "decisions/catalogues/<int:catalogue_id>/publish/",
            catalogue_publish,
            name="decisions_admin_catalogue_publish",
        ),
        path(
            "decisions/catalogues/<int:catalogue_id>/add/",
            decision_add,
            name="decisions_admin_decision_add",
        ),
        path("decisions/<int:decision_id>/", decision_detail, name="decisions_admin_decision"),
        path(
            "decisions/<int:decision_id>/edit/", decision_edit, name="decisions_admin_decision_edit"
        ),
    ]


class DecisionMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return policies.units_with_decisions(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_menu() -> MenuItem:
    return DecisionMenuItem(
        _l("重大行政决策"),
        reverse("decisions_admin_catalogues"),
        icon_name="tasks",
        order=252,
    )
