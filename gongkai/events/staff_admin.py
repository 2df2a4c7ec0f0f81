"""Staff screens of 在线访谈 in the Wagtail admin (menu "在线访谈"): the list of the user's
events, creating and editing one (links to the policies it explains, guests), publishing,
starting and ending it, moderating the public's questions, and the live console where the
transcript is posted (a plain form that comes back to the same page after each post, so it
works without JavaScript).

Every write goes through events.services, every decision of who may see or do what through
events.policies. Another unit's event answers 404, as a missing one does; an overseer reads
(names and contacts masked) and posts nothing (403).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.core.masking import mask_email, mask_name, mask_phone
from gongkai.core.queryparams import MAX_ID, BadParameter, bad_parameter_response, text_param
from gongkai.events import policies, selectors, services
from gongkai.events.admin_forms import EntryEditForm, EntryForm, EventForm, GuestForm
from gongkai.events.models import Event, EventStatus, PreQuestion, QuestionStatus

PAGE_SIZE = 50
QUESTION_FILTERS = ("all", *QuestionStatus.values)


def _event(request: HttpRequest, pk: int) -> Event:
    """The event if the user may see it; another unit's and a missing one: 404 alike."""
    if pk > MAX_ID:
        raise Http404
    event = selectors.events_for(request.user).filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def _runs(request: HttpRequest, event: Event) -> bool:
    return policies.can_run_events(request.user, event.organisation)


def _forbidden(request: HttpRequest, message: str = "") -> HttpResponse:
    return TemplateResponse(
        request,
        "events/admin/forbidden.html",
        {"message": message or _("您没有权限进行此操作。")},
        status=403,
    )


def _id(value: str | None) -> int | None:
    value = (value or "").strip()
    if not value or not value.isascii() or not value.isdigit() or len(value) > 18:
        return None
    return int(value)


def _errors(request: HttpRequest, error: ValidationError | PermissionDenied) -> None:
    if isinstance(error, ValidationError):
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.error(request, str(error) or _("您没有权限进行此操作。"))


def _common(request: HttpRequest, event: Event, tab: str) -> dict[str, Any]:
    return {"event": event, "runs": _runs(request, event), "tab": tab}


# --- The list, creating and editing ------------------------------------------------------------------


