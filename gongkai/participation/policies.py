"""Who may do what in public participation: the one place these decisions are made.

- A unit's editors and heads (起草 / 签发) run its consultations: draft them, moderate and tag
  the comments, assign clauses, record offline channels, draft the feedback. Publication of the
  consultation and of its feedback goes through the unit's review like all unit content.
- Overseers (政务公开办) see the consultations of the units they oversee, with personal data
  masked; the commenters' names and contacts are for the unit that answers them.
- Major decisions: the decision-making government's editors and heads keep its catalogue and
  decisions; the lead unit (承办单位) of a decision records its procedures; only the
  government's head (签发) records a decision as taken and publishes the catalogue.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User as AuthUser
from django.db.models import Q, QuerySet

from gongkai.core.types import AnyUser
from gongkai.organisations.models import Membership, Organisation
from gongkai.organisations.policies import (
    ROLE_CAPABILITIES,
    Capability,
    has_capability,
    organisations_with_capability,
    units_overseen_by,
)


def can_run_consultations(user: AnyUser, unit: Organisation) -> bool:
    return has_capability(user, unit, Capability.DRAFT) or has_capability(
        user, unit, Capability.PUBLISH
    )


def units_running_consultations(user: AnyUser) -> QuerySet[Organisation]:
    return _units_where(
        organisations_with_capability(user, Capability.DRAFT),
        organisations_with_capability(user, Capability.PUBLISH),
    )


def _units_where(*querysets: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """The units in any of ``querysets``, as one query (subqueries, not pk lists in Python)."""
    condition = Q(pk__in=[])
    for qs in querysets:
        condition |= Q(pk__in=qs.values("pk"))
    units: QuerySet[Organisation] = Organisation.objects.filter(condition)
    return units


def consultation_assignees(unit: Organisation) -> QuerySet[AuthUser]:
    """Colleagues a clause may be given to for the answer (条款分办): active members of the
    unit in a role that drafts or publishes. The screen offers exactly these; services.
    clause_assign accepts no other (can_run_consultations)."""
    running = {Capability.DRAFT, Capability.PUBLISH}
    roles = [role for role, caps in ROLE_CAPABILITIES.items() if caps & running]
    members = Membership.objects.filter(organisation=unit, role__in=roles)
    users = get_user_model().objects.filter(is_active=True, pk__in=members.values("user_id"))
    return users.order_by("username")


def units_seeing_consultations(user: AnyUser) -> QuerySet[Organisation]:
    """Units whose consultations and comments ``user`` may see in the admin."""
    return _units_where(
        units_running_consultations(user),
        units_overseen_by(user),
        organisations_with_capability(user, Capability.REVIEW),
    )


def can_see_consultation(user: AnyUser, unit: Organisation) -> bool:
    return units_seeing_consultations(user).filter(pk=unit.pk).exists()


def sees_commenter_details(user: AnyUser, unit: Organisation) -> bool:
    """Names and contacts of commenters: only the unit that runs the consultation."""
    return can_run_consultations(user, unit)


def sees_participation_admin(user: AnyUser) -> bool:
    return units_seeing_consultations(user).exists() or units_with_decisions(user).exists()


# --- Major decisions --------------------------------------------------------------------------


def can_keep_catalogue(user: AnyUser, government: Organisation) -> bool:
    return can_run_consultations(user, government)


def can_record_procedure(user: AnyUser, government: Organisation, lead_unit: Organisation) -> bool:
    return can_keep_catalogue(user, government) or can_run_consultations(user, lead_unit)


def can_decide(user: AnyUser, government: Organisation) -> bool:
    """Recording the decision as taken and publishing the catalogue: the government's head."""
    return has_capability(user, government, Capability.PUBLISH)


def units_with_decisions(user: AnyUser) -> QuerySet[Organisation]:
    """Governments and lead units whose decision records ``user`` may open in the admin."""
    return _units_where(units_running_consultations(user), units_overseen_by(user))
