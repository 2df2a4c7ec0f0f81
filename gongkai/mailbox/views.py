"""Public pages of the mailbox under /hdjl/: the channels, writing a letter (with "先查一查"),
the receipt shown once, following a letter with its number and query code, rating the answer,
来信选登 and 常见问题.

No JavaScript needed (the suggestions are a GET form; mailbox/suggest.js only fetches them as
one types). Forms carry the CSRF token and a one-time token (a double submit stores one letter:
intake_services.letter_submit); submissions and look-ups are rate-limited per address
(core.ratelimit) with a Chinese 429 page. Pages with forms or a letter's data are never cached.
The receipt (number and query code) lives only in the submitting browser's session and is shown
once (GB/T 22239-2019 8.1.4.8 数据保密性); no URL carries the code.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from gongkai.core.config import gongkai_config
from gongkai.core.ratelimit import Limit, client_ip
from gongkai.mailbox import intake_services, public_selectors
from gongkai.mailbox.forms import LetterFilterForm, LetterForm, RatingForm, SuggestForm, TrackForm
from gongkai.mailbox.models import Channel, Letter, LetterStatus

PAGE_SIZE = 20
SESSION_LETTERS = "mb_letters"
SESSION_RECEIPT = "mb_receipt"
RECEIPT_SECONDS = 600


def _submit_limit() -> Limit:
    return Limit("hdjl-submit", int(gongkai_config().comment_limit), 3600)


def _track_limit() -> Limit:
    return Limit("hdjl-track", int(gongkai_config().track_limit), 600)


def _limited(request: HttpRequest, limit: Limit) -> HttpResponse:
    response = render(request, "mailbox/public/limited.html", status=429)
    response["Retry-After"] = str(limit.retry_after())
    return response


def _submitter_key(request: HttpRequest, phone: str, email: str) -> str:
    """A stable, non-reversible key of the writer (the contact, else network and browser)."""
    contact = "".join((phone or email).split()).lower()
    agent = request.META.get("HTTP_USER_AGENT", "")[:200]
    basis = "c:" + contact if contact else f"n:{client_ip(request)}|{agent}"
    return hashlib.sha256(basis.encode()).hexdigest()[:32]


def _channel_or_404(channel: str) -> Channel:
    if channel not in Channel.values:
        raise Http404
    return Channel(channel)


# --- Index and writing ----------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def index(request: HttpRequest) -> HttpResponse:
    context = {"channels": public_selectors.channels(), "track": TrackForm()}
    return render(request, "mailbox/public/index.html", context)


def _suggest_context(request: HttpRequest) -> tuple[SuggestForm, list[Any], bool]:
    form = SuggestForm(request.GET if "q" in request.GET else None)
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        return form, public_selectors.suggestions(form.cleaned_data["q"]), True
    return form, [], False


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def write(request: HttpRequest, channel: str) -> HttpResponse:
    chosen = _channel_or_404(channel)
    units = list(public_selectors.writable_units())
    categories = public_selectors.categories()
    open_ = intake_services.channel_open(chosen)
    suggest_form, suggestions, searched = _suggest_context(request)
    status = 400 if suggest_form.is_bound and not suggest_form.is_valid() else 200
    if request.method == "POST":
        if not open_:
            return _closed(request, chosen)
        form = LetterForm(request.POST, request.FILES, units=units, categories=categories)
        done = _submit(request, chosen, form) if form.is_valid() else None
        if done is not None:
            return done
        status = 400
    else:
        initial: dict[str, Any] = {"token": secrets.token_urlsafe(24)}
        unit = request.GET.get("unit", "")
        if unit in {u.slug for u in units}:
            initial["unit"] = unit
        if suggest_form.is_bound and suggest_form.is_valid():
            initial["subject"] = suggest_form.cleaned_data["q"][:100]
        form = LetterForm(initial=initial, units=units, categories=categories)
    context = {
        "channel": chosen,
        "label": chosen.label,
        "workdays": next(c.workdays for c in public_selectors.channels() if c.channel == chosen),
        "open": open_,
        "form": form,
        "suggest_form": suggest_form,
        "suggestions": suggestions,
        "searched": searched,
    }
    return render(request, "mailbox/public/write.html", context, status=status)


def _closed(request: HttpRequest, chosen: Channel) -> HttpResponse:
    return render(request, "mailbox/public/closed.html", {"label": chosen.label}, status=403)


def _submit(request: HttpRequest, chosen: Channel, form: LetterForm) -> HttpResponse | None:
    """Submit a valid form: the response (receipt redirect, 429, 403), or None with the
    service's errors added to the form."""
    limit = _submit_limit()
    if not limit.take(request):  # counted and checked in one step
        return _limited(request, limit)
    data = form.cleaned_data
    token = data["token"]
    try:
        letter, code = intake_services.letter_submit(
            channel=chosen,
            unit=form.chosen_unit(),
            category=form.chosen_category(),
            subject=data["subject"],
            body=data["body"],
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            consent_publish=data["consent_publish"],
            attachments=data["attachments"],
            token=token,
            submitter_key=_submitter_key(request, data["phone"], data["email"]),
        )
    except ValidationError as error:
        if getattr(error, "code", None) == "closed":
            return _closed(request, chosen)
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            form.add_error("attachments", error.messages)
        return None
    if code is not None:
        _keep_receipt(request, letter, code, token)
    else:
        _claim_resubmitted_receipt(request, token)
    return redirect(reverse("mailbox:receipt"))


