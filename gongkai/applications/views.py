"""Public pages of 依申请公开: apply, receipt, follow a case with its number and query code,
answer a correction request, download letters. No JavaScript needed; never cached.

A case is shown only to a browser that proved the number *and* the code in this session;
failed attempts are rate-limited per client; the same answer is given for a wrong number and
a wrong code. The receipt (number and query code) is a credential: it lives only in the
submitting browser's session, is shown on the first visit of /ysqgk/receipt/ and then removed
(GB/T 22239-2019 8.1.4.8 数据保密性); no URL carries it.
"""

from __future__ import annotations

import io
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

from gongkai.applications import applicant, policies, services, workflow
from gongkai.applications.forms import ApplicationForm, CorrectionForm, TrackForm
from gongkai.applications.letters import render_letter
from gongkai.applications.models import Application, Letter
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
    context = {"groups": applicant.grouped_units(_units()), "track": TrackForm()}
    return render(request, "applications/index.html", context)


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
                token = form.cleaned_data.get("submission_token") or ""
                if result.created:
                    _keep_receipt(request, {"id": result.case.pk, "code": result.code}, token)
                else:
                    _claim_resubmitted_receipt(request, token)
                return redirect(reverse("applications:receipt"))
    else:
        form = ApplicationForm(initial={"submission_token": secrets.token_urlsafe(24)})
    return render(request, "applications/apply.html", {"unit": unit, "form": form})


def _remember(request: HttpRequest, case: Application) -> None:
    cases = list(request.session.get(SESSION_CASES, []))
    if case.pk not in cases:
        cases.append(case.pk)
    request.session[SESSION_CASES] = cases[-20:]


def _keep_receipt(request: HttpRequest, data: dict[str, Any], token: str) -> None:
    case = Application.objects.filter(pk=data["id"]).first()
    if case is not None:
        request.session[SESSION_RECEIPT] = {**data, "token": token}
        _remember(request, case)


def _claim_resubmitted_receipt(request: HttpRequest, token: str) -> None:
    """A second POST of a form already filed (a double click; the browser shows the answer to
    the second POST, whose session may never have held the receipt): the receipt left by the
    first POST under the form's one-time token — sent in the POST body, known only to the
    browser that loaded the form — moves into this session, once. Already shown: nothing."""
    data = services.take_pending_receipt(token=token)
    if data is not None:
        _keep_receipt(request, data, token)


@never_cache
def receipt(request: HttpRequest) -> HttpResponse:
    """The receipt, once: taken out of the session as it is shown; a second visit, a reload or
    another browser gets a page saying it was shown and how to follow the case. The page can
    be printed as it is (the print keeps what is on the screen)."""
    data = request.session.pop(SESSION_RECEIPT, None)
    case = None
    if isinstance(data, dict) and services.mark_receipt_shown(
        case_id=data["id"], token=data.get("token", "")
    ):
        case = Application.objects.select_related("organisation").filter(pk=data["id"]).first()
    if case is None:
        return render(request, "applications/receipt_shown.html")
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
    if not _plausible_number(number):
        raise Http404  # no query with a NUL or an endless string (PostgreSQL refuses NULs)
    case = Application.objects.filter(number=number).select_related("organisation").first()
    if case is None or case.pk not in request.session.get(SESSION_CASES, []):
        raise Http404
    return case


def _plausible_number(number: str) -> bool:
    max_length = Application._meta.get_field("number").max_length or 60
    return 0 < len(number) <= max_length and number.isprintable()


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def case_view(request: HttpRequest, number: str) -> HttpResponse:
    case = _case_for(request, number)
    form = None
    # The applicant's one step (workflow: "corrected", no staff permission needed).
    if case.status in workflow.ACTIONS["corrected"].sources:
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
    context = {
        "case": case,
        "events": case.events.filter(public=True),
        "form": form,
        "letters": policies.applicant_letters(case),  # the same rule as the download
        "outcome_text": applicant.outcome_text(case),
        "reply_files": policies.applicant_reply_files(case),  # likewise
    }
    return render(request, "applications/case.html", context)


@never_cache
def letter_download(
    request: HttpRequest, number: str, letter_id: int, fmt: str
) -> HttpResponseBase:
    case = _case_for(request, number)
    if fmt not in LETTER_FORMATS:
        raise Http404
    # One rule for the list and the download; a letter not the applicant's is "missing".
    letter = policies.applicant_letter(case, letter_id)
    if letter is None:
        raise Http404
    return letter_response(letter, fmt)


@never_cache
def reply_file_download(request: HttpRequest, number: str, attachment_id: int) -> HttpResponseBase:
    """A file attached to the reply (the disclosed information), for the applicant: authorised
    by the case access in this session, once the reply is sent (policies.applicant_reply_files)."""
    case = _case_for(request, number)
    found = next((a for a in policies.applicant_reply_files(case) if a.pk == attachment_id), None)
    if found is None:
        raise Http404
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.original_name,
        content_type=found.content_type,
    )


LETTER_FORMATS = ("docx", "pdf")


def letter_response(letter: Letter, fmt: str) -> HttpResponseBase:
    if fmt not in LETTER_FORMATS:
        raise Http404
    data = render_letter(letter, fmt)
    content_type = (
        "application/pdf"
        if fmt == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    return FileResponse(
        io.BytesIO(data),
        as_attachment=True,
        filename=f"{letter.doc_number or f'{letter.title}（草稿）'}.{fmt}",
        content_type=content_type,
    )
