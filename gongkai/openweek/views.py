"""Public pages of 政府开放周 at /kfz/: the list, an event with its registration form, the result
(check-in code and query code, shown once), 我的报名 (number and query code: status, cancel,
feedback) and the public summary on the event page once the event is over.

No account and no JavaScript. Forms carry the CSRF token and a one-time token (a double submit
files one registration: services.register); sign-ups and look-ups are rate-limited per address
(core.ratelimit). Names, phones and ID numbers never appear on these pages except masked on the
citizen's own result. Pages show live seat counts, so they are never cached.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from gongkai.core.config import gongkai_config
from gongkai.core.masking import mask_id, mask_name, mask_phone
from gongkai.core.queryparams import MAX_ID
from gongkai.core.ratelimit import Limit, client_ip
from gongkai.openweek import selectors, services
from gongkai.openweek.forms import FeedbackForm, ListFilterForm, LookupForm, RegistrationForm
from gongkai.openweek.models import OpenEvent, Registration, RegistrationStatus

PAGE_SIZE = 20
SESSION_RESULT = "openweek_result"


def _register_limit() -> Limit:
    return Limit("kfz-register", int(gongkai_config().comment_limit), 3600)


def _lookup_limit() -> Limit:
    return Limit("kfz-lookup", int(gongkai_config().track_limit), 3600)


def _render(
    request: HttpRequest, template: str, context: Mapping[str, object], status: int = 200
) -> HttpResponse:
    response = render(request, template, context, status=status)
    add_never_cache_headers(response)
    return response


def _limited(request: HttpRequest, limit: Limit) -> HttpResponse:
    response = _render(request, "openweek/limited.html", {}, status=429)
    response["Retry-After"] = str(limit.retry_after())
    return response


def _event(pk: int) -> OpenEvent:
    """A published or cancelled event; a draft and a missing one answer 404 alike."""
    event = selectors.public_event(pk) if pk <= MAX_ID else None
    if event is None:
        raise Http404
    return event


def _event_context(event: OpenEvent) -> dict[str, Any]:
    now = timezone.now()
    ended = now >= event.ends_at
    return {
        "event": event,
        "seats_left": selectors.seats_left(event),
        "open": event.registration_open(now),
        "refusal": services.registration_refusal(event, now)
        if not event.registration_open(now)
        else "",
        "ended": ended,
        "rating": selectors.rating_of(event) if ended else None,
    }


# --- /kfz/ -------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def index(request: HttpRequest) -> HttpResponse:
    form = ListFilterForm(request.GET or None, units=selectors.units_with_events())
    if request.GET and not form.is_valid():
        return _render(request, "openweek/index.html", {"form": form, "bad_request": True}, 400)
    data = form.cleaned_data if request.GET else {"when": "", "unit": ""}
    events = selectors.public_events(when=data["when"], unit_slug=data["unit"])
    page_obj = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = [
        {
            "event": e,
            "seats_left": selectors.seats_left(e),
            "open": e.registration_open(now),
            "ended": now >= e.ends_at,
        }
        for e in page_obj.object_list
    ]
    base = {k: v for k, v in data.items() if v}
    context = {
        "form": form,
        "rows": rows,
        "page_obj": page_obj,
        "tabs": [
            {
                "label": label,
                "current": data["when"] == value,
                "query": _query({**base, "when": value}),
            }
            for value, label in (("", "全部"), ("upcoming", "即将举办"), ("past", "往期活动"))
        ],
        "previous": _query({**base, "page": page_obj.previous_page_number()})
        if page_obj.has_previous()
        else None,
        "next": _query({**base, "page": page_obj.next_page_number()})
        if page_obj.has_next()
        else None,
    }
    return _render(request, "openweek/index.html", context)


def _query(params: Mapping[str, object]) -> str:
    kept = {k: v for k, v in params.items() if v not in ("", None) and not (k == "page" and v == 1)}
    return "?" + urlencode(kept)


# --- An event and its registration form --------------------------------------------------------


_FIELDS = {"name", "phone", "id_number"}


@require_http_methods(["GET", "HEAD", "POST"])
def event_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    context = _event_context(event)
    if request.method == "POST":
        if not context["open"]:
            return _render(request, "openweek/event.html", {**context, "form": None}, 403)
        form = RegistrationForm(request.POST, needs_id=event.needs_id)
        if form.is_valid():
            limit = _register_limit()
            if not limit.take(request):
                return _limited(request, limit)
            data = form.cleaned_data
            try:
                result = services.register(
                    event=event,
                    name=data["name"],
                    phone=data["phone"],
                    id_number=data.get("id_number") or "",
                    key=services.submitter_key(client=client_ip(request)),
                    token=data["token"],
                )
            except ValidationError as error:
                if getattr(error, "code", None) == "closed":
                    context = _event_context(event)
                    return _render(request, "openweek/event.html", {**context, "form": None}, 403)
                if hasattr(error, "error_dict"):
                    for field, errors in error.error_dict.items():
                        form.add_error(field if field in _FIELDS else None, errors)
                else:
                    form.add_error(None, error)
            else:
                request.session[SESSION_RESULT] = {
                    "id": result.registration.pk,
                    "code": result.code,
                    "again": not result.created,
                }
                return redirect(f"/kfz/{event.pk}/done/")
    else:
        form = RegistrationForm(
            initial={"token": secrets.token_urlsafe(24)}, needs_id=event.needs_id
        )
    return _render(
        request, "openweek/event.html", {**context, "form": form if context["open"] else None}
    )


def _masked(registration: Registration) -> dict[str, str]:
    return {
        "name": mask_name(registration.name),
        "phone": mask_phone(registration.phone),
        "id_number": mask_id(registration.id_number),
    }


@require_http_methods(["GET", "HEAD"])
def done(request: HttpRequest, pk: int) -> HttpResponse:
    """The result, once: taken out of the session as it is shown (the query code is never
    stored in clear, so a reload cannot show it again)."""
    event = _event(pk)
    data = request.session.pop(SESSION_RESULT, None)
    registration = None
    if isinstance(data, dict) and isinstance(data.get("id"), int):
        registration = Registration.objects.filter(pk=data["id"], event=event).first()
    context: dict[str, Any] = {"event": event, "registration": registration}
    if registration is not None:
        context.update(
            code=data.get("code", ""),
            again=bool(data.get("again")),
            person=_masked(registration),
            position=registration.waiting_position(),
        )
    return _render(request, "openweek/done.html", context)


# --- 我的报名 -------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def mine(request: HttpRequest) -> HttpResponse:
    """Look up a registration by number and query code; cancel it, or rate the event after
    attending. Every POST carries the number and code again (no session, no account)."""
    if request.method != "POST":
        return _render(request, "openweek/mine.html", {"form": LookupForm()})
    form = LookupForm(request.POST)
    if not form.is_valid():
        return _render(request, "openweek/mine.html", {"form": form}, 400)
    limit = _lookup_limit()
    if not limit.take(request):
        return _limited(request, limit)
    number, code = form.cleaned_data["number"], form.cleaned_data["code"]
    registration = services.find_registration(number=number, code=code)
    if registration is None:
        form.add_error(None, "报名编号或查询码不正确。")
        return _render(request, "openweek/mine.html", {"form": form}, 404)
    action = request.POST.get("action", "")
    message = ""
    feedback_form = None
    try:
        if action == "cancel":
            registration = services.registration_cancel(number=number, code=code)
            message = "报名已取消。"
        elif action == "feedback":
            feedback_form = FeedbackForm(request.POST)
            if feedback_form.is_valid():
                services.feedback_submit(
                    number=number,
                    code=code,
                    rating=feedback_form.cleaned_data["rating"],
                    text=feedback_form.cleaned_data["text"],
                )
                message = "感谢您的评价。"
                feedback_form = None
    except ValidationError as error:
        form.add_error(None, error)
    registration = Registration.objects.select_related("event", "event__unit").get(
        pk=registration.pk
    )
    event = registration.event
    now = timezone.now()
    may_rate = (
        registration.attended_at is not None
        and now >= event.ends_at
        and not hasattr(registration, "feedback")
    )
    context = {
        "form": form,
        "registration": registration,
        "event": event,
        "number": registration.number,
        "code": code,
        "person": _masked(registration),
        "position": registration.waiting_position(),
        "may_cancel": registration.status != RegistrationStatus.CANCELLED
        and registration.attended_at is None
        and now < event.starts_at,
        "may_rate": may_rate,
        "feedback_form": feedback_form or (FeedbackForm() if may_rate else None),
        "message": message,
    }
    return _render(request, "openweek/mine.html", context)
