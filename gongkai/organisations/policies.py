"""Who may do what for which unit: the one place where roles become permissions.

Each role grants capabilities (ROLE_CAPABILITIES). A capability held through a membership
applies to that unit only, except for overseers (政务公开办), whose membership covers the
unit and its whole subtree. Superusers hold every capability everywhere. Every other module
asks here; Wagtail's page and collection permissions are derived from the same tables by
services.sync_user_groups, so the admin enforces exactly what these functions decide.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from gongkai.organisations.models import Membership, Organisation, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser


class Capability(StrEnum):
    DRAFT = "draft"  # create and edit content drafts (起草/编辑)
    REVIEW = "review"  # review content before publication (审核)
    PUBLISH = "publish"  # approve and publish (签发)
    HANDLE_APPLICATIONS = "handle_applications"  # 依申请公开 case handling
    OVERSEE = "oversee"  # see everything, dashboards, inspection (监督)
    MANAGE_UNIT = "manage_unit"  # contact data of the unit, staff roles


ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.EDITOR: frozenset({Capability.DRAFT}),
    Role.REVIEWER: frozenset({Capability.REVIEW}),
    Role.DISCLOSURE_OFFICER: frozenset({Capability.HANDLE_APPLICATIONS}),
    Role.UNIT_HEAD: frozenset(
        {Capability.DRAFT, Capability.REVIEW, Capability.PUBLISH, Capability.MANAGE_UNIT}
    ),
    Role.OVERSEER: frozenset({Capability.OVERSEE, Capability.MANAGE_UNIT}),
}

# Roles whose membership reaches down the tree.
SUBTREE_ROLES: frozenset[str] = frozenset({Role.OVERSEER})

# Wagtail page permissions that carry each capability in the admin. Overseers may lock a page
# (freeze it during an inspection) but not write it.
CAPABILITY_PAGE_PERMISSIONS: dict[Capability, frozenset[str]] = {
    Capability.DRAFT: frozenset({"add", "change"}),
    Capability.REVIEW: frozenset({"change", "lock", "unlock"}),
    Capability.PUBLISH: frozenset({"publish", "lock", "unlock"}),
    Capability.OVERSEE: frozenset({"lock", "unlock"}),
}
CAPABILITY_COLLECTION_PERMISSIONS: dict[Capability, frozenset[str]] = {
    Capability.DRAFT: frozenset(
        {
            "add_document",
            "change_document",
            "choose_document",
            "add_image",
            "change_image",
            "choose_image",
        }
    ),
    Capability.REVIEW: frozenset(
        {"change_document", "choose_document", "change_image", "choose_image"}
    ),
    Capability.PUBLISH: frozenset({"delete_document", "delete_image"}),
    Capability.OVERSEE: frozenset({"choose_document", "choose_image"}),
}


def page_permissions_for_role(role: str) -> frozenset[str]:
    perms: set[str] = set()
    for cap in ROLE_CAPABILITIES[role]:
        perms |= CAPABILITY_PAGE_PERMISSIONS.get(cap, frozenset())
    return frozenset(perms)


def collection_permissions_for_role(role: str) -> frozenset[str]:
    perms: set[str] = set()
    for cap in ROLE_CAPABILITIES[role]:
        perms |= CAPABILITY_COLLECTION_PERMISSIONS.get(cap, frozenset())
    return frozenset(perms)


def _roles_with(capability: Capability) -> list[str]:
    return [role for role, caps in ROLE_CAPABILITIES.items() if capability in caps]


def organisations_with_capability(user: AnyUser, capability: Capability) -> QuerySet[Organisation]:
    """The units for which the user holds the capability (overseers: with their subtrees)."""
    units: QuerySet[Organisation] = Organisation.objects.all()
    if not user.is_authenticated or not user.is_active:
        return units.none()
    if user.is_superuser:
        return units
    memberships = Membership.objects.filter(
        user=user, role__in=_roles_with(capability)
    ).select_related("organisation")
    condition = Q(pk__in=[])
    for m in memberships:
        if m.role in SUBTREE_ROLES:
            condition |= Q(path__startswith=m.organisation.path)
        else:
            condition |= Q(pk=m.organisation_id)
    return units.filter(condition)


def has_capability(user: AnyUser, organisation: Organisation, capability: Capability) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return organisations_with_capability(user, capability).filter(pk=organisation.pk).exists()


def is_staff_member(user: AnyUser) -> bool:
    """Has any role anywhere: may enter the back office."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or Membership.objects.filter(user=user).exists()


