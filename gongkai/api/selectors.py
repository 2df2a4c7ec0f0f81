"""Reads for the open API: only what the public may see (library.selectors), shaped as the
response schemas, with a fixed number of queries per request (never one per item per field).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from wagtail.rich_text import expand_db_html

from gongkai.api import params, schemas
from gongkai.api.errors import ApiError
from gongkai.events import selectors as events_selectors
from gongkai.events.models import EventKind, EventStatus
from gongkai.library.models import (
    DisclosureMode,
    DocType,
    DocumentRelation,
    InterpretationPage,
    PolicyDocumentPage,
    PolicyIssuer,
    Topic,
)
from gongkai.library.selectors import incoming_acts, public_interpretations, public_policies
from gongkai.library.validity import RelationKind, Validity
from gongkai.mailbox import public_selectors as mailbox
from gongkai.mailbox.models import Channel as LetterChannel
from gongkai.mailbox.models import Letter
from gongkai.organisations.models import Organisation
from gongkai.participation import selectors as participation
from gongkai.participation.models import (
    ConsultationKind,
    ConsultationPage,
    ConsultationStatus,
)
from gongkai.search.query import Filters, search

ON_APPLICATION_NOTE = "本文件依申请公开，正文不在网站公开，可依法申请获取。"


def _absolute(request: HttpRequest, url: str | None) -> str:
    return request.build_absolute_uri(url) if url else ""


def _label(
    choices: type[Validity]
    | type[DocType]
    | type[RelationKind]
    | type[ConsultationKind]
    | type[ConsultationStatus]
    | type[EventKind]
    | type[EventStatus],
    value: str,
) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _topic_label(name: str | None, parent_name: str | None) -> str:
    if not name:
        return ""
    return f"{parent_name}\\{name}" if parent_name else name


def _unit_names(page_ids: list[int]) -> dict[int, list[str]]:
    """发文机关 of several documents in one query, each list in the document's order."""
    names: dict[int, list[str]] = defaultdict(list)
    rows = (
        PolicyIssuer.objects.filter(page_id__in=page_ids)
        .order_by("page_id", "sort_order", "pk")
        .values_list("page_id", "organisation__name")
    )
    for page_id, name in rows:
        names[page_id].append(name)
    return names


def _ref(
    request: HttpRequest, page: PolicyDocumentPage | InterpretationPage
) -> schemas.DocumentRef:
    return schemas.DocumentRef(
        id=page.pk, title=page.title, url=_absolute(request, page.get_url(request))
    )


# --- Policies -------------------------------------------------------------------------------------


def policy_list(
    request: HttpRequest, *, query: str, filters: Filters, page: int, page_size: int
) -> schemas.PolicyList:
    results = search(query, filters, page=page, page_size=page_size)
    params.check_page(page, count=results.count, page_size=page_size)
    ids = [hit.page_id for hit in results.hits]
    metadata = {
        row["pk"]: row
        for row in public_policies()
        .filter(pk__in=ids)
        .values("pk", "written_on", "topic__name", "topic__parent__name")
    }
    units = _unit_names(ids)
    return schemas.PolicyList(
        count=results.count,
        page=page,
        page_size=page_size,
        did_you_mean=results.did_you_mean,
        match=results.match or None,
        match_words=results.match_words,
        results=[
            schemas.PolicySummary(
                id=hit.page_id,
                title=hit.title,
                index_number=hit.index_number,
                doc_number=hit.doc_number,
                organs=units.get(hit.page_id, []),
                topic=_topic_label(
                    metadata[hit.page_id]["topic__name"],
                    metadata[hit.page_id]["topic__parent__name"],
                ),
                written_on=metadata[hit.page_id]["written_on"],
                published_on=hit.published_on,
                validity=hit.validity,
                validity_label=_label(Validity, hit.validity),
                url=_absolute(request, hit.url_path),
                snippet=hit.snippet if results.terms else None,
            )
            for hit in results.hits
            # The index follows publishing; a page it still lists but the public may no longer
            # see (e.g. restricted a moment ago) is left out rather than shown.
            if hit.page_id in metadata
        ],
    )