@require_http_methods(["GET", "HEAD"])
def suggest(request: HttpRequest) -> HttpResponse:
    """The suggestions as an HTML fragment, for mailbox/suggest.js (the same list the form's
    "先查一查" button shows on the page)."""
    form, suggestions, searched = _suggest_context(request)
    if form.is_bound and not form.is_valid():
        return render(request, "mailbox/public/bad_query.html", {"form": form}, status=400)
    return render(
        request,
        "mailbox/public/_suggestions.html",
        {"suggestions": suggestions, "searched": searched},
    )


# --- The receipt, once ----------------------------------------------------------------------------


def _pending_key(token: str) -> str:
    return f"gongkai:mb-receipt:{hashlib.sha256(token.encode()).hexdigest()}"


def _remember(request: HttpRequest, letter: Letter) -> None:
    ids = list(request.session.get(SESSION_LETTERS, []))
    if letter.pk not in ids:
        ids.append(letter.pk)
    request.session[SESSION_LETTERS] = ids[-20:]


def _keep_receipt(request: HttpRequest, letter: Letter, code: str, token: str) -> None:
    request.session[SESSION_RECEIPT] = {"id": letter.pk, "code": code}
    _remember(request, letter)
    if token:  # for a second POST of the same form (a double click), once
        cache.set(_pending_key(token), {"id": letter.pk, "code": code}, RECEIPT_SECONDS)


def _claim_resubmitted_receipt(request: HttpRequest, token: str) -> None:
    if not token:
        return
    data = cache.get(_pending_key(token))
    cache.delete(_pending_key(token))
    if isinstance(data, dict):
        letter = Letter.objects.filter(pk=data["id"]).first()
        if letter is not None:
            request.session[SESSION_RECEIPT] = data
            _remember(request, letter)


@never_cache
@require_http_methods(["GET", "HEAD"])
def receipt(request: HttpRequest) -> HttpResponse:
    data = request.session.pop(SESSION_RECEIPT, None)
    letter = None
    if isinstance(data, dict) and cache.add(f"gongkai:mb-receipt-shown:{data['id']}", 1, 86400):
        letter = Letter.objects.select_related("organisation").filter(pk=data["id"]).first()
    if letter is None:
        return render(request, "mailbox/public/receipt_shown.html")
    context = {"letter": letter, "code": data["code"], "label": Channel(letter.channel).label}
    return render(request, "mailbox/public/receipt.html", context)


# --- Following a letter ---------------------------------------------------------------------------


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    status = 200
    if request.method == "POST":
        limit = _track_limit()
        if not limit.take(request):  # every attempt counts
            return _limited(request, limit)
        if form.is_valid():
            letter = intake_services.find_letter(
                form.cleaned_data["number"], form.cleaned_data["code"]
            )
            if letter is not None:
                request.session.cycle_key()
                _remember(request, letter)
                return redirect("mailbox:letter", number=letter.number)
            form.add_error(None, "信件编号或查询码不正确。")
        status = 400
    return render(request, "mailbox/public/track.html", {"form": form}, status=status)


