"""Public pages of 在线访谈、新闻发布会、政策吹风会 (/zxft/): the list (预告 / 直播中 / 已结束,
filters by kind and unit), an event's page (guests, time, linked policies and interpretations,
video link, the accepted questions with answers, the transcript), the transcript as JSON for
the page's script, and the question form.

Live update: while the event is 直播中 the page loads events/live.js (a static file: the CSP
forbids inline scripts), which asks ``transcript.json?after=<last id>`` every few seconds and
appends new entries in an aria-live="polite" region. Without JavaScript the page has a visible
刷新 link and shows everything on reload. The JSON is never cached (no-store: core.pagecache
does not store it), the page itself is cached and made stale by every post (watch_models).

The question form needs no account and no JavaScript; it carries the CSRF token and a one-time
token (a double submit stores one question), and is rate-limited per address.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from gongkai.core.config import gongkai_config
from gongkai.core.queryparams import MAX_ID
from gongkai.core.ratelimit import Limit, client_ip
from gongkai.events import selectors, services
from gongkai.events.forms import ListFilterForm, QuestionForm
from gongkai.events.models import Event, EventStatus, TranscriptEntry
from gongkai.library.models import InterpretationPage, PolicyDocumentPage
from gongkai.organisations.models import Organisation

PAGE_SIZE = 20
POLL_SECONDS = 5


def _question_limit() -> Limit:
    return Limit("zxft-question", int(gongkai_config().comment_limit), 3600)


def _client(request: HttpRequest) -> str:
    agent = request.META.get("HTTP_USER_AGENT", "")[:200]
    return f"{client_ip(request)}|{agent}"


def _event(pk: int) -> Event:
    if pk > MAX_ID:
        raise Http404
    event = selectors.public_event(pk)
    if event is None:
        raise Http404
    return event


def _units() -> list[tuple[str, str]]:
    ids = Event.objects.filter(published=True).values("organisation_id")
    return [(u.slug, u.name) for u in Organisation.objects.filter(pk__in=ids).order_by("path")]


def _query(params: dict[str, str | int]) -> str:
    kept = {k: v for k, v in params.items() if v not in ("", None) and not (k == "page" and v == 1)}
    return "?" + urlencode(kept)


@require_http_methods(["GET", "HEAD"])
def index(request: HttpRequest) -> HttpResponse:
    form = ListFilterForm(request.GET or None, units=_units())
    if request.GET and not form.is_valid():
        context = {"form": form, "tabs": [], "page_obj": None, "bad_request": True}
        return render(request, "events/index.html", context, status=400)
    data = form.cleaned_data if request.GET else {"status": "", "kind": "", "unit": ""}
    events = selectors.public_events(
        status=data["status"], kind=data["kind"], unit_slug=data["unit"]
    )
    page_obj = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    base = {k: v for k, v in data.items() if v and k != "status"}
    tabs = [
        {
            "label": label,
            "current": data["status"] == value,
            "query": _query({**base, "status": value}),
        }
        for value, label in [("", "全部"), *EventStatus.choices]
    ]
    context = {
        "form": form,
        "tabs": tabs,
        "page_obj": page_obj,
        "previous": _query({**data, "page": page_obj.previous_page_number()})
        if page_obj.has_previous()
        else None,
        "next": _query({**data, "page": page_obj.next_page_number()})
        if page_obj.has_next()
        else None,
    }
    return render(request, "events/index.html", context)


def _entry_json(entry: TranscriptEntry) -> dict[str, object]:
    return {
        "id": entry.pk,
        "speaker": entry.speaker,
        "text": entry.text,
        "posted_at": timezone.localtime(entry.posted_at).isoformat(),
    }


@require_http_methods(["GET", "HEAD"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    entries = selectors.transcript_after(event, 0, limit=5000)
    context = {
        "event": event,
        "guests": list(event.guests.all()),
        "policies": list(PolicyDocumentPage.objects.live().public().filter(events=event)),
        "interpretations": list(InterpretationPage.objects.live().public().filter(events=event)),
        "questions": list(selectors.public_questions(event)),
        "entries": entries,
        "last_id": entries[-1].pk if entries else 0,
        "live": event.status == EventStatus.LIVE,
        "asking": services.accepts_questions(event),
        "poll_seconds": POLL_SECONDS,
    }
    return render(request, "events/detail.html", context)


def _bad(message: str) -> JsonResponse:
    response = JsonResponse(
        {"error": {"parameter": "after", "message": message}},
        status=400,
        json_dumps_params={"ensure_ascii": False},
    )
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "HEAD"])
def transcript_json(request: HttpRequest, pk: int) -> HttpResponse:
    """Entries after the id ``after`` (0 or absent: from the start), at most 200, and the
    status (the script stops asking once the event is no longer live). Never cached."""
    event = _event(pk)
    raw = request.GET.get("after", "").strip()
    if raw == "":
        after = 0
    elif not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        return _bad("after 须为非负整数。")
    else:
        after = int(raw)
    entries = selectors.transcript_after(event, after)
    response = JsonResponse(
        {
            "status": event.status,
            "status_label": event.get_status_display(),
            "entries": [_entry_json(e) for e in entries],
        },
        json_dumps_params={"ensure_ascii": False},
    )
    add_never_cache_headers(response)
    return response


def _closed(request: HttpRequest, event: Event, status: int) -> HttpResponse:
    response = render(request, "events/closed.html", {"event": event}, status=status)
    add_never_cache_headers(response)
    return response


def question(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    event = _event(pk)
    if not services.accepts_questions(event):
        return _closed(request, event, 403 if request.method == "POST" else 200)
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            limit = _question_limit()
            if not limit.take(request):
                response = render(request, "events/limited.html", {"event": event}, status=429)
                response["Retry-After"] = str(limit.retry_after())
                add_never_cache_headers(response)
                return response
            data = form.cleaned_data
            try:
                services.question_submit(
                    event=event,
                    text=data["text"],
                    key=services.submitter_key(contact=data["contact"], client=_client(request)),
                    name=data["name"],
                    contact=data["contact"],
                    token=data["token"],
                )
            except ValidationError as error:
                if getattr(error, "code", None) == "closed":
                    return _closed(request, event, 403)
                form.add_error("text", error)
            else:
                return redirect("events:question_thanks", pk=event.pk)
    else:
        form = QuestionForm(initial={"token": secrets.token_urlsafe(24)})
    response = render(
        request,
        "events/question_form.html",
        {"event": event, "form": form},
        status=400 if request.method == "POST" else 200,
    )
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "HEAD"])
def question_thanks(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(pk)
    return render(request, "events/question_thanks.html", {"event": event})
