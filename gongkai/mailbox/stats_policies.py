"""Who sees which letters' statistics and the inspection view (来信统计与检查).

The public statistics (/hdjl/tongji/) are public. The inspection view lists letters by number:
the city's disclosure office (市政务公开办, the overseer of the top-level unit) sees every unit
and the letters nobody has routed yet; any other overseer the units it oversees (its subtree);
a unit's staff their own unit. Built only from the named decisions of organisations.policies
(no capability lookups here: the TID251 rule keeps those in files named policies.py).
"""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.core.types import AnyUser
from gongkai.organisations.models import Organisation
from gongkai.organisations.policies import (
    ACTION_CAPABILITY,
    is_city_disclosure_office,
    units_for_actions,
)


def units_inspected_by(user: AnyUser) -> QuerySet[Organisation]:
    """The units whose letters ``user`` sees in the inspection view: any role for the unit
    (overseers: with their subtrees; superusers: every unit)."""
    ids = units_for_actions(user, ["view"], ACTION_CAPABILITY).values("pk")
    units: QuerySet[Organisation] = Organisation.objects.filter(pk__in=ids).order_by("path")
    return units


def sees_inspection(user: AnyUser) -> bool:
    return units_inspected_by(user).exists()


def sees_unrouted_letters(user: AnyUser) -> bool:
    """Letters not yet routed to a unit belong to the city's disclosure office, which routes them."""
    return is_city_disclosure_office(user)


def can_import_letters(user: AnyUser) -> bool:
    """Migrating an old system's letters is the site operator's: the city's disclosure office."""
    return is_city_disclosure_office(user)
