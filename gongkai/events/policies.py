"""Who may do what with online interviews and press conferences: the one place it is decided.

- A unit's editors and heads (起草 / 签发) run its events: create and edit them, guests and
  links, moderate the public's questions, post the transcript, publish and archive.
- Overseers (政务公开办) and the unit's reviewers read the events of their units (the questions'
  names and contacts masked) and post nothing.
- Anyone else: another unit's event answers 404, as a missing one does.
"""

from __future__ import annotations

from typing import cast

from django.db.models import QuerySet

from gongkai.core.types import AnyUser
from gongkai.organisations.models import Organisation
from gongkai.organisations.policies import (
    Capability,
    has_capability,
    organisations_with_capability,
    units_overseen_by,
)


def can_run_events(user: AnyUser, unit: Organisation) -> bool:
    return has_capability(user, unit, Capability.DRAFT) or has_capability(
        user, unit, Capability.PUBLISH
    )


def units_running_events(user: AnyUser) -> QuerySet[Organisation]:
    ids = set(organisations_with_capability(user, Capability.DRAFT).values_list("pk", flat=True))
    ids |= set(organisations_with_capability(user, Capability.PUBLISH).values_list("pk", flat=True))
    return cast("QuerySet[Organisation]", Organisation.objects.filter(pk__in=ids).order_by("path"))


def units_seeing_events(user: AnyUser) -> QuerySet[Organisation]:
    ids = set(units_running_events(user).values_list("pk", flat=True))
    ids |= set(units_overseen_by(user).values_list("pk", flat=True))
    ids |= set(organisations_with_capability(user, Capability.REVIEW).values_list("pk", flat=True))
    return cast("QuerySet[Organisation]", Organisation.objects.filter(pk__in=ids))


def sees_events_admin(user: AnyUser) -> bool:
    return units_seeing_events(user).exists()


def sees_question_senders(user: AnyUser, unit: Organisation) -> bool:
    """Names and contacts of those who asked: only the unit that runs the event."""
    return can_run_events(user, unit)