def _public_policy(policy_id: int) -> PolicyDocumentPage:
    page = public_policies().filter(pk=policy_id).first() if params.is_id(policy_id) else None
    if page is None:
        raise ApiError(404, f"未找到编号为 {policy_id} 的政策文件（或该文件未公开）。", "id")
    return page


def _relations(request: HttpRequest, page: PolicyDocumentPage) -> schemas.RelationsOut:
    outgoing = list(DocumentRelation.objects.filter(source=page).select_related("target"))
    incoming = list(incoming_acts(page))
    others = {r.target_id for r in outgoing} | {r.source_id for r in incoming}
    public = set(public_policies().filter(pk__in=others).values_list("pk", flat=True))
    acts_on = [
        schemas.RelationOut(
            kind=r.kind,
            kind_label=_label(RelationKind, r.kind),
            effective_on=r.effective_on or page.published_on,
            document=_ref(request, r.target),
        )
        for r in outgoing
        if r.target_id in public
    ]
    acted_on_by = [
        schemas.RelationOut(
            kind=r.kind,
            kind_label=_label(RelationKind, r.kind),
            effective_on=r.effective_on or r.source.published_on,
            document=_ref(request, r.source),
        )
        for r in incoming
        if r.source_id in public
    ]
    return schemas.RelationsOut(acts_on=acts_on, acted_on_by=acted_on_by)


def policy_detail(request: HttpRequest, policy_id: int) -> schemas.PolicyDetail:
    page = _public_policy(policy_id)
    proactive = page.disclosure_mode == DisclosureMode.PROACTIVE
    superseded = (
        public_policies().filter(pk=page.superseded_by_id).first()
        if page.superseded_by_id
        else None
    )
    attachments = (
        [
            schemas.AttachmentOut(title=a.display_title(), url=_absolute(request, a.document.url))
            for a in page.attachments.select_related("document")
        ]
        if proactive
        else []
    )
    services = page.services.filter(is_active=True).select_related("organisation")
    topic: Topic = page.topic
    return schemas.PolicyDetail(
        id=page.pk,
        title=page.title,
        url=_absolute(request, page.get_url(request)),
        index_number=page.index_number or "",
        topic=topic.label,
        organs=_unit_names([page.pk]).get(page.pk, []),
        written_on=page.written_on,
        doc_number=page.doc_number,
        published_on=page.published_on,
        validity=page.validity,
        validity_label=_label(Validity, page.validity),
        validity_changed_on=page.validity_changed_on,
        validity_reason=page.validity_reason,
        superseded_by=_ref(request, superseded) if superseded else None,
        valid_from=page.valid_from,
        valid_until=page.valid_until,
        doc_type=page.doc_type,
        doc_type_label=_label(DocType, page.doc_type),
        genre=page.genre,
        disclosure_mode=page.disclosure_mode,
        disclosure_mode_label=str(page.get_disclosure_mode_display()),
        disclosure_scope=page.disclosure_scope,
        keywords=page.keywords,
        is_major=page.is_major,
        body=expand_db_html(page.body) if proactive else None,
        body_note=None if proactive else ON_APPLICATION_NOTE,
        attachments=attachments,
        interpretations=[
            _ref(request, i) for i in public_interpretations().filter(policy_id=page.pk)
        ],
        services=[
            schemas.ServiceOut(
                name=s.name, code=s.code, url=s.url, organisation=s.organisation.name
            )
            for s in services
        ],
        relations=_relations(request, page),
    )


# --- Interpretations ------------------------------------------------------------------------------


def _interpretation_summary(
    request: HttpRequest, page: InterpretationPage
) -> schemas.InterpretationSummary:
    policy = page.policy
    if policy is None:  # excluded by public_interpretations(); a race with a deletion
        raise ApiError(404, f"未找到编号为 {page.pk} 的政策解读（或该解读未公开）。", "id")
    return schemas.InterpretationSummary(
        id=page.pk,
        title=page.title,
        url=_absolute(request, page.get_url(request)),
        policy=_ref(request, policy),
        form=page.form,
        form_label=str(page.get_form_display()),
        interpreter=page.interpreter,
        published_on=page.published_on,
    )


