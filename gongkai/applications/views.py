"""Public pages of 依申请公开: apply, receipt, follow a case with its number and query code,
answer a correction request, download letters. No JavaScript needed; never cached.

A case is shown only to a browser that proved the number *and* the code in this session;
failed attempts are rate-limited per client; the same answer is given for a wrong number and
a wrong code.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from gongkai.applications import services
from gongkai.applications.forms import ApplicationForm, CorrectionForm, TrackForm
from gongkai.applications.models import Application, Letter, Status
from gongkai.core.ratelimit import Limit
from gongkai.organisations.models import Organisation

SESSION_CASES = "gk_cases"
SESSION_RECEIPT = "gk_receipt"


def _submit_limit() -> Limit:
    return Limit("ysqgk-submit", int(settings.GONGKAI.get("APPLICATION_LIMIT", 10)), 3600)


def _track_limit() -> Limit:
    return Limit("ysqgk-track", int(settings.GONGKAI.get("TRACK_LIMIT", 20)), 600)


def _units() -> Any:
    return Organisation.objects.filter(home_page__isnull=False).order_by("path")


@never_cache
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "applications/index.html", {"units": _units(), "track": TrackForm()})


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, unit_slug: str) -> HttpResponse:
    unit = get_object_or_404(_units(), slug=unit_slug)
    if request.method == "POST":
        form = ApplicationForm(request.POST, request.FILES)
        if form.is_valid():
            if not _submit_limit().take(request):  # counted and checked in one step
                return render(request, "applications/limited.html", status=429)
            fields = {
                k: v
                for k, v in form.cleaned_data.items()
                if k not in ("attachments", "submission_token")
            }
            try:
                result = services.submit_online(
                    unit,
                    fields,
                    form.cleaned_data["attachments"],
                    token=form.cleaned_data.get("submission_token") or None,
                )
            except ValidationError as error:
                # Upload problems belong to the attachments field; anything else to the form.
                form.add_error(None if hasattr(error, "error_dict") else "attachments", error)
            else:
                if result.created:
                    request.session[SESSION_RECEIPT] = {
                        "id": result.case.pk,
                        "code": result.code,
                    }
                    _remember(request, result.case)
                token = form.cleaned_data.get("submission_token") or ""
                return redirect(reverse("applications:receipt") + (f"?t={token}" if token else ""))
    else:
        form = ApplicationForm(initial={"submission_token": secrets.token_urlsafe(24)})
    return render(request, "applications/apply.html", {"unit": unit, "form": form})


def _remember(request: HttpRequest, case: Application) -> None:
    cases = list(request.session.get(SESSION_CASES, []))
    if case.pk not in cases:
        cases.append(case.pk)
    request.session[SESSION_CASES] = cases[-20:]


@never_cache
def receipt(request: HttpRequest) -> HttpResponse:
    data = request.session.get(SESSION_RECEIPT)
    token = request.GET.get("t", "")
    if not data and token:
        # A double submission: the browser shows the answer to the second POST, whose session
        # never held the receipt; the form's one-time token (known only to that browser) finds it.
        from django.core.cache import cache

        data = cache.get(f"gongkai:receipt:{token[:64]}")
        if data:
            request.session[SESSION_RECEIPT] = data
            _remember(request, Application.objects.get(pk=data["id"]))
    if not data:
        return redirect("applications:index")
    case = get_object_or_404(Application, pk=data["id"])
    return render(request, "applications/receipt.html", {"case": case, "code": data["code"]})


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    if request.method == "POST":
        limit = _track_limit()
        if not limit.take(request):  # every attempt counts, checked in the same step
            response = render(request, "applications/limited.html", status=429)
            response["Retry-After"] = str(limit.retry_after())
            return response
        if form.is_valid():
            case = services.find_case(form.cleaned_data["number"], form.cleaned_data["code"])
            if case is not None:
                request.session.cycle_key()
                _remember(request, case)
                return redirect("applications:case", number=case.number)
            form.add_error(None, _("受理编号或查询码不正确。"))
    return render(request, "applications/track.html", {"form": form})


def _case_for(request: HttpRequest, number: str) -> Application:
    case = Application.objects.filter(number=number).select_related("organisation").first()
    if case is None or case.pk not in request.session.get(SESSION_CASES, []):
        raise Http404
    return case


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def case_view(request: HttpRequest, number: str) -> HttpResponse:
    case = _case_for(request, number)
    form = None
    if case.status == Status.CORRECTION_REQUESTED:
        form = CorrectionForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.receive_correction(
                    case, text=form.cleaned_data["text"], uploads=form.cleaned_data["attachments"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("applications:case", number=case.number)
    elif request.method == "POST":
        return redirect("applications:case", number=case.number)
    letters = [
        letter
        for letter in case.letters.all()
        if letter.sent
        and letter.kind != "third_party"  # addressed to the third party, not to the applicant
        and (letter.kind != "reply" or case.status in (Status.REPLIED, Status.CLOSED))
    ]
    context = {
        "case": case,
        "events": case.events.filter(public=True),
        "form": form,
        "letters": letters,
    }
    return render(request, "applications/case.html", context)


@never_cache
def letter_download(
    request: HttpRequest, number: str, letter_id: int, fmt: str
) -> HttpResponseBase:
    case = _case_for(request, number)
    letter = get_object_or_404(Letter, pk=letter_id, application=case, sent=True)
    return letter_response(letter, fmt)


def letter_response(letter: Letter, fmt: str) -> HttpResponseBase:
    from gongkai.applications.letters import render_letter

    if fmt not in ("docx", "pdf"):
        raise Http404
    data = render_letter(letter, fmt)
    content_type = (
        "application/pdf"
        if fmt == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    import io

    return FileResponse(
        io.BytesIO(data),
        as_attachment=True,
        filename=f"{letter.doc_number}.{fmt}",
        content_type=content_type,
    )
