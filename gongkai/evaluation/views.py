"""Public pages of policy evaluation: the list of published evaluations (/zcpj/), and what
PolicyEvaluationPage's routes serve — the page (policy, method, survey summary, records,
findings, conclusion), the survey form and its thank-you page.

Answering needs no account and no JavaScript (participation's questionnaire form, conditional
questions by CSS). The form carries the CSRF token and a one-time token (a double submit stores
one sheet); submissions are rate-limited per address (core.ratelimit); a survey not open answers
a POST with 403 and a plain Chinese explanation. Form pages are never cached.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from gongkai.core.config import gongkai_config
from gongkai.core.ratelimit import Limit, client_ip
from gongkai.evaluation import selectors, services
from gongkai.evaluation.models import PolicyEvaluationPage
from gongkai.participation import questionnaire_services
from gongkai.participation.forms import QuestionnaireForm
from gongkai.participation.services import submitter_key

PAGE_SIZE = 20


def _survey_limit() -> Limit:
    return Limit("zcpj-survey", int(gongkai_config().comment_limit), 3600)


def _client(request: HttpRequest) -> str:
    agent = request.META.get("HTTP_USER_AGENT", "")[:200]
    return f"{client_ip(request)}|{agent}"


def _render(
    request: HttpRequest,
    page: PolicyEvaluationPage,
    template: str,
    context: Mapping[str, object],
    *,
    status: int = 200,
    never_cache: bool = False,
) -> HttpResponse:
    response = render(request, template, {"page": page, "self": page, **context}, status=status)
    if never_cache:
        add_never_cache_headers(response)
    return response


def page_context(page: PolicyEvaluationPage) -> dict[str, Any]:
    """The survey summary (counts and averages only: the public's text answers are not
    published) and the records the reviewer saw."""
    results = selectors.survey_results(page)
    return {
        "survey_open": page.survey_is_open(),
        "has_survey": bool(results),
        "responses": page.responses.count(),
        "results": [r for r in results if r.kind != "text"],
        "records": list(selectors.published_records(page)),
        "findings": page.findings(),
    }


@require_http_methods(["GET", "HEAD"])
def index(request: HttpRequest) -> HttpResponse:
    """Every published evaluation, newest first."""
    qs = (
        PolicyEvaluationPage.objects.live()
        .public()
        .select_related("organisation", "policy")
        .order_by("-first_published_at", "-pk")
    )
    page_obj = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "evaluation/index.html", {"page_obj": page_obj})


def _closed(request: HttpRequest, page: PolicyEvaluationPage, status: int) -> HttpResponse:
    today = timezone.localdate()
    forthcoming = page.survey_opens_on is not None and today < page.survey_opens_on
    return _render(
        request,
        page,
        "evaluation/closed.html",
        {"forthcoming": forthcoming},
        status=status,
        never_cache=True,
    )


def survey_view(request: HttpRequest, page: PolicyEvaluationPage) -> HttpResponse:
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    questions = questionnaire_services.numbered_questions(
        page.questions.order_by("sort_order", "pk")
    )
    if not questions:
        raise Http404
    today = timezone.localdate()
    if not page.survey_open_on(today):
        return _closed(request, page, 403 if request.method == "POST" else 200)
    posted = request.method == "POST"
    form = QuestionnaireForm(questions, request.POST if posted else None)
    token = request.POST.get("token", "")[:40] if posted else secrets.token_urlsafe(24)
    errors: list[tuple[str, str]] = []
    if posted and form.is_valid():
        limit = _survey_limit()
        if not limit.take(request):
            response = _render(
                request, page, "evaluation/limited.html", {}, status=429, never_cache=True
            )
            response["Retry-After"] = str(limit.retry_after())
            return response
        try:
            services.response_submit(
                evaluation=page,
                answers=form.answers,
                key=submitter_key(client=_client(request)),
                token=token,
                today=today,
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "closed":
                return _closed(request, page, 403)
            errors = [("", m) for m in error.messages]
        else:
            return redirect((page.get_url(request) or "/") + "survey/thanks/")
    items = form.items()
    errors += [
        (f"#{item.anchor}", f"第{item.number}题：{item.error}") for item in items if item.error
    ]
    context = {"items": items, "errors": errors, "token": token}
    status = 400 if posted else 200
    return _render(
        request, page, "evaluation/survey.html", context, status=status, never_cache=True
    )


def survey_thanks_view(request: HttpRequest, page: PolicyEvaluationPage) -> HttpResponse:
    return _render(request, page, "evaluation/thanks.html", {})