def event_list(request: HttpRequest) -> HttpResponse:
    if not policies.sees_events_admin(request.user):
        return _forbidden(request)
    events = selectors.events_for(request.user).annotate(
        pending=Count(
            "questions",
            filter=Q(questions__status__in=[QuestionStatus.PENDING, QuestionStatus.HELD]),
        )
    )
    page = Paginator(events.order_by("-starts_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "events/admin/list.html",
        {"page_obj": page, "may_create": policies.units_running_events(request.user).exists()},
    )


def _query(request: HttpRequest) -> str | HttpResponse:
    try:
        return text_param(request, "policy_q", max_length=100, label=_("查找政策"))
    except BadParameter as error:
        return bad_parameter_response(request, error, admin=True)


def event_create(request: HttpRequest) -> HttpResponse:
    units = policies.units_running_events(request.user)
    if not units.exists():
        return _forbidden(request, _("您所在的单位没有发布访谈的权限。"))
    query = _query(request)
    if isinstance(query, HttpResponse):
        return query
    posted = request.method == "POST"
    form = EventForm(request.POST if posted else None, units=units, query=query)
    if posted and form.is_valid():
        try:
            event = services.event_save(
                actor=request.user, unit=form.cleaned_data["unit"], data=form.event_data()
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("已创建活动。添加嘉宾后即可向社会公布。"))
            return redirect("events_admin_edit", event.pk)
    return TemplateResponse(
        request,
        "events/admin/edit.html",
        {"form": form, "event": None, "query": query, "runs": True, "tab": "edit"},
        status=400 if posted else 200,
    )


_ACTIONS = ("publish", "unpublish", "start", "archive")


def _act(request: HttpRequest, event: Event, action: str) -> None:
    if action == "publish":
        services.event_publish(actor=request.user, event=event, published=True)
        messages.success(request, _("已向社会公布。"))
    elif action == "unpublish":
        services.event_publish(actor=request.user, event=event, published=False)
        messages.success(request, _("已撤回，公众不再能看到该活动。"))
    elif action == "start":
        services.event_start(actor=request.user, event=event)
        messages.success(request, _("已开始直播，可以发布文字实录。"))
    elif action == "archive":
        services.event_archive(actor=request.user, event=event)
        messages.success(request, _("活动已结束，文字实录已归档。"))


def _guest_post(request: HttpRequest, event: Event) -> HttpResponse | GuestForm:
    guest_form = GuestForm(request.POST)
    guest_id = _id(request.POST.get("guest"))
    guest = event.guests.filter(pk=guest_id).first() if guest_id else None
    if guest_id and guest is None:
        raise Http404
    if not guest_form.is_valid():
        return guest_form
    services.guest_save(actor=request.user, event=event, guest=guest, **guest_form.cleaned_data)
    messages.success(request, _("已保存嘉宾。"))
    return redirect("events_admin_edit", event.pk)


def _edit_post(
    request: HttpRequest, event: Event, query: str
) -> HttpResponse | EventForm | GuestForm:
    """A POST of the edit screen: a redirect when done, else the form to show again."""
    what = request.POST.get("what", "")
    if what in _ACTIONS:
        _act(request, event, what)
        return redirect("events_admin_edit", event.pk)
    if what == "event":
        units = policies.units_running_events(request.user)
        form = EventForm(request.POST, units=units, event=event, query=query)
        if not form.is_valid():
            return form
        services.event_save(actor=request.user, event=event, data=form.event_data())
        messages.success(request, _("已保存。"))
        return redirect("events_admin_edit", event.pk)
    if what == "guest":
        return _guest_post(request, event)
    if what == "guest_delete":
        guest = event.guests.filter(pk=_id(request.POST.get("guest")) or 0).first()
        if guest is None:
            raise Http404
        services.guest_delete(actor=request.user, guest=guest)
        messages.success(request, _("已删除嘉宾。"))
        return redirect("events_admin_edit", event.pk)
    return HttpResponse(_("未知的操作。"), status=400)


def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    runs = _runs(request, event)
    query = _query(request)
    if isinstance(query, HttpResponse):
        return query
    form = EventForm(units=policies.units_running_events(request.user), event=event, query=query)
    guest_form = GuestForm(initial={"order": event.guests.count()})
    status = 200
    if request.method == "POST":
        if not runs:
            return _forbidden(request, _("您只能查看该活动。"))
        try:
            result = _edit_post(request, event, query)
        except (ValidationError, PermissionDenied) as error:
            _errors(request, error)
            return redirect("events_admin_edit", event.pk)
        if isinstance(result, HttpResponse):
            return result
        status = 400
        if isinstance(result, EventForm):
            form = result
        else:
            guest_form = result
    context = {
        **_common(request, event, "edit"),
        "form": form,
        "guest_form": guest_form,
        "guests": list(event.guests.all()),
        "query": query,
        "public_url": event.get_absolute_url(),
    }
    return TemplateResponse(request, "events/admin/edit.html", context, status=status)


# --- The public's questions -----------------------------------------------------------------------------


def _sender(question: PreQuestion, full: bool) -> tuple[str, str]:
    if full:
        return question.name, question.contact
    contact = question.contact
    return mask_name(question.name), mask_email(contact) if "@" in contact else mask_phone(contact)


def question_list(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    runs = _runs(request, event)
    full = policies.sees_question_senders(request.user, event.organisation)
    status = request.GET.get("status", "all")
    if status not in QUESTION_FILTERS:
        return bad_parameter_response(
            request, BadParameter("status", _("没有这种提问状态。")), admin=True
        )
    if request.method == "POST":
        if not runs:
            return _forbidden(request, _("您只能查看网友提问，不能审核。"))
        question = event.questions.filter(pk=_id(request.POST.get("question")) or 0).first()
        if question is None:
            raise Http404
        decision = request.POST.get("decision", "")
        if decision not in ("accept", "reject"):
            return HttpResponse(_("未知的操作。"), status=400)
        try:
            services.question_moderate(
                actor=request.user,
                question=question,
                accept=decision == "accept",
                reason=request.POST.get("reason", "")[:200],
                answer=request.POST.get("answer", "")[: services.MAX_ENTRY_CHARS],
            )
        except (ValidationError, PermissionDenied) as error:
            _errors(request, error)
        else:
            messages.success(request, _("已处理该提问。"))
        return redirect(reverse("events_admin_questions", args=[event.pk]) + f"?status={status}")
    questions = event.questions.all()
    if status != "all":
        questions = questions.filter(status=status)
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("p"))
    rows = [
        {"q": q, "sender": _sender(q, full), "text": q.text if full else (q.public_text or q.text)}
        for q in page
    ]
    context = {
        **_common(request, event, "questions"),
        "rows": rows,
        "page_obj": page,
        "status": status,
        "filters": [("all", _("全部")), *QuestionStatus.choices],
    }
    return TemplateResponse(request, "events/admin/questions.html", context)


# --- The live console ---------------------------------------------------------------------------------------


def _entry_fix(request: HttpRequest, event: Event) -> HttpResponse:
    """Correct a posted entry (a typo), then back to the console."""
    entry = event.transcript.filter(pk=_id(request.POST.get("entry")) or 0).first()
    if entry is None:
        raise Http404
    edit = EntryEditForm(request.POST)
    if edit.is_valid():
        try:
            services.transcript_edit(
                actor=request.user, entry=entry, text=edit.cleaned_data["text"]
            )
        except (ValidationError, PermissionDenied) as error:
            _errors(request, error)
        else:
            messages.success(request, _("已更正。"))
    else:
        messages.error(request, _("请填写更正后的内容。"))
    return redirect("events_admin_console", event.pk)


def console(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    runs = _runs(request, event)
    guests = list(event.guests.all())
    answerable = list(
        event.questions.filter(status__in=[QuestionStatus.ACCEPTED, QuestionStatus.ANSWERED])
    )
    form = EntryForm(guests=guests, questions=answerable)
    status = 200
    if request.method == "POST":
        if not runs:
            return _forbidden(request, _("您只能查看文字实录。"))
        if request.POST.get("what") == "edit":
            return _entry_fix(request, event)
        form = EntryForm(request.POST, guests=guests, questions=answerable)
        if form.is_valid():
            guest = form.guest()
            try:
                services.transcript_post(
                    actor=request.user,
                    event=event,
                    text=form.cleaned_data["text"],
                    speaker="" if guest else form.cleaned_data["speaker"],
                    guest=guest,
                    question=form.chosen_question(),
                )
            except (ValidationError, PermissionDenied) as error:
                form.add_error("text", error if isinstance(error, ValidationError) else str(error))
                status = 400
            else:
                messages.success(request, _("已发布。"))
                # The speaker stays chosen for the next line.
                return redirect(
                    reverse("events_admin_console", args=[event.pk])
                    + f"?speaker={form.cleaned_data['speaker']}#entry-form"
                )
        else:
            status = 400
    elif request.GET.get("speaker") in dict(form.fields["speaker"].choices):  # type: ignore[attr-defined]
        form.initial["speaker"] = request.GET["speaker"]
    context = {
        **_common(request, event, "console"),
        "form": form,
        "entries": list(event.transcript.order_by("-pk")[:200]),
        "live": event.status == EventStatus.LIVE,
    }
    return TemplateResponse(request, "events/admin/console.html", context, status=status)


# --- Registration -------------------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_urls() -> list[Any]:
    return [
        path("events/", event_list, name="events_admin_list"),
        path("events/new/", event_create, name="events_admin_create"),
        path("events/<int:pk>/", event_edit, name="events_admin_edit"),
        path("events/<int:pk>/questions/", question_list, name="events_admin_questions"),
        path("events/<int:pk>/console/", console, name="events_admin_console"),
    ]


class EventsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return policies.sees_events_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_menu() -> MenuItem:
    return EventsMenuItem(
        gettext_lazy("在线访谈"), reverse("events_admin_list"), icon_name="media", order=246
    )
