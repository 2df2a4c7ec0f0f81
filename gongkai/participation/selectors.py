"""Reads of public participation, scoped by who may see what (participation.policies)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from gongkai.core.types import User
from gongkai.participation import policies
from gongkai.participation.models import (
    Clause,
    Comment,
    CommentStatus,
    ConsultationFeedbackPage,
    ConsultationPage,
    ConsultationStatus,
    DecisionCatalogue,
    DraftVersion,
    MajorDecision,
)

# --- Public --------------------------------------------------------------------------------------


def _with_feedback(qs: QuerySet[ConsultationPage]) -> QuerySet[ConsultationPage]:
    live_feedback = ConsultationFeedbackPage.objects.live().filter(
        path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1
    )
    return cast("QuerySet[ConsultationPage]", qs.annotate(feedback_published=Exists(live_feedback)))


def public_consultations(
    *,
    status: str = "",
    unit_slug: str = "",
    kind: str = "",
    today: dt.date | None = None,
) -> QuerySet[ConsultationPage]:
    """Live consultations, newest first, with ``comment_count`` (accepted comments) and
    ``feedback_published``; ``status`` one of ConsultationStatus (derived from the dates)."""
    today = today or timezone.localdate()
    qs = _with_feedback(ConsultationPage.objects.live().public()).select_related("organisation")
    if unit_slug:
        qs = qs.filter(organisation__slug=unit_slug)
    if kind:
        qs = qs.filter(kind=kind)
    if status == ConsultationStatus.RESULT:
        qs = qs.filter(feedback_published=True)
    elif status == ConsultationStatus.FORTHCOMING:
        qs = qs.filter(opens_on__gt=today, feedback_published=False)
    elif status == ConsultationStatus.OPEN:
        qs = qs.filter(opens_on__lte=today, closes_on__gte=today, feedback_published=False)
    elif status == ConsultationStatus.CLOSED:
        qs = qs.filter(closes_on__lt=today, feedback_published=False)
    qs = qs.annotate(
        comment_count=Count("comments", filter=Q(comments__status=CommentStatus.ACCEPTED))
    )
    return cast("QuerySet[ConsultationPage]", qs.order_by("-opens_on", "-pk"))


def public_comments(consultation: ConsultationPage) -> QuerySet[Comment]:
    """Comments shown on the public page: accepted and consented to; show ``public_text`` only
    (masked by the content checker), never the name or the contact."""
    comments: QuerySet[Comment] = consultation.comments.filter(
        status=CommentStatus.ACCEPTED, consent_publish=True
    )
    return comments.select_related("clause", "offline").order_by("created_at", "pk")


def clause_comment_counts(consultation: ConsultationPage) -> dict[int | None, int]:
    """Accepted comments per clause id (None: the whole draft)."""
    rows = (
        consultation.comments.filter(status=CommentStatus.ACCEPTED)
        .values("clause")
        .annotate(n=Count("pk"))
    )
    return {row["clause"]: row["n"] for row in rows}


@dataclass(frozen=True)
class AlignedClause:
    number: str
    before: str  # "" when the clause is new in the final text
    after: str  # "" when the clause was deleted
    changed: bool


def _compared(version: DraftVersion) -> QuerySet[Clause]:
    """Every clause once: an article's paragraphs (第X条第Y款) are inside the article's own text,
    while numbered items (一、 （一） 1.) each hold only their own lines, so all of those count."""
    return version.clauses.exclude(number__endswith="款").order_by("order")


def compare_versions(consulted: DraftVersion, final: DraftVersion) -> list[AlignedClause]:
    """The final text next to the consulted draft, clause by clause, aligned by clause number
    (条 numbers are stable in a revision unless clauses are inserted; a renumbered clause shows
    as deleted and added, which is what a reader comparing numbers would see)."""
    before = {c.number: c.text for c in _compared(consulted)}
    after = {c.number: c.text for c in _compared(final)}
    order = list(before)
    order += [n for n in after if n not in before]
    return [
        AlignedClause(
            number=n,
            before=before.get(n, ""),
            after=after.get(n, ""),
            changed=before.get(n, "") != after.get(n, ""),
        )
        for n in order
    ]


def public_catalogues() -> QuerySet[DecisionCatalogue]:
    return DecisionCatalogue.objects.filter(published_on__isnull=False).select_related("government")


def public_decisions() -> QuerySet[MajorDecision]:
    return MajorDecision.objects.filter(catalogue__published_on__isnull=False).select_related(
        "catalogue__government", "lead_unit"
    )


# --- Staff ---------------------------------------------------------------------------------------


def consultations_for(user: User) -> QuerySet[ConsultationPage]:
    """Consultations (drafts too) of the units ``user`` may see in the admin."""
    units = policies.units_seeing_consultations(user)
    return cast(
        "QuerySet[ConsultationPage]",
        ConsultationPage.objects.filter(organisation__in=units)
        .select_related("organisation")
        .order_by("-opens_on", "-pk"),
    )


def moderation_queue(
    consultation: ConsultationPage,
    *,
    status: str = CommentStatus.PENDING,
    clause_id: int | None = None,
    after: tuple[dt.datetime, int] | None = None,
    limit: int = 50,
) -> list[Comment]:
    """One page of the queue, newest first, by keyset (``after`` = the last row's created_at and
    id) so the first and the thousandth page cost the same at 100,000 comments."""
    qs = consultation.comments.filter(status=status) if status else consultation.comments.all()
    if clause_id is not None:
        qs = qs.filter(clause_id=clause_id)
    if after is not None:
        created, pk = after
        # created_at__lte is implied by the OR; stated on its own it bounds the index range
        # scan (PostgreSQL otherwise reads every earlier row through a bitmap of created_at).
        qs = qs.filter(
            Q(created_at__lt=created) | Q(created_at=created, pk__lt=pk), created_at__lte=created
        )
    return list(qs.select_related("clause", "offline").order_by("-created_at", "-id")[:limit])


def decisions_for(user: User) -> QuerySet[MajorDecision]:
    units = policies.units_with_decisions(user)
    return MajorDecision.objects.filter(
        Q(catalogue__government__in=units) | Q(lead_unit__in=units)
    ).select_related("catalogue__government", "lead_unit")


def catalogues_for(user: User) -> QuerySet[DecisionCatalogue]:
    units = policies.units_with_decisions(user)
    return DecisionCatalogue.objects.filter(government__in=units).select_related("government")
