"""Who may do what in the public-opinion register: the one place these decisions are made.

- The disclosure office (政务公开办, overseers) registers incidents for its unit, decides the
  responsible unit ("谁主管谁回应") among the units it oversees, reassigns and closes them; it
  sees every incident it registered or whose responsible unit it oversees.
- The responsible unit's staff see their unit's incidents only; its editors and heads (those
  who publish for the unit) record the responses.
- The periods of 较大 and 一般 incidents are set by the city's disclosure office.
- Everyone else sees nothing of the register (404); the public sees the published responses.
"""

from __future__ import annotations

from typing import cast

from django.db.models import Q, QuerySet

from gongkai.core.types import User
from gongkai.opinion.models import Incident, IncidentStatus
from gongkai.organisations.models import Membership, Organisation
from gongkai.organisations.policies import (
    Capability,
    has_capability,
    is_city_disclosure_office,
    units_overseen_by,
)


def offices_of(user: User) -> QuerySet[Organisation]:
    """The units for whose disclosure office ``user`` registers incidents."""
    return units_overseen_by(user)


def can_register(user: User) -> bool:
    return offices_of(user).exists()


def can_register_for(user: User, office: Organisation) -> bool:
    return offices_of(user).filter(pk=office.pk).exists()


def units_member_of(user: User) -> QuerySet[Organisation]:
    """Units where ``user`` holds any role (the responsible unit's staff)."""
    if not user.is_authenticated or not user.is_active:
        return cast("QuerySet[Organisation]", Organisation.objects.none())
    if user.is_superuser:
        return cast("QuerySet[Organisation]", Organisation.objects.all())
    ids = Membership.objects.filter(user=user).values("organisation_id")
    return cast("QuerySet[Organisation]", Organisation.objects.filter(pk__in=ids))


def incidents_visible_to(user: User) -> QuerySet[Incident]:
    """Incidents ``user`` may open: those of the offices and units they oversee, and their own
    units' incidents. Unassigned incidents only to the office."""
    if not user.is_authenticated or not user.is_active:
        return Incident.objects.none()
    if user.is_superuser:
        return Incident.objects.all()
    overseen = units_overseen_by(user).values("pk")
    own = units_member_of(user).values("pk")
    return Incident.objects.filter(Q(office__in=overseen) | Q(unit__in=overseen) | Q(unit__in=own))


def sees_opinion_admin(user: User) -> bool:
    """The 政务舆情 menu and screens: overseers, and staff of a unit with incidents."""
    return can_register(user) or incidents_visible_to(user).exists()


def oversees_incident(user: User, incident: Incident) -> bool:
    return units_overseen_by(user).filter(pk=incident.office_id).exists()


def assignable_units(user: User, incident: Incident | None = None) -> QuerySet[Organisation]:
    """Units the office may make responsible: those it oversees."""
    return units_overseen_by(user)


def can_assign(user: User, incident: Incident, unit: Organisation) -> bool:
    if incident.status == IncidentStatus.CLOSED:
        return False
    if not oversees_incident(user, incident):
        return False
    return assignable_units(user, incident).filter(pk=unit.pk).exists()


def can_respond(user: User, incident: Incident) -> bool:
    """The responsible unit's editors and heads record its responses."""
    if incident.unit is None or incident.status == IncidentStatus.CLOSED:
        return False
    if has_capability(user, incident.unit, Capability.DRAFT):
        return True
    return has_capability(user, incident.unit, Capability.PUBLISH)


def can_close(user: User, incident: Incident) -> bool:
    if incident.status == IncidentStatus.CLOSED:
        return False
    return oversees_incident(user, incident)


def can_set_periods(user: User) -> bool:
    return is_city_disclosure_office(user)


def sees_statistics(user: User) -> bool:
    return can_register(user)
