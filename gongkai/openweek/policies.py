"""Who may do what in 政府开放周: the one place these decisions are made.

- A unit's editors and heads (起草 / 签发) organise its open days: create, edit, publish and
  cancel events, see the registration list in full (and export it), check people in, cancel a
  registration, write the public summary.
- Overseers (政务公开办) read the events of the units they oversee, with names, phones and ID
  numbers masked; they change nothing.
- Everyone else: another unit's event answers 404, as a missing one does.
"""

from __future__ import annotations

from typing import cast

from django.db.models import QuerySet

from gongkai.core.types import User
from gongkai.organisations.models import Organisation
from gongkai.organisations.policies import (
    Capability,
    has_capability,
    organisations_with_capability,
    units_overseen_by,
)


def can_host(user: User, unit: Organisation) -> bool:
    return has_capability(user, unit, Capability.DRAFT) or has_capability(
        user, unit, Capability.PUBLISH
    )


def units_hosting(user: User) -> QuerySet[Organisation]:
    ids = set(organisations_with_capability(user, Capability.DRAFT).values_list("pk", flat=True))
    ids |= set(organisations_with_capability(user, Capability.PUBLISH).values_list("pk", flat=True))
    return cast("QuerySet[Organisation]", Organisation.objects.filter(pk__in=ids))


def units_seeing(user: User) -> QuerySet[Organisation]:
    ids = set(units_hosting(user).values_list("pk", flat=True))
    ids |= set(units_overseen_by(user).values_list("pk", flat=True))
    return cast("QuerySet[Organisation]", Organisation.objects.filter(pk__in=ids))


def can_see(user: User, unit: Organisation) -> bool:
    return units_seeing(user).filter(pk=unit.pk).exists()


def sees_personal_data(user: User, unit: Organisation) -> bool:
    """Full names, phones and ID numbers (and the CSV export): the organising unit only."""
    return can_host(user, unit)


def sees_openweek_admin(user: User) -> bool:
    return units_seeing(user).exists()