def is_city_disclosure_office(user: AnyUser) -> bool:
    """The city's disclosure office (市政务公开办: an overseer of a top-level unit) or a
    superuser: the site's operator, who answers for what belongs to no one unit."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, role=Role.OVERSEER, organisation__depth=1).exists()


def can_curate_thematic_columns(user: AnyUser) -> bool:
    """专题专栏 are site-wide: the city's disclosure office (an overseer of a top-level unit)
    curates them, not any one department. Held through the Wagtail group
    organisations.services.CURATORS_GROUP_NAME, which services.sync_user_groups keeps in step."""
    return is_city_disclosure_office(user)


def needs_curators_group(user: AnyUser) -> bool:
    """Whether sync_user_groups puts the user in the curators' group (superusers hold every
    Wagtail permission already)."""
    return can_curate_thematic_columns(user) and not user.is_superuser


# --- Named sets of units (what screens and forms offer) -------------------------------------------


def units_overseen_by(user: AnyUser) -> QuerySet[Organisation]:
    """The units the user oversees (政务公开办: their units and subtrees), by path."""
    return organisations_with_capability(user, Capability.OVERSEE).order_by("path")


def is_overseer(user: AnyUser) -> bool:
    """Oversees some unit: sees the oversight screens (e.g. 重大政策解读率)."""
    return organisations_with_capability(user, Capability.OVERSEE).exists()


def units_managed_by(user: AnyUser) -> QuerySet[Organisation]:
    """The units whose staff roles and settings the user manages (unit heads, overseers)."""
    return organisations_with_capability(user, Capability.MANAGE_UNIT).order_by("path")


def units_reviewed_by(user: AnyUser) -> QuerySet[Organisation]:
    """The units whose content the user reviews (审核)."""
    return organisations_with_capability(user, Capability.REVIEW).order_by("path")


def can_host_thematic_column(user: AnyUser, unit: Organisation) -> bool:
    """A 专题专栏 is hosted by a unit the curator oversees (superusers: any unit)."""
    if user.is_authenticated and user.is_superuser:
        return True
    return organisations_with_capability(user, Capability.OVERSEE).filter(pk=unit.pk).exists()


def may_create_top_level_unit(user: AnyUser | None) -> bool:
    """A unit without a parent is created by a superuser only (the organisation form makes the
    parent optional for them)."""
    return user is not None and can_create_child_organisation(user, None)


# --- Decisions about organisations and roles themselves -----------------------------------------


def can_view_organisation_admin(user: AnyUser, organisation: Organisation) -> bool:
    return any(has_capability(user, organisation, cap) for cap in Capability)


def can_edit_organisation(user: AnyUser, organisation: Organisation) -> bool:
    """Edit a unit's names, codes and disclosure-office contact data."""
    return has_capability(user, organisation, Capability.MANAGE_UNIT)


def can_delete_organisation(user: AnyUser, organisation: Organisation) -> bool:
    """Delete a unit (with its subtree): the same capability as editing it, as the admin's
    permission policy for Organisation decides (admin_permissions.ACTION_CAPABILITY)."""
    return has_capability(user, organisation, Capability.MANAGE_UNIT)


def can_create_child_organisation(user: AnyUser, parent: Organisation | None) -> bool:
    if parent is None:
        return bool(user.is_authenticated and user.is_active and user.is_superuser)
    return has_capability(user, parent, Capability.OVERSEE)


# --- Records of the back office scoped to a unit (admin_permissions adapts these to Wagtail) ------

# Which capability each admin action needs on the record's unit.
ACTION_CAPABILITY: dict[str, Capability] = {
    "add": Capability.MANAGE_UNIT,
    "change": Capability.MANAGE_UNIT,
    "delete": Capability.MANAGE_UNIT,
}


def _capabilities_for_action(
    action: str, action_capability: dict[str, Capability], view_like: frozenset[str]
) -> list[Capability]:
    if action in view_like:
        return list(Capability)
    capability = action_capability.get(action)
    return [capability] if capability is not None else []


def may_do_in_some_unit(
    user: AnyUser,
    action: str,
    action_capability: dict[str, Capability],
    view_like: frozenset[str] = frozenset({"view"}),
) -> bool:
    """A listing-level admin permission: any staff member views; other actions need the
    action's capability in some unit."""
    if action in view_like:
        return is_staff_member(user)
    capability = action_capability.get(action)
    return capability is not None and organisations_with_capability(user, capability).exists()


def may_do_in_unit(
    user: AnyUser,
    unit: Organisation,
    action: str,
    action_capability: dict[str, Capability],
    view_like: frozenset[str] = frozenset({"view"}),
) -> bool:
    """An admin action on one unit's record: viewing takes any role for the unit; the other
    actions their capability."""
    if action in view_like:
        return can_view_organisation_admin(user, unit)
    capability = action_capability.get(action)
    return capability is not None and has_capability(user, unit, capability)


def units_for_actions(
    user: AnyUser,
    actions: list[str],
    action_capability: dict[str, Capability],
    view_like: frozenset[str] = frozenset({"view"}),
) -> QuerySet[Organisation]:
    """The units whose records the user may take any of ``actions`` on."""
    units: QuerySet[Organisation] = Organisation.objects.none()
    for action in actions:
        for capability in _capabilities_for_action(action, action_capability, view_like):
            units = units | organisations_with_capability(user, capability)
    return units


def can_grant_role(user: AnyUser, organisation: Organisation, role: str) -> bool:
    """Overseers grant any role in their subtree; a unit head grants the working roles of
    their own unit; only overseers create unit heads and overseers."""
    if has_capability(user, organisation, Capability.OVERSEE):
        return True
    if role in (Role.UNIT_HEAD, Role.OVERSEER):
        return False
    return has_capability(user, organisation, Capability.MANAGE_UNIT)
