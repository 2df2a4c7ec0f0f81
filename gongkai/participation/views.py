"""Public pages of 意见征集: the site-wide list (/yjzj/), and what ConsultationPage's routes
serve — the page itself (clause by clause, with the published comments), the comment form and
its thank-you page, the questionnaire, an earlier version of the draft.

Commenting needs no account and no JavaScript. Forms carry the CSRF token and a one-time token
(a double submit stores one comment: services.comment_submit); submissions are rate-limited per
address (core.ratelimit, GONGKAI["COMMENT_LIMIT"] an hour); a consultation not open answers a
POST with 403 and a plain Chinese explanation. Form pages are never cached.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
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
from gongkai.core.ratelimit import Limit, client_ip
from gongkai.organisations.models import Organisation
from gongkai.participation import questionnaire_services, selectors, services
from gongkai.participation.forms import CommentForm, ListFilterForm, QuestionnaireForm
from gongkai.participation.models import (
    Clause,
    Comment,
    ConsultationPage,
    ConsultationStatus,
    DraftVersion,
)

PAGE_SIZE = 20
MAX_VERSION_NUMBER = 32767


def _comment_limit() -> Limit:
    return Limit("yjzj-comment", int(gongkai_config().comment_limit), 3600)


def _questionnaire_limit() -> Limit:
    return Limit("yjzj-questionnaire", int(gongkai_config().comment_limit), 3600)


def _client(request: HttpRequest) -> str:
    agent = request.META.get("HTTP_USER_AGENT", "")[:200]
    return f"{client_ip(request)}|{agent}"


def status_of(consultation: ConsultationPage, today: dt.date) -> ConsultationStatus:
    """The public status from the dates and the ``feedback_published`` annotation of
    selectors.public_consultations (no query per row)."""
    if getattr(consultation, "feedback_published", None) is None:
        return consultation.status_on(today)
    if consultation.feedback_published:
        return ConsultationStatus.RESULT
    if today < consultation.opens_on:
        return ConsultationStatus.FORTHCOMING
    if today <= consultation.closes_on:
        return ConsultationStatus.OPEN
    return ConsultationStatus.CLOSED


@dataclass(frozen=True)
class ListRow:
    consultation: ConsultationPage
    status: ConsultationStatus
    days_left: int
    comment_count: int | None  # accepted comments (None: not counted for this list)


def list_rows(
    consultations: Iterable[ConsultationPage], today: dt.date | None = None
) -> list[ListRow]:
    today = today or timezone.localdate()
    return [
        ListRow(c, status_of(c, today), c.days_left(today), getattr(c, "comment_count", None))
        for c in consultations
    ]


# --- /yjzj/ --------------------------------------------------------------------------------------


def _units_with_consultations() -> list[tuple[str, str]]:
    ids = ConsultationPage.objects.live().public().values("organisation_id")
    units = Organisation.objects.filter(pk__in=ids).order_by("path")
    return [(u.slug, u.name) for u in units]


@require_http_methods(["GET", "HEAD"])
def index(request: HttpRequest) -> HttpResponse:
    """Every unit's consultations, newest first: tabs by status, a unit and a kind filter."""
    form = ListFilterForm(request.GET or None, units=_units_with_consultations())
    if request.GET and not form.is_valid():
        context = {"form": form, "tabs": [], "rows": [], "bad_request": True, "page_obj": None}
        return render(request, "participation/index.html", context, status=400)
    data = form.cleaned_data if request.GET else {"status": "", "unit": "", "kind": ""}
    today = timezone.localdate()
    consultations = selectors.public_consultations(
        status=data["status"], unit_slug=data["unit"], kind=data["kind"], today=today
    )
    paginator = Paginator(consultations, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    rows = list_rows(page_obj.object_list, today)
    base = {k: v for k, v in data.items() if v and k != "status"}
    tabs = [
        {
            "label": label,
            "value": value,
            "current": data["status"] == value,
            "query": _query({**base, "status": value}),
        }
        for value, label in [("", "全部"), *ConsultationStatus.choices]
    ]
    context = {
        "form": form,
        "tabs": tabs,
        "rows": rows,
        "page_obj": page_obj,
        "previous": _query({**data, "page": page_obj.previous_page_number()})
        if page_obj.has_previous()
        else None,
        "next": _query({**data, "page": page_obj.next_page_number()})
        if page_obj.has_next()
        else None,
    }
    return render(request, "participation/index.html", context)


def _query(params: dict[str, str | int]) -> str:
    kept = {k: v for k, v in params.items() if v not in ("", None) and not (k == "page" and v == 1)}
    return "?" + urlencode(kept)


# --- The consultation page -----------------------------------------------------------------------


@dataclass
class ClauseRow:
    clause: Clause
    count: int
    own_text: str  # "" when the clause's paragraphs (款) below carry all its text
    comments: list[Comment] = field(default_factory=list)
    new_heading: str = ""  # the chapter heading, on the first clause under it


def clause_rows(
    version: DraftVersion | None,
    counts: dict[int | None, int] | None = None,
    comments: list[Comment] | None = None,
) -> list[ClauseRow]:
    """The clauses of a version in order, each with its accepted comments count and its
    published comments; an article whose paragraphs are clauses of their own shows no text of
    its own (the paragraphs carry it)."""
    if version is None:
        return []
    clauses = list(version.clauses.order_by("order"))
    children: dict[int, list[Clause]] = defaultdict(list)
    for c in clauses:
        if c.parent_id is not None:
            children[c.parent_id].append(c)
    by_clause: dict[int | None, list[Comment]] = defaultdict(list)
    for comment in comments or []:
        by_clause[comment.clause_id].append(comment)
    rows = []
    heading = ""
    for c in clauses:
        kids = children.get(c.pk, [])
        covered = bool(kids) and all(k.text in c.text for k in kids)
        rows.append(
            ClauseRow(
                clause=c,
                count=(counts or {}).get(c.pk, 0),
                own_text="" if covered else c.text,
                comments=by_clause.get(c.pk, []),
                new_heading=c.heading if c.heading and c.heading != heading else "",
            )
        )
        heading = c.heading or heading
    return rows


def page_context(page: ConsultationPage, request: HttpRequest) -> dict[str, Any]:
    """What the consultation page shows (ConsultationPage.get_context)."""
    today = timezone.localdate()
    version = page.consulted_version()
    comments = list(selectors.public_comments(page))
    counts = selectors.clause_comment_counts(page)
    rows = clause_rows(version, counts, comments)
    on_page = {row.clause.pk for row in rows}
    feedback = page.published_feedback()
    status = page.status_on(today)
    return {
        "status": status,
        "commenting": status == ConsultationStatus.OPEN,
        "days_left": page.days_left(today),
        "version": version,
        "clause_rows": rows,
        "whole_count": counts.get(None, 0),
        "whole_comments": [c for c in comments if c.clause_id is None],
        # Comments on an earlier version's clauses, shown with their clause number.
        "other_comments": [c for c in comments if c.clause_id and c.clause_id not in on_page],
        "comment_total": sum(counts.values()),
        "public_total": len(comments),
        "other_versions": list(
            page.versions.filter(final=False).exclude(pk=version.pk if version else None)
        ),
        "feedback": feedback,
        "attachments": list(page.attachments.select_related("document")),
        "has_questions": page.questions.exists(),
        # The decision's own page (/zdjc/<id>/) is public once its catalogue is published.
        "decision_url": f"/zdjc/{page.decision_id}/"
        if page.decision is not None and page.decision.catalogue.published_on is not None
        else "",
    }


def version_view(request: HttpRequest, page: ConsultationPage, number: int) -> HttpResponse:
    """An earlier consulted version, clause by clause (the final text is shown with the
    published feedback, not here)."""
    if number > MAX_VERSION_NUMBER:  # a PositiveSmallIntegerField: no overflowing query
        raise Http404
    version = page.versions.filter(number=number, final=False).first()
    if version is None or version == page.consulted_version():
        raise Http404
    context = {"version": version, "clause_rows": clause_rows(version)}
    return _render(request, page, "participation/version.html", context)


def _page_url(request: HttpRequest, page: ConsultationPage) -> str:
    return page.get_url(request) or "/"


def _render(
    request: HttpRequest,
    page: ConsultationPage,
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


# --- Comments ------------------------------------------------------------------------------------


def _closed(
    request: HttpRequest, page: ConsultationPage, status: int, what: str = "意见"
) -> HttpResponse:
    today = timezone.localdate()
    context = {"status": page.status_on(today), "what": what}
    return _render(
        request, page, "participation/closed.html", context, status=status, never_cache=True
    )


def _limited(request: HttpRequest, page: ConsultationPage, limit: Limit) -> HttpResponse:
    response = _render(
        request, page, "participation/limited.html", {}, status=429, never_cache=True
    )
    response["Retry-After"] = str(limit.retry_after())
    return response


_COMMENT_ERROR_FIELDS = {"passage": "passage", "clause": "clause", "text": "text"}


def comment_view(request: HttpRequest, page: ConsultationPage) -> HttpResponse:
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    today = timezone.localdate()
    if not (page.opens_on <= today <= page.closes_on):
        return _closed(request, page, 403 if request.method == "POST" else 200)
    version = page.consulted_version()
    clauses = list(version.clauses.order_by("order")) if version else []
    if request.method == "POST":
        form = CommentForm(request.POST, clauses=clauses)
        if form.is_valid():
            limit = _comment_limit()
            if not limit.take(request):
                return _limited(request, page, limit)
            data = form.cleaned_data
            try:
                services.comment_submit(
                    consultation=page,
                    text=data["text"],
                    key=services.submitter_key(contact=data["contact"], client=_client(request)),
                    clause=form.chosen_clause(),
                    passage=data["passage"],
                    name=data["name"],
                    contact=data["contact"],
                    consent_publish=data["consent_publish"],
                    token=data["token"],
                    today=today,
                )
            except ValidationError as error:
                if getattr(error, "code", None) == "closed":
                    return _closed(request, page, 403)
                target = _COMMENT_ERROR_FIELDS.get(getattr(error, "code", None) or "")
                form.add_error(target, error)
            else:
                return redirect(_page_url(request, page) + "comment/thanks/")
    else:
        preset = request.GET.get("clause", "")
        initial = {"token": secrets.token_urlsafe(24)}
        if preset in {str(c.pk) for c in clauses}:
            initial["clause"] = preset
        form = CommentForm(initial=initial, clauses=clauses)
    chosen = form["clause"].value()
    context = {
        "form": form,
        "chosen": next((c for c in clauses if str(c.pk) == str(chosen)), None),
        "version": version,
    }
    return _render(request, page, "participation/comment_form.html", context, never_cache=True)


def comment_thanks_view(request: HttpRequest, page: ConsultationPage) -> HttpResponse:
    return _render(request, page, "participation/comment_thanks.html", {"what": "意见"})


# --- The questionnaire ---------------------------------------------------------------------------


def questionnaire_view(request: HttpRequest, page: ConsultationPage) -> HttpResponse:
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    questions = questionnaire_services.numbered(page)
    if not questions:
        raise Http404
    today = timezone.localdate()
    if not (page.opens_on <= today <= page.closes_on):
        return _closed(request, page, 403 if request.method == "POST" else 200, "问卷")
    form = QuestionnaireForm(questions, request.POST if request.method == "POST" else None)
    errors: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        limit = _questionnaire_limit()
        if not limit.take(request):
            return _limited(request, page, limit)
        try:
            questionnaire_services.response_submit(
                consultation=page,
                answers=form.answers,
                key=services.submitter_key(client=_client(request)),
                today=today,
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "closed":
                return _closed(request, page, 403, "问卷")
            errors = [("", m) for m in error.messages]
        else:
            return redirect(_page_url(request, page) + "questionnaire/thanks/")
    items = form.items()
    errors += [
        (f"#{item.anchor}", f"第{item.number}题：{item.error}") for item in items if item.error
    ]
    context = {"items": items, "errors": errors}
    return _render(request, page, "participation/questionnaire.html", context, never_cache=True)


def questionnaire_thanks_view(request: HttpRequest, page: ConsultationPage) -> HttpResponse:
    return _render(request, page, "participation/comment_thanks.html", {"what": "问卷"})
