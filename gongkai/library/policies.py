"""Permission decisions for the policy library, in terms of the unit capabilities of
gongkai.organisations.policies (the admin's page permissions derive from the same table)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gongkai.organisations.models import Organisation
from gongkai.organisations.policies import Capability, has_capability

if TYPE_CHECKING:
    from wagtail.models import Page

    from gongkai.organisations.policies import AnyUser


def _unit_of(page: Page) -> Organisation | None:
    org_id = getattr(page.specific, "organisation_id", None)
    return Organisation.objects.filter(pk=org_id).first() if org_id else None


def can_draft_in(user: AnyUser, unit: Organisation) -> bool:
    return has_capability(user, unit, Capability.DRAFT)


def can_publish_in(user: AnyUser, unit: Organisation) -> bool:
    return has_capability(user, unit, Capability.PUBLISH)


def can_edit_content(user: AnyUser, page: Page) -> bool:
    unit = _unit_of(page)
    if unit is None:
        return bool(user.is_authenticated and user.is_superuser)
    return has_capability(user, unit, Capability.DRAFT) or has_capability(
        user, unit, Capability.REVIEW
    )


def can_publish_content(user: AnyUser, page: Page) -> bool:
    unit = _unit_of(page)
    if unit is None:
        return bool(user.is_authenticated and user.is_superuser)
    return has_capability(user, unit, Capability.PUBLISH)


def can_view_interpretation_rate(user: AnyUser, unit: Organisation) -> bool:
    """Overseers see the 重大政策解读率 of every unit they oversee; units see their own."""
    return has_capability(user, unit, Capability.OVERSEE) or has_capability(
        user, unit, Capability.PUBLISH
    )
