"""Staff screens of 政府开放周 in the Wagtail admin (menu “政府开放周”): the list of the user's
events, creating and editing one, publishing and cancelling it, and per event the registration
list (full data for the organising unit, exportable as CSV; masked for overseers), the
check-in screen, attendance counts, feedback and the public summary.

Every write goes through openweek.services, every decision of who may see or do what through
openweek.policies. Another unit's event answers 404, as a missing one does; an overseer reads
with personal data masked and posts nothing (403).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.core.masking import mask_id, mask_name, mask_phone
from gongkai.core.queryparams import MAX_ID
from gongkai.openweek import policies, selectors, services
from gongkai.openweek.admin_forms import CancelForm, CheckInForm, EventForm, SummaryForm
from gongkai.openweek.models import Feedback, OpenEvent, Registration

PAGE_SIZE = 50


def _event(request: HttpRequest, pk: int) -> OpenEvent:
    """The event if the user may see it; another unit's and a missing one: 404 alike."""
    if pk > MAX_ID:
        raise Http404
    event = selectors.events_for(request.user).filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def _forbidden(request: HttpRequest, message: str = "") -> HttpResponse:
    return TemplateResponse(
        request,
        "openweek/admin/forbidden.html",
        {"message": message or _("您没有权限进行此操作。")},
        status=403,
    )


def _hosts(request: HttpRequest, event: OpenEvent) -> bool:
    return policies.can_host(request.user, event.unit)


def _errors(request: HttpRequest, error: ValidationError | PermissionDenied) -> None:
    if isinstance(error, ValidationError):
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.error(request, str(error) or _("您没有权限进行此操作。"))


def _detail_url(event: OpenEvent) -> str:
    return reverse("openweek_admin_detail", args=[event.pk])


def _row(registration: Registration, full: bool) -> dict[str, Any]:
    return {
        "r": registration,
        "name": registration.name if full else mask_name(registration.name),
        "phone": registration.phone if full else mask_phone(registration.phone),
        "id_number": registration.id_number if full else mask_id(registration.id_number),
    }


# --- The list, creating and editing -----------------------------------------------------------------


def event_list(request: HttpRequest) -> HttpResponse:
    if not policies.sees_openweek_admin(request.user):
        return _forbidden(request)
    events = selectors.events_for(request.user).order_by("-starts_at", "-pk")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "openweek/admin/list.html",
        {"page_obj": page, "may_create": policies.units_hosting(request.user).exists()},
    )


def event_create(request: HttpRequest) -> HttpResponse:
    units = policies.units_hosting(request.user)
    if not units.exists():
        return _forbidden(request)
    form = EventForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_save(
                actor=request.user, unit=form.cleaned_data["unit"], fields=form.event_fields()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("已保存活动草稿。核对后点击“发布”对外公布。"))
            return redirect(_detail_url(event))
    return TemplateResponse(
        request, "openweek/admin/form.html", {"form": form, "title": _("新建开放日活动")}
    )


def _add_errors(form: EventForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    if not _hosts(request, event):
        return _forbidden(request, _("您只能查看该活动，不能修改。"))
    form = EventForm(
        request.POST or None,
        units=policies.units_hosting(request.user),
        event=event,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_save(
                actor=request.user,
                unit=event.unit,
                fields=form.event_fields(),
                event=event,
            )
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, ValidationError):
                _add_errors(form, error)
            else:
                _errors(request, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect(_detail_url(event))
    return TemplateResponse(
        request,
        "openweek/admin/form.html",
        {"form": form, "title": _("修改活动：%(t)s") % {"t": event.title}, "event": event},
    )


# --- An event: registrations, actions ---------------------------------------------------------------


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    full = policies.sees_personal_data(request.user, event.unit)
    if request.method == "POST":
        if not _hosts(request, event):
            return _forbidden(request, _("您只能查看该活动，不能处理报名。"))
        _act(request, event)
        return redirect(_detail_url(event))
    registrations = event.registrations.order_by("serial")
    page = Paginator(registrations, PAGE_SIZE * 4).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "openweek/admin/detail.html",
        {
            "event": event,
            "runs": _hosts(request, event),
            "full": full,
            "rows": [_row(r, full) for r in page],
            "page_obj": page,
            "seats_left": selectors.seats_left(event),
            "cancel_form": CancelForm(),
            "now": timezone.now(),
        },
    )


def _act(request: HttpRequest, event: OpenEvent) -> None:
    action = request.POST.get("action", "")
    try:
        if action == "publish":
            services.event_publish(actor=request.user, event=event)
            messages.success(request, _("活动已发布。"))
        elif action == "cancel_event":
            form = CancelForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("取消活动须填写原因。"))
                return
            services.event_cancel(
                actor=request.user, event=event, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("活动已取消。"))
        elif action == "cancel_registration":
            raw = request.POST.get("registration", "")
            pk = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 19 else 0
            registration = event.registrations.filter(pk=pk).first()
            if registration is None:
                messages.error(request, _("没有这条报名。"))
                return
            services.registration_cancel_by_host(actor=request.user, registration=registration)
            messages.success(request, _("已取消报名 %(n)s。") % {"n": registration.number})
        else:
            messages.error(request, _("未知操作。"))
    except (ValidationError, PermissionDenied) as error:
        _errors(request, error)


