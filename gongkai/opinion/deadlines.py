"""Response deadlines of public-opinion incidents and whether they were met.

国办发〔2016〕61号《关于在政务公开工作中进一步做好政务舆情回应的通知》: "对涉及特别重大、重大
突发事件的政务舆情，要快速反应，最迟要在5小时内发布权威信息，在24小时内举行新闻发布会"; other
incidents are answered within the period the unit's rules set (here: ResponsePeriod rows that the
city's disclosure office edits, with our defaults DEFAULT_RESPONSE_HOURS).

Counting (our decision): periods run in clock hours from ``first_seen_at``, the moment the
opinion first appeared (not from registration, which may come later: the notice's clock starts
with the event, and a late registration must not buy the unit time). Hours, not working days:
the notice's periods are hours, and public opinion does not wait for Monday.

Which responses meet which deadline:
- 特别重大/重大: the 5-hour deadline needs 权威信息发布 or a 新闻发布会 (a press conference is an
  authoritative release too); the 24-hour deadline needs a 新闻发布会.
- 较大/一般: any published response meets the one deadline.
A response counts when published at or before the deadline (``published_at <= due``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from gongkai.opinion.models import (
    CONFIGURABLE_LEVELS,
    DEFAULT_RESPONSE_HOURS,
    Level,
    ResponseKind,
    ResponsePeriod,
)

# 国办发〔2016〕61号: 最迟5小时内发布权威信息, 24小时内举行新闻发布会.
STATUTORY_INFO_HOURS = 5
STATUTORY_CONFERENCE_HOURS = 24
MAJOR_LEVELS: frozenset[str] = frozenset({Level.ESPECIALLY_MAJOR, Level.MAJOR})

INFO_KINDS: frozenset[str] = frozenset({ResponseKind.AUTHORITATIVE, ResponseKind.PRESS_CONFERENCE})
CONFERENCE_KINDS: frozenset[str] = frozenset({ResponseKind.PRESS_CONFERENCE})
ANY_KIND: frozenset[str] = frozenset(ResponseKind.values)


def response_hours(level: str) -> int:
    """Hours to the first response for ``level`` (statutory or the configured period)."""
    if level in MAJOR_LEVELS:
        return STATUTORY_INFO_HOURS
    if level not in CONFIGURABLE_LEVELS:
        raise ValueError(level)
    row = ResponsePeriod.objects.filter(level=level).first()
    return row.hours if row is not None else DEFAULT_RESPONSE_HOURS[level]


@dataclass(frozen=True)
class Deadlines:
    respond_by: dt.datetime
    conference_by: dt.datetime | None


def deadlines_for(level: str, first_seen_at: dt.datetime) -> Deadlines:
    respond_by = first_seen_at + dt.timedelta(hours=response_hours(level))
    conference_by = (
        first_seen_at + dt.timedelta(hours=STATUTORY_CONFERENCE_HOURS)
        if level in MAJOR_LEVELS
        else None
    )
    return Deadlines(respond_by, conference_by)


@dataclass(frozen=True)
class Requirement:
    """One deadline of an incident and the kinds of response that meet it."""

    label: str
    due: dt.datetime
    kinds: frozenset[str]


def requirements(
    level: str, respond_by: dt.datetime, conference_by: dt.datetime | None
) -> list[Requirement]:
    if level in MAJOR_LEVELS:
        out = [Requirement("权威信息发布", respond_by, INFO_KINDS)]
        if conference_by is not None:
            out.append(Requirement("新闻发布会", conference_by, CONFERENCE_KINDS))
        return out
    return [Requirement("回应", respond_by, ANY_KIND)]


@dataclass(frozen=True)
class Timeliness:
    """How an incident stands against its deadlines at ``now``.

    outcome: "on_time" (every deadline met), "late" (every one answered, some after its
    deadline), "unresponded" (a deadline passed with no matching response), "pending" (a
    deadline not yet met and not yet passed)."""

    outcome: str
    first_response_hours: float | None
    next_due: dt.datetime | None  # the earliest deadline not met yet (None: all met)
    missing: tuple[str, ...]  # labels of deadlines with no matching response


def timeliness(
    requirements_: list[Requirement],
    first_seen_at: dt.datetime,
    responses: Iterable[tuple[str, dt.datetime]],
    now: dt.datetime,
) -> Timeliness:
    answered = sorted(responses, key=lambda r: r[1])
    late = False
    overdue = False
    missing: list[str] = []
    next_due: dt.datetime | None = None
    for req in requirements_:
        first = next((at for kind, at in answered if kind in req.kinds), None)
        if first is None:
            missing.append(req.label)
            if now > req.due:
                overdue = True
            if next_due is None or req.due < next_due:
                next_due = req.due
        elif first > req.due:
            late = True
    if overdue:
        outcome = "unresponded"
    elif missing:
        outcome = "pending"
    elif late:
        outcome = "late"
    else:
        outcome = "on_time"
    hours = (answered[0][1] - first_seen_at).total_seconds() / 3600 if answered else None
    return Timeliness(outcome, hours, next_due, tuple(missing))