def interpretation_list(
    request: HttpRequest, *, policy_id: int | None, page: int, page_size: int
) -> schemas.InterpretationList:
    qs = public_interpretations()
    if policy_id is not None:
        if not params.is_id(policy_id) or not public_policies().filter(pk=policy_id).exists():
            raise ApiError(
                400, f"未找到编号为 {policy_id} 的政策文件（或该文件未公开）。", "policy"
            )
        qs = qs.filter(policy_id=policy_id)
    count = qs.count()
    params.check_page(page, count=count, page_size=page_size)
    start = (page - 1) * page_size
    return schemas.InterpretationList(
        count=count,
        page=page,
        page_size=page_size,
        results=[_interpretation_summary(request, i) for i in qs[start : start + page_size]],
    )


def interpretation_detail(
    request: HttpRequest, interpretation_id: int
) -> schemas.InterpretationDetail:
    page = (
        public_interpretations().select_related("video").filter(pk=interpretation_id).first()
        if params.is_id(interpretation_id)
        else None
    )
    if page is None:
        raise ApiError(
            404, f"未找到编号为 {interpretation_id} 的政策解读（或该解读未公开）。", "id"
        )
    if page.video_id and page.video is not None:
        video_url: str | None = _absolute(request, page.video.url)
    else:
        video_url = page.video_url or None
    return schemas.InterpretationDetail(
        **dict(_interpretation_summary(request, page)),
        body=expand_db_html(page.body),
        facets=[
            schemas.FacetOut(
                kind=f.kind, label=str(f.get_kind_display()), text=expand_db_html(f.text)
            )
            for f in page.facets.all()
        ],
        questions=[
            schemas.QuestionOut(question=q.question, answer=expand_db_html(q.answer))
            for q in page.questions.all()
        ],
        images=[
            schemas.ImageOut(
                url=_absolute(request, i.image.file.url), alt=i.alt_text, caption=i.caption
            )
            for i in page.images.select_related("image")
        ],
        video_url=video_url,
    )


# --- Organisations --------------------------------------------------------------------------------


def organisation_list() -> schemas.OrganisationList:
    units = list(Organisation.objects.order_by("path"))
    by_path = {u.path: u.pk for u in units}
    step = Organisation.steplen
    return schemas.OrganisationList(
        count=len(units),
        results=[
            schemas.OrganisationOut(
                id=u.pk,
                name=u.name,
                short_name=u.short_name,
                slug=u.slug,
                kind=u.kind,
                kind_label=str(u.get_kind_display()),
                parent_id=by_path.get(u.path[:-step]) if u.depth > 1 else None,
                depth=u.depth,
                credit_code=u.credit_code,
                org_code=u.org_code,
                is_active=u.is_active,
                office=schemas.OfficeOut(
                    name=u.office_name,
                    address=u.office_address,
                    postcode=u.office_postcode,
                    hours=u.office_hours,
                    phone=u.office_phone,
                    fax=u.office_fax,
                    email=u.office_email,
                    website=u.website,
                ),
            )
            for u in units
        ],
    )


# --- Consultations (意见征集) ------------------------------------------------------------------------


def _status(page: ConsultationPage, today: dt.date) -> str:
    """ConsultationPage.status_on from the list's ``feedback_published`` annotation (no query)."""
    if getattr(page, "feedback_published", False):
        return ConsultationStatus.RESULT
    if today < page.opens_on:
        return ConsultationStatus.FORTHCOMING
    if today <= page.closes_on:
        return ConsultationStatus.OPEN
    return ConsultationStatus.CLOSED


def _consultation_summary(
    request: HttpRequest, page: ConsultationPage, today: dt.date
) -> dict[str, Any]:
    status = _status(page, today)
    unit = page.organisation
    return {
        "id": page.pk,
        "title": page.title,
        "organ": unit.name if unit else "",
        "organ_slug": unit.slug if unit else "",
        "kind": page.kind,
        "kind_label": _label(ConsultationKind, page.kind),
        "status": status,
        "status_label": _label(ConsultationStatus, status),
        "opens_on": page.opens_on,
        "closes_on": page.closes_on,
        "url": _absolute(request, page.get_url(request)),
        "comment_count": getattr(page, "comment_count", 0),
    }