def check_in_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The door: type (or scan into the field) the code, one press; big text for a phone."""
    event = _event(request, pk)
    if not _hosts(request, event):
        return _forbidden(request, _("只有举办单位可以签到。"))
    form = CheckInForm(request.POST or None)
    done = None
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.check_in(
                actor=request.user, event=event, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            done = _row(registration, True)
            form = CheckInForm()
    event = _event(request, pk)  # fresh counts
    return TemplateResponse(
        request, "openweek/admin/checkin.html", {"event": event, "form": form, "done": done}
    )


def summary_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Attendance, feedback (full text for the unit, masked for overseers) and the summary."""
    event = _event(request, pk)
    runs = _hosts(request, event)
    form = SummaryForm(
        request.POST or None,
        initial={"summary": event.summary, "publish": event.summary_published},
    )
    if request.method == "POST":
        if not runs:
            return _forbidden(request, _("您只能查看该活动，不能修改总结。"))
        if form.is_valid():
            try:
                services.summary_save(
                    actor=request.user,
                    event=event,
                    summary=form.cleaned_data["summary"],
                    publish=form.cleaned_data["publish"],
                )
            except (ValidationError, PermissionDenied) as error:
                _errors(request, error)
            else:
                messages.success(request, _("活动总结已保存。"))
                return redirect(reverse("openweek_admin_summary", args=[event.pk]))
    feedback = Feedback.objects.filter(registration__event=event).select_related("registration")
    return TemplateResponse(
        request,
        "openweek/admin/summary.html",
        {
            "event": event,
            "runs": runs,
            "form": form,
            "rating": selectors.rating_of(event),
            "feedback": [
                {"f": f, "text": f.text if runs else (f.public_text or "")} for f in feedback[:500]
            ],
        },
    )


def export_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The full list as CSV (UTF-8 with BOM, for Excel): the organising unit only, logged."""
    event = _event(request, pk)
    if not policies.sees_personal_data(request.user, event.unit):
        return _forbidden(request, _("只有举办单位可以导出报名名单。"))
    registrations = list(event.registrations.order_by("serial"))
    services.export_logged(actor=request.user, event=event, rows=len(registrations))
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "报名编号",
            "顺序",
            "姓名",
            "手机号码",
            "身份证号码",
            "状态",
            "签到码",
            "签到时间",
            "报名时间",
        ]
    )
    for r in registrations:
        writer.writerow(
            [
                r.number,
                r.serial,
                _safe_cell(r.name),
                r.phone,
                r.id_number,
                r.get_status_display(),
                r.checkin_code,
                timezone.localtime(r.attended_at).strftime("%Y-%m-%d %H:%M")
                if r.attended_at
                else "",
                timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M:%S"),
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="openweek-{event.pk}.csv"'
    response["Cache-Control"] = "no-store"
    return response


def _safe_cell(value: str) -> str:
    """No spreadsheet formulas from what citizens typed (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


# --- Registration -----------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_urls() -> list[Any]:
    return [
        path("openweek/", event_list, name="openweek_admin_list"),
        path("openweek/new/", event_create, name="openweek_admin_create"),
        path("openweek/<int:pk>/", event_detail, name="openweek_admin_detail"),
        path("openweek/<int:pk>/edit/", event_edit, name="openweek_admin_edit"),
        path("openweek/<int:pk>/checkin/", check_in_view, name="openweek_admin_checkin"),
        path("openweek/<int:pk>/summary/", summary_view, name="openweek_admin_summary"),
        path("openweek/<int:pk>/export/", export_view, name="openweek_admin_export"),
    ]


class OpenWeekMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return policies.sees_openweek_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_menu() -> MenuItem:
    return OpenWeekMenuItem(
        gettext_lazy("政府开放周"), reverse("openweek_admin_list"), icon_name="date", order=247
    )
