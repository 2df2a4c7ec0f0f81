"""Staff screens of the public-opinion register (政务舆情) in the Wagtail admin: the list with
overdue incidents highlighted and the hours left, registering an incident, an incident with its
assignment record and responses (assign, record a response, close), the timeliness statistics
per responsible unit, and the periods of 较大/一般 incidents.

Every write goes through opinion.services, every decision through opinion.policies. Whoever may
not see the register, and another unit's incident, get 404 as for a missing one; a visible
incident's actions refused by the policies are 403.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.core.queryparams import MAX_ID, BadParameter, bad_parameter_response, int_param
from gongkai.opinion import deadlines, policies, selectors, services
from gongkai.opinion.admin_forms import (
    AssignForm,
    CloseForm,
    IncidentForm,
    PeriodsForm,
    ResponseForm,
)
from gongkai.opinion.models import (
    CONFIGURABLE_LEVELS,
    DEFAULT_RESPONSE_HOURS,
    Incident,
    IncidentStatus,
    Level,
)

T = "opinion/admin/"
PAGE_SIZE = 50
STATUS_FILTERS = ("", "overdue", *IncidentStatus.values)


def _require_admin(request: HttpRequest) -> None:
    if not policies.sees_opinion_admin(request.user):
        raise Http404


def _forbidden(request: HttpRequest, message: str = "") -> HttpResponse:
    """403 with the reason in Chinese (Wagtail's own refusal is a redirect to the dashboard)."""
    return TemplateResponse(
        request,
        T + "forbidden.html",
        {"message": message or _("您没有权限进行此操作。")},
        status=403,
    )


def _incident(request: HttpRequest, pk: int) -> Incident:
    """The incident if the user may see it; another unit's and a missing one: 404 alike."""
    if pk > MAX_ID:
        raise Http404
    found = selectors.incidents_for(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _refused(form: Form, error: ValidationError | PermissionDenied) -> None:
    """A service's refusal on the form, in the service's words (on the field it names)."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return
    texts = error.messages if isinstance(error, ValidationError) else [str(error)]
    for text in texts:
        form.add_error(None, text or _("您没有权限进行此操作。"))


def _hours(delta: dt.timedelta) -> float:
    return round(delta.total_seconds() / 3600, 1)


@dataclass
class Row:
    incident: Incident
    outcome: str
    hours_left: float | None  # until the next deadline not met; negative: overdue
    overdue: bool

    @property
    def overdue_hours(self) -> float:
        return -self.hours_left if self.hours_left is not None and self.hours_left < 0 else 0.0


def _row(incident: Incident, now: dt.datetime) -> Row:
    result = selectors.timeliness_of(incident, now)
    left = None
    if result.next_due is not None and incident.status != IncidentStatus.CLOSED:
        left = _hours(result.next_due - now)
    overdue = left is not None and left < 0
    return Row(incident, result.outcome, left, overdue)


# --- The list and registering ------------------------------------------------------------------------


def incident_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    status = request.GET.get("status", "")
    if status not in STATUS_FILTERS:
        error = BadParameter("status", _("状态筛选条件不正确。"))
        return bad_parameter_response(request, error, admin=True)
    try:
        number = int_param(request, "p", default=1, low=1, high=100000, label=_("页码"))
    except BadParameter as error:
        return bad_parameter_response(request, error, admin=True)
    now = timezone.now()
    incidents = selectors.incidents_for(request.user).prefetch_related("responses")
    if status == "overdue":
        # Open incidents past their first deadline, then those whose unmet deadline has passed
        # (a major incident answered within 5 h is not overdue until its 24 h conference is).
        candidates = incidents.filter(status=IncidentStatus.OPEN, respond_by__lt=now)
        incidents = incidents.filter(pk__in=[i.pk for i in candidates if _row(i, now).overdue])
    elif status:
        incidents = incidents.filter(status=status)
    page = Paginator(incidents.order_by("-first_seen_at", "-pk"), PAGE_SIZE).get_page(number)
    rows = [_row(i, now) for i in page]
    tabs = [("", "全部"), ("overdue", "已逾期"), *IncidentStatus.choices]
    return TemplateResponse(
        request,
        T + "list.html",
        {
            "rows": rows,
            "page_obj": page,
            "status": status,
            "tabs": tabs,
            "may_register": policies.can_register(request.user),
            "may_set_periods": policies.can_set_periods(request.user),
        },
    )


def incident_register(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    if not policies.can_register(request.user):
        return _forbidden(request, _("只有政务公开办可以登记政务舆情。"))
    offices = policies.offices_of(request.user)
    units = policies.assignable_units(request.user)
    form = IncidentForm(request.POST or None, offices=offices, units=units)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                made = services.incident_register(actor=request.user, **data)
            except (ValidationError, PermissionDenied) as error:
                _refused(form, error)
            else:
                messages.success(
                    request, _("已登记政务舆情 %(number)s。") % {"number": made.number}
                )
                return redirect("opinion_admin_detail", pk=made.pk)
        status = 400
    return TemplateResponse(
        request,
        T + "form.html",
        {"form": form, "title": _("登记政务舆情"), "back": reverse("opinion_admin_list")},
        status=status,
    )


# --- One incident ------------------------------------------------------------------------------------


def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident(request, pk)
    user = request.user
    may_assign = incident.status != IncidentStatus.CLOSED and policies.oversees_incident(
        user, incident
    )
    may_respond = policies.can_respond(user, incident)
    may_close = policies.can_close(user, incident)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    units = policies.assignable_units(user, incident)
    assign_form = AssignForm(request.POST if action == "assign" else None, units=units)
    response_form = ResponseForm(request.POST if action == "respond" else None)
    close_form = CloseForm(request.POST if action == "close" else None)
    status = 200
    if request.method == "POST":
        allowed = {"assign": may_assign, "respond": may_respond, "close": may_close}
        if action not in allowed:
            raise Http404
        if not allowed[action]:
            return _forbidden(request)
        done = _act(
            request,
            incident,
            action,
            assign_form=assign_form,
            response_form=response_form,
            close_form=close_form,
        )
        if done is not None:
            messages.success(request, done)
            return redirect("opinion_admin_detail", pk=incident.pk)
        status = 400
    now = timezone.now()
    reqs = deadlines.requirements(incident.level, incident.respond_by, incident.conference_by)
    return TemplateResponse(
        request,
        T + "detail.html",
        {
            "incident": incident,
            "row": _row(incident, now),
            "requirements": reqs,
            "assignments": incident.assignments.select_related(
                "unit", "previous_unit", "decided_by"
            ),
            "responses": incident.responses.select_related("page", "recorded_by"),
            "assign_form": assign_form if may_assign else None,
            "response_form": response_form if may_respond else None,
            "close_form": close_form if may_close else None,
            "may_set_periods": policies.can_set_periods(user),
        },
        status=status,
    )


def _act(
    request: HttpRequest,
    incident: Incident,
    action: str,
    *,
    assign_form: AssignForm,
    response_form: ResponseForm,
    close_form: CloseForm,
) -> str | None:
    """Run the posted action through its service: the success message, or None (errors are on
    the form)."""
    user = request.user
    form: Form = {"assign": assign_form, "respond": response_form, "close": close_form}[action]
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        if action == "assign":
            services.incident_assign(
                actor=user, incident=incident, unit=data["unit"], reason=data["reason"]
            )
            return _("已确定回应责任单位：%(unit)s。") % {"unit": data["unit"].name}
        if action == "respond":
            services.response_record(actor=user, incident=incident, **data)
            return _("已记录回应。")
        services.incident_close(actor=user, incident=incident, reason=data["reason"])
        return _("已关闭该舆情。")
    except (ValidationError, PermissionDenied) as error:
        _refused(form, error)
        return None


# --- Statistics and periods ------------------------------------------------------------------------


def statistics(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    today = timezone.localdate()
    try:
        year = int_param(request, "year", default=today.year, low=2000, high=2100, label=_("年度"))
        month = int_param(request, "month", default=None, low=1, high=12, label=_("月份"))
    except BadParameter as error:
        return bad_parameter_response(request, error, admin=True)
    units = selectors.timeliness_stats(
        selectors.incidents_for(request.user), year=year or today.year, month=month
    )
    return TemplateResponse(
        request,
        T + "stats.html",
        {
            "units": units,
            "year": year,
            "month": month,
            "months": range(1, 13),
            "may_set_periods": policies.can_set_periods(request.user),
        },
    )


def periods(request: HttpRequest) -> HttpResponse:
    if not policies.can_set_periods(request.user):
        raise Http404
    current = {level: deadlines.response_hours(level) for level in CONFIGURABLE_LEVELS}
    form = PeriodsForm(request.POST or None, current=current)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                for level in CONFIGURABLE_LEVELS:
                    services.response_period_set(
                        actor=request.user, level=level, hours=form.cleaned_data[level]
                    )
            except (ValidationError, PermissionDenied) as error:
                _refused(form, error)
            else:
                messages.success(request, _("回应时限已保存，适用于此后登记的舆情。"))
                return redirect("opinion_admin_periods")
        status = 400
    return TemplateResponse(
        request,
        T + "periods.html",
        {
            "form": form,
            "defaults": [
                (Level(lv).label, DEFAULT_RESPONSE_HOURS[lv]) for lv in CONFIGURABLE_LEVELS
            ],
            "statutory_info": deadlines.STATUTORY_INFO_HOURS,
            "statutory_conference": deadlines.STATUTORY_CONFERENCE_HOURS,
        },
        status=status,
    )


# --- Registration ---------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_urls() -> list[Any]:
    return [
        path("opinion/", incident_list, name="opinion_admin_list"),
        path("opinion/new/", incident_register, name="opinion_admin_register"),
        path("opinion/stats/", statistics, name="opinion_admin_stats"),
        path("opinion/periods/", periods, name="opinion_admin_periods"),
        path("opinion/<int:pk>/", incident_detail, name="opinion_admin_detail"),
    ]


class OpinionMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return policies.sees_opinion_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_menu() -> MenuItem:
    return OpinionMenuItem(
        gettext_lazy("政务舆情"), reverse("opinion_admin_list"), icon_name="warning", order=256
    )