def consultation_list(
    request: HttpRequest,
    *,
    status: str,
    unit_id: int | None,
    kind: str,
    page: int,
    page_size: int,
) -> schemas.ConsultationList:
    today = timezone.localdate()
    qs = participation.public_consultations(status=status, kind=kind, today=today)
    if unit_id is not None:
        qs = qs.filter(organisation_id=unit_id)
    count = qs.count()
    params.check_page(page, count=count, page_size=page_size)
    start = (page - 1) * page_size
    return schemas.ConsultationList(
        count=count,
        page=page,
        page_size=page_size,
        results=[
            schemas.ConsultationSummary(**_consultation_summary(request, c, today))
            for c in qs[start : start + page_size]
        ],
    )


def _feedback(request: HttpRequest, page: ConsultationPage) -> schemas.FeedbackOut | None:
    feedback = page.published_feedback()
    if feedback is None:
        return None
    return schemas.FeedbackOut(
        title=feedback.title,
        url=_absolute(request, feedback.get_url(request)),
        published_on=feedback.published_on,
        rows=[
            schemas.FeedbackRowOut(
                clause=row.clause_number,
                clause_id=row.clause_id,
                comments=row.comments,
                adopted=row.adopted,
                partly_adopted=row.partly_adopted,
                not_adopted=row.not_adopted,
                reasons=row.reasons(),
            )
            for row in feedback.rows.order_by("sort_order", "pk")
        ],
    )


def consultation_detail(request: HttpRequest, consultation_id: int) -> schemas.ConsultationDetail:
    today = timezone.localdate()
    page = (
        participation.public_consultations(today=today).filter(pk=consultation_id).first()
        if params.is_id(consultation_id)
        else None
    )
    if page is None:
        raise ApiError(
            404, f"未找到编号为 {consultation_id} 的意见征集（或该意见征集未公开）。", "id"
        )
    version = page.consulted_version()
    clauses = list(version.clauses.order_by("order")) if version is not None else []
    return schemas.ConsultationDetail(
        **_consultation_summary(request, page, today),
        market_related=page.market_related,
        urgent_reason=page.urgent_reason,
        explanation=page.explanation,
        contact=page.contact,
        clauses=[
            schemas.ClauseOut(id=c.pk, number=c.number, text=c.text, level=c.level) for c in clauses
        ],
        feedback=_feedback(request, page),
    )


# --- Letters (来信选登, gongkai.mailbox) --------------------------------------------------------------
# Only public letters (mailbox.public_selectors.public_letters: answered, consented, chosen by the
# unit, reply page live) and only their masked fields; the writer's rating is not shown per letter.


def _letter_summary(request: HttpRequest, letter: Letter) -> dict[str, Any]:
    unit = letter.organisation
    return {
        "id": letter.pk,
        "number": letter.number,
        "title": letter.public_subject,
        "channel": letter.channel,
        "channel_label": str(LetterChannel(letter.channel).label),
        "category": letter.category.name if letter.category else "",
        "category_id": letter.category_id,
        "organ": unit.name if unit else "",
        "organ_slug": unit.slug if unit else "",
        "received_on": letter.received_on,
        "answered_on": letter.answered_on,
        "url": _absolute(request, letter.reply_page.get_url(request)),
    }


def letter_list(
    request: HttpRequest,
    *,
    channel: str,
    unit_id: int | None,
    category_id: int | None,
    year: int | None,
    q: str,
    page: int,
    page_size: int,
) -> schemas.LetterList:
    qs = mailbox.filter_letters(
        mailbox.public_letters(),
        channel=channel,
        unit_id=unit_id,
        category_id=category_id,
        year=year,
        q=q,
    )
    count = qs.count()
    params.check_page(page, count=count, page_size=page_size)
    start = (page - 1) * page_size
    return schemas.LetterList(
        count=count,
        page=page,
        page_size=page_size,
        results=[
            schemas.LetterSummary(**_letter_summary(request, letter))
            for letter in qs[start : start + page_size]
        ],
    )


