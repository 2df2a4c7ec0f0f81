"""The record of a case: one ApplicationEvent per step (who, when, why; append-only).

The one way events are written. Whether the applicant sees an event follows from its kind
(models.EventKind / INTERNAL_EVENTS) unless the caller says otherwise.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.utils import timezone

from gongkai.applications.models import INTERNAL_EVENTS, Application, ApplicationEvent, EventKind
from gongkai.core.types import User


def saved_user(actor: User | None) -> AuthUser | None:
    """The actor as a stored user, or None (the applicant, the system, an anonymous visitor)."""
    if actor is None or isinstance(actor, AnonymousUser) or actor.pk is None:
        return None
    return actor


def actor_name(actor: User | None) -> str:
    user = saved_user(actor)
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


def log(
    case: Application,
    kind: EventKind,
    *,
    actor: User | None = None,
    on: dt.date | None = None,
    note: str = "",
    from_status: str = "",
    public: bool | None = None,
) -> ApplicationEvent:
    """Append one event to the case's record; ``to_status`` is the case's status now."""
    return ApplicationEvent.objects.create(
        application=case,
        at=timezone.now(),
        on=on or timezone.localdate(),
        actor=saved_user(actor),
        actor_name=actor_name(actor),
        kind=kind,
        from_status=from_status,
        to_status=case.status,
        note=note,
        public=kind not in INTERNAL_EVENTS if public is None else public,
    )