def _letter_for(request: HttpRequest, number: str) -> Letter:
    if not intake_services.plausible_number(number):
        raise Http404
    letter = (
        Letter.objects.filter(number=number)
        .select_related("organisation", "category")
        .prefetch_related("transfers__to_unit", "transfers__from_unit")
        .first()
    )
    if letter is None or letter.pk not in request.session.get(SESSION_LETTERS, []):
        raise Http404
    return letter


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def letter_view(request: HttpRequest, number: str) -> HttpResponse:
    letter = _letter_for(request, number)
    rateable = intake_services.can_rate(letter)
    form = None
    status = 200
    if rateable:
        initial = {"satisfaction": letter.satisfaction, "comment": letter.rating_comment}
        form = RatingForm(request.POST or None, initial=initial)
        if request.method == "POST":
            if form.is_valid():
                try:
                    intake_services.letter_rate(
                        letter=letter,
                        satisfaction=form.cleaned_data["satisfaction"],
                        comment=form.cleaned_data["comment"],
                    )
                except ValidationError as error:
                    if hasattr(error, "error_dict"):
                        for field, messages in error.message_dict.items():
                            form.add_error(field if field in form.fields else None, messages)
                    else:
                        form.add_error(None, error.messages)
                else:
                    return redirect(reverse("mailbox:letter", args=[letter.number]) + "?rated=1")
            status = 400
    elif request.method == "POST":
        return redirect("mailbox:letter", number=letter.number)
    context = {
        "letter": letter,
        "label": Channel(letter.channel).label,
        "transfers": list(letter.transfers.all()),
        "answered": letter.status == LetterStatus.ANSWERED,
        "form": form,
        "rated": request.GET.get("rated") == "1" and letter.satisfaction != "",
        "change_days": intake_services.RATING_CHANGE_DAYS,
    }
    return render(request, "mailbox/public/letter.html", context, status=status)


# --- 来信选登 and 常见问题 ---------------------------------------------------------------------------


def _query(params: dict[str, Any]) -> str:
    kept = {k: v for k, v in params.items() if v not in ("", None) and not (k == "page" and v == 1)}
    return "?" + urlencode(kept)


@require_http_methods(["GET", "HEAD"])
def letters(request: HttpRequest) -> HttpResponse:
    units = public_selectors.letter_units()
    form = LetterFilterForm(
        request.GET or None,
        units=units,
        categories=public_selectors.categories(),
        years=public_selectors.letter_years(),
    )
    if request.GET and not form.is_valid():
        bad: dict[str, Any] = {"form": form, "page_obj": None, "bad_request": True}
        return render(request, "mailbox/public/letters.html", bad, status=400)
    data = form.cleaned_data if request.GET else {}
    unit = form.units.get(data.get("unit") or "")
    found = public_selectors.filter_letters(
        public_selectors.public_letters(),
        channel=data.get("channel") or "",
        unit_id=unit.pk if unit else None,
        category_id=int(data["category"]) if data.get("category") else None,
        year=int(data["year"]) if data.get("year") else None,
        q=data.get("q") or "",
    )
    page_obj = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    base = {k: data.get(k, "") for k in ("channel", "unit", "category", "year", "q")}
    context = {
        "form": form,
        "page_obj": page_obj,
        "previous": _query({**base, "page": page_obj.previous_page_number()})
        if page_obj.has_previous()
        else None,
        "next": _query({**base, "page": page_obj.next_page_number()})
        if page_obj.has_next()
        else None,
    }
    return render(request, "mailbox/public/letters.html", context)


@require_http_methods(["GET", "HEAD"])
def faq(request: HttpRequest) -> HttpResponse:
    entries = public_selectors.faq_entries()
    groups: dict[int, dict[str, Any]] = {}
    for entry in entries:
        group = groups.setdefault(
            entry.organisation_id, {"unit": entry.organisation, "entries": []}
        )
        group["entries"].append(entry)
    return render(request, "mailbox/public/faq.html", {"groups": list(groups.values())})
