"""Moving a case along workflow.ACTIONS: the only writer of ``Application.status``."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.applications.models import Application
from gongkai.applications.services.deadlines import recompute_deadlines
from gongkai.applications.services.events import log
from gongkai.applications.workflow import Action
from gongkai.core.types import User


def permit(case: Application, action: Action, *, actor: User) -> None:
    """Refuse (PermissionDenied, the step's message) when the policy does not allow it."""
    if not action.allowed(actor, case):
        raise PermissionDenied(str(action.denied))


def require_state(case: Application, action: Action) -> None:
    """Refuse (ValidationError, the step's message) when the case is not in a source status."""
    if case.status not in action.sources:
        raise ValidationError(action.refusal(case))


def move(
    case: Application,
    action: Action,
    *,
    actor: User | None,
    on: dt.date | None,
    note: str = "",
) -> None:
    """Take ``action``: check the status, set the new one, recompute the deadlines, save the case
    and leave the action's event (the status before and after)."""
    require_state(case, action)
    if action.target is None or action.event is None:
        raise ValueError(f"{action.name} changes no status")
    before = case.status
    case.status = (
        action.target_unassigned
        if action.target_unassigned and not case.handler_id
        else action.target
    )
    recompute_deadlines(case, save=False)
    case.save()
    log(case, action.event, actor=actor, on=on, note=note, from_status=before)


def locked(case: Application) -> Application:
    """The case row, locked until the transaction ends (steps are serialised per case)."""
    return Application.objects.select_for_update().select_related("organisation").get(pk=case.pk)
