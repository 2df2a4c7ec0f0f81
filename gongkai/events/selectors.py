"""Reads of events: what the public may see, what a staff member may open."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from gongkai.core.types import AnyUser
from gongkai.events import policies
from gongkai.events.models import (
    Event,
    EventStatus,
    PreQuestion,
    QuestionStatus,
    TranscriptEntry,
)

# What the public list's tabs mean (the stored status: staff start and end an event).
PUBLIC_TABS = ("upcoming", "live", "ended")


def public_events(
    *,
    status: str = "",
    kind: str = "",
    unit_slug: str = "",
    starts_from: dt.date | None = None,
    starts_to: dt.date | None = None,
) -> QuerySet[Event]:
    """Published events, newest first; each filter applies when given."""
    events = Event.objects.filter(published=True).select_related("organisation")
    if status:
        events = events.filter(status=status)
    if kind:
        events = events.filter(kind=kind)
    if unit_slug:
        events = events.filter(organisation__slug=unit_slug)
    if starts_from:
        events = events.filter(starts_at__date__gte=starts_from)
    if starts_to:
        events = events.filter(starts_at__date__lte=starts_to)
    if status == EventStatus.UPCOMING:
        return events.order_by("starts_at", "pk")
    return events.order_by("-starts_at", "-pk")


def public_event(pk: int) -> Event | None:
    return public_events().filter(pk=pk).first()


def public_questions(event: Event) -> QuerySet[PreQuestion]:
    """Accepted and answered questions: shown with their masked text, never the sender."""
    return event.questions.filter(status__in=[QuestionStatus.ACCEPTED, QuestionStatus.ANSWERED])


def transcript_after(event: Event, after: int = 0, limit: int = 200) -> list[TranscriptEntry]:
    return list(event.transcript.filter(pk__gt=after).order_by("pk")[:limit])


def events_for(user: AnyUser) -> QuerySet[Event]:
    """Events whose staff screens ``user`` may open (another unit's: none)."""
    units = policies.units_seeing_events(user)
    return Event.objects.filter(organisation__in=units).select_related("organisation")


def events_linked_to_policy(page_pk: int) -> QuerySet[Event]:
    return public_events().filter(policies__pk=page_pk).distinct()


def events_linked_to_interpretation(page_pk: int, policy_pk: int | None) -> QuerySet[Event]:
    condition = Q(interpretations__pk=page_pk)
    if policy_pk is not None:
        condition |= Q(policies__pk=policy_pk)
    return public_events().filter(condition).distinct()
