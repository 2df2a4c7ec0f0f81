"""Reads of the public-opinion register, already scoped: what the public sees (the published
responses only), what a member of staff sees (policies.incidents_visible_to), and the
timeliness statistics per responsible unit counted from the records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from gongkai.core.types import User
from gongkai.opinion import deadlines, policies
from gongkai.opinion.models import Incident, Response


def public_responses(*, year: int | None = None) -> QuerySet[Response]:
    """The responses marked public, newest first: the only part of the register the public sees."""
    responses = Response.objects.filter(public=True, incident__unit__isnull=False)
    if year is not None:
        responses = responses.filter(published_at__year=year)
    return responses.select_related("incident__unit", "page").order_by("-published_at", "-pk")


def response_years() -> list[int]:
    dates = Response.objects.filter(public=True).dates("published_at", "year", order="DESC")
    return [d.year for d in dates]


def incidents_for(user: User) -> QuerySet[Incident]:
    return policies.incidents_visible_to(user).select_related("office", "unit")


def timeliness_of(incident: Incident, now: dt.datetime) -> deadlines.Timeliness:
    reqs = deadlines.requirements(incident.level, incident.respond_by, incident.conference_by)
    answered = [(r.kind, r.published_at) for r in incident.responses.all()]
    return deadlines.timeliness(reqs, incident.first_seen_at, answered, now)


@dataclass
class UnitStats:
    """One responsible unit's incidents first seen in the period.

    incidents = on_time + late + unresponded + pending; average_hours is the mean time from
    first seen to the first response, over incidents with a response."""

    unit_name: str
    unit_slug: str
    incidents: int = 0
    on_time: int = 0
    late: int = 0
    unresponded: int = 0
    pending: int = 0
    hours_total: float = 0.0
    answered: int = 0

    @property
    def average_hours(self) -> float | None:
        return round(self.hours_total / self.answered, 1) if self.answered else None

    def as_dict(self) -> dict[str, object]:
        return {
            "organ": self.unit_name,
            "slug": self.unit_slug,
            "incidents": self.incidents,
            "on_time": self.on_time,
            "late": self.late,
            "unresponded": self.unresponded,
            "pending": self.pending,
            "average_hours_to_first_response": self.average_hours,
        }


def period_bounds(year: int, month: int | None) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of a year or month in local time (Asia/Shanghai)."""
    tz = timezone.get_current_timezone()
    if month is None:
        return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)
    start = dt.datetime(year, month, 1, tzinfo=tz)
    return start, dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)


def timeliness_stats(
    incidents: QuerySet[Incident],
    *,
    year: int,
    month: int | None = None,
    now: dt.datetime | None = None,
) -> list[UnitStats]:
    """Per responsible unit, the incidents first seen in the year (or month), counted at
    ``now``. Unassigned incidents are left out (no unit answers for them yet). Closed incidents
    count by their responses like any other."""
    now = now or timezone.now()
    start, end = period_bounds(year, month)
    rows = (
        incidents.filter(unit__isnull=False, first_seen_at__gte=start, first_seen_at__lt=end)
        .select_related("unit")
        .prefetch_related("responses")
        .order_by("unit__path", "pk")
    )
    by_unit: dict[int, UnitStats] = {}
    for incident in rows:
        unit = incident.unit
        if unit is None:  # filtered out above
            continue
        stats = by_unit.setdefault(unit.pk, UnitStats(unit.name, unit.slug))
        result = timeliness_of(incident, now)
        stats.incidents += 1
        setattr(stats, result.outcome, getattr(stats, result.outcome) + 1)
        if result.first_response_hours is not None:
            stats.answered += 1
            stats.hours_total += result.first_response_hours
    return list(by_unit.values())
