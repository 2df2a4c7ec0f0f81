"""Reads of 政府开放周: the public lists, counts, the staff's events, and the events as plain
dicts for the coordinator's /api/v1/events (public_events_for_api)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from gongkai.core.types import User
from gongkai.openweek import policies
from gongkai.openweek.models import EventStatus, Feedback, OpenEvent, RegistrationStatus

CONFIRMED = Q(registrations__status=RegistrationStatus.CONFIRMED)
WAITING = Q(registrations__status=RegistrationStatus.WAITING)


def with_counts(events: QuerySet[OpenEvent]) -> QuerySet[OpenEvent]:
    """Each event with ``confirmed``, ``waiting`` and ``attended`` counts (no query per row)."""
    return events.annotate(
        confirmed=Count("registrations", filter=CONFIRMED, distinct=True),
        waiting=Count("registrations", filter=WAITING, distinct=True),
        attended=Count(
            "registrations", filter=Q(registrations__attended_at__isnull=False), distinct=True
        ),
    )


def public_events(
    *, when: str = "", unit_slug: str = "", now: dt.datetime | None = None
) -> QuerySet[OpenEvent]:
    """Published (and cancelled, so that people learn of it) events; ``when`` is "upcoming"
    (not yet ended, soonest first), "past" (newest first) or "" (all)."""
    now = now or timezone.now()
    events = OpenEvent.objects.filter(
        status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED]
    ).select_related("unit")
    if unit_slug:
        events = events.filter(unit__slug=unit_slug)
    if when == "upcoming":
        events = events.filter(ends_at__gt=now).order_by("starts_at", "pk")
    elif when == "past":
        events = events.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    else:
        events = events.order_by("-starts_at", "-pk")
    return with_counts(events)


def public_event(pk: int) -> OpenEvent | None:
    return public_events().filter(pk=pk).first()


def seats_left(event: OpenEvent) -> int:
    confirmed = getattr(event, "confirmed", None)
    if confirmed is None:
        confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    return max(0, event.capacity - confirmed)


@dataclass(frozen=True)
class Rating:
    count: int
    average: float | None


def rating_of(event: OpenEvent) -> Rating:
    row = Feedback.objects.filter(registration__event=event).aggregate(
        n=Count("pk"), avg=Avg("rating")
    )
    return Rating(row["n"], round(row["avg"], 1) if row["avg"] is not None else None)


def units_with_events() -> list[tuple[str, str]]:
    rows = (
        OpenEvent.objects.filter(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])
        .values_list("unit__slug", "unit__name")
        .distinct()
        .order_by("unit__slug")
    )
    return list(rows)


def events_for(user: User) -> QuerySet[OpenEvent]:
    """The events a staff member may open: their units' and those they oversee."""
    units = policies.units_seeing(user)
    return with_counts(OpenEvent.objects.filter(unit__in=units).select_related("unit"))


def public_events_for_api(*, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Published events as plain dicts, for the coordinator to merge into /api/v1/events."""
    events = public_events(now=now).filter(status=EventStatus.PUBLISHED).order_by("-starts_at")
    return [
        {
            "id": event.pk,
            "kind": "open_week",
            "title": event.title,
            "organ": {"slug": event.unit.slug, "name": event.unit.name},
            "starts_at": event.starts_at.isoformat(),
            "ends_at": event.ends_at.isoformat(),
            "venue": event.venue,
            "capacity": event.capacity,
            "seats_left": seats_left(event),
            "url": event.get_absolute_url(),
        }
        for event in events
    ]