def letter_detail(request: HttpRequest, letter_id: int) -> schemas.LetterDetail:
    letter = mailbox.public_letter(letter_id) if params.is_id(letter_id) else None
    if letter is None:
        raise ApiError(404, f"未找到编号为 {letter_id} 的公开来信（或该来信未公开）。", "id")
    return schemas.LetterDetail(
        **_letter_summary(request, letter),
        question=letter.public_body,
        answer=expand_db_html(letter.reply_page.body),
    )


# --- Online interviews and press conferences (在线访谈, issue 15) ------------------------------------
#
# The list is built from rows of one shape (``_EVENT_COLUMNS``) so that other kinds of public
# event can join it: 政府开放周 (gongkai.openweek) adds a values() query with the same columns
# and kind "open_week", combined with ``.union()`` before ordering and paging (see
# docs/interaction-events.md).

_EVENT_COLUMNS = ("id", "kind", "title", "organ", "organ_slug", "starts_at", "ends_at", "status")


def _interview_rows(
    *,
    status: str,
    kind: str,
    unit_id: int | None,
    starts_from: dt.date | None,
    starts_to: dt.date | None,
) -> Any:
    qs = events_selectors.public_events(
        status=status, kind=kind, starts_from=starts_from, starts_to=starts_to
    )
    if unit_id is not None:
        qs = qs.filter(organisation_id=unit_id)
    return qs.annotate(organ=F("organisation__name"), organ_slug=F("organisation__slug")).values(
        *_EVENT_COLUMNS
    )


def _event_summary(request: HttpRequest, row: dict[str, object]) -> dict[str, Any]:
    return {
        **{name: row[name] for name in _EVENT_COLUMNS},
        "kind_label": _label(EventKind, str(row["kind"])),
        "status_label": _label(EventStatus, str(row["status"])),
        "url": _absolute(request, f"/zxft/{row['id']}/"),
    }


def event_list(
    request: HttpRequest,
    *,
    status: str,
    kind: str,
    unit_id: int | None,
    starts_from: dt.date | None,
    starts_to: dt.date | None,
    page: int,
    page_size: int,
) -> schemas.EventList:
    rows = _interview_rows(
        status=status, kind=kind, unit_id=unit_id, starts_from=starts_from, starts_to=starts_to
    ).order_by("-starts_at", "-id")
    count = rows.count()
    params.check_page(page, count=count, page_size=page_size)
    start = (page - 1) * page_size
    return schemas.EventList(
        count=count,
        page=page,
        page_size=page_size,
        results=[
            schemas.EventSummary(**_event_summary(request, row))
            for row in rows[start : start + page_size]
        ],
    )


def event_detail(request: HttpRequest, event_id: int) -> schemas.EventDetail:
    event = events_selectors.public_event(event_id) if params.is_id(event_id) else None
    if event is None:
        raise ApiError(404, f"未找到编号为 {event_id} 的活动（或该活动未公开）。", "id")
    row = {
        "id": event.pk,
        "kind": event.kind,
        "title": event.title,
        "organ": event.organisation.name,
        "organ_slug": event.organisation.slug,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "status": event.status,
    }
    return schemas.EventDetail(
        **_event_summary(request, row),
        summary=event.summary,
        video_url=event.video_url,
        guests=[
            schemas.EventGuestOut(name=g.name, post=g.post, unit=g.unit) for g in event.guests.all()
        ],
        policy_ids=list(
            public_policies().filter(events=event).order_by("pk").values_list("pk", flat=True)
        ),
        interpretation_ids=list(
            public_interpretations()
            .filter(events=event)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        questions=[
            schemas.EventQuestionOut(id=q.pk, text=q.public_text or q.text, answer=q.answer)
            for q in events_selectors.public_questions(event)
        ],
        transcript=[
            schemas.TranscriptEntryOut(
                id=e.pk, speaker=e.speaker, text=e.text, posted_at=e.posted_at
            )
            for e in events_selectors.transcript_after(event, 0, limit=10_000)
        ],
    )
