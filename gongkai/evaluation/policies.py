"""Who may do what in policy evaluation: the one place these decisions are made.

- A unit's editors and heads (起草 / 签发) run its evaluations: create them, edit the survey,
  record interviews and 座谈, write the findings and conclusion, submit them to the unit's
  review. Publication goes through the review like all unit content (先审后发).
- The unit's reviewers and the overseers (政务公开办) of the unit read everything and post
  nothing; text answers of the survey are masked for everyone (they are the public's words).
- The acting unit (the unit that must act on the conclusion, by default the policy's issuer)
  sees the published conclusions addressed to it and records what it did (落实情况): its
  editors and heads.
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


def can_run_evaluations(user: AnyUser, unit: Organisation) -> bool:
    return has_capability(user, unit, Capability.DRAFT) or has_capability(
        user, unit, Capability.PUBLISH
    )


def units_running_evaluations(user: AnyUser) -> QuerySet[Organisation]:
    ids = set(organisations_with_capability(user, Capability.DRAFT).values_list("pk", flat=True))
    ids |= set(organisations_with_capability(user, Capability.PUBLISH).values_list("pk", flat=True))
    return cast("QuerySet[Organisation]", Organisation.objects.filter(pk__in=ids))


def units_seeing_evaluations(user: AnyUser) -> QuerySet[Organisation]:
    """Units whose evaluations ``user`` may open in the admin: run, overseen or reviewed."""
    ids = set(units_running_evaluations(user).values_list("pk", flat=True))
    ids |= set(units_overseen_by(user).values_list("pk", flat=True))
    ids |= set(organisations_with_capability(user, Capability.REVIEW).values_list("pk", flat=True))
    return cast("QuerySet[Organisation]", Organisation.objects.filter(pk__in=ids))


def sees_evaluation_admin(user: AnyUser) -> bool:
    return units_seeing_evaluations(user).exists()


def units_acting_on_conclusions(user: AnyUser) -> QuerySet[Organisation]:
    """Acting units whose conclusions ``user`` sees and answers (落实情况)."""
    return units_running_evaluations(user)


def can_report_action(user: AnyUser, acting_unit: Organisation | None) -> bool:
    return acting_unit is not None and can_run_evaluations(user, acting_unit)


def sees_conclusions_admin(user: AnyUser) -> bool:
    return units_acting_on_conclusions(user).exists()
