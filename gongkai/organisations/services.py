"""Writes for organisations and staff roles. Views, admin, CLI and demo data all call these."""

from __future__ import annotations

from typing import TYPE_CHECKING, Required, TypedDict

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from gongkai.core.types import User
from gongkai.organisations import policies
from gongkai.organisations.models import (
    ALLOWED_CHILD_KINDS,
    Membership,
    Organisation,
    OrganisationGroup,
    Role,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User as Account  # a person's account (not anonymous)

STAFF_GROUP_NAME = "Gongkai 工作人员"
# Curators of the site-wide 专题专栏; its page permissions are attached to the 专题专栏 page by
# portal.services.thematic_index_ensure.
CURATORS_GROUP_NAME = "专题专栏编辑"

ORGANISATION_FIELDS = (
    "name",
    "short_name",
    "slug",
    "kind",
    "credit_code",
    "org_code",
    "is_active",
    "office_name",
    "office_address",
    "office_postcode",
    "office_hours",
    "office_phone",
    "office_fax",
    "office_email",
    "website",
)


def _check(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("您没有权限执行此操作。"))


class OrganisationFields(TypedDict, total=False):
    """The fields a unit is created with (``organisation_create``'s keyword arguments), for
    callers that pass them on (provisioning.services.unit_create)."""

    name: Required[str]
    slug: Required[str]
    kind: Required[str]
    short_name: str
    credit_code: str
    org_code: str
    is_active: bool
    office_name: str
    office_address: str
    office_postcode: str
    office_hours: str
    office_phone: str
    office_fax: str
    office_email: str
    website: str


@transaction.atomic
def organisation_create(
    *,
    actor: User | None,
    parent: Organisation | None,
    name: str,
    slug: str,
    kind: str,
    short_name: str = "",
    credit_code: str = "",
    org_code: str = "",
    is_active: bool = True,
    office_name: str = "",
    office_address: str = "",
    office_postcode: str = "",
    office_hours: str = "",
    office_phone: str = "",
    office_fax: str = "",
    office_email: str = "",
    website: str = "",
) -> Organisation:
    """Create a unit under ``parent`` (or a root). ``actor=None`` is the system (CLI, demo)."""
    if actor is not None:
        _check(policies.can_create_child_organisation(actor, parent))
    org: Organisation = Organisation(
        name=name,
        slug=slug,
        kind=kind,
        short_name=short_name,
        credit_code=credit_code,
        org_code=org_code,
        is_active=is_active,
        office_name=office_name,
        office_address=office_address,
        office_postcode=office_postcode,
        office_hours=office_hours,
        office_phone=office_phone,
        office_fax=office_fax,
        office_email=office_email,
        website=website,
    )
    if parent is not None and org.kind not in ALLOWED_CHILD_KINDS[parent.kind]:
        raise ValidationError(
            _("“%(parent)s”（%(pkind)s）下不能设立%(kind)s。"),
            params={
                "parent": parent.name,
                "pkind": parent.get_kind_display(),
                "kind": org.get_kind_display(),
            },
        )
    # Validate before treebeard writes anything, so a bad code leaves no half-made node.
    org.full_clean(exclude=["path", "depth", "numchild"])
    org = (
        parent.add_child(instance=org)
        if parent is not None
        else Organisation.add_root(instance=org)
    )
    log(instance=org, action="wagtail.create", user=actor)
    # Overseers of the ancestors now oversee this unit too.
    overseers = Membership.objects.filter(
        role=Role.OVERSEER, organisation__in=org.get_ancestors()
    ).values_list("user_id", flat=True)
    for user in get_user_model().objects.filter(pk__in=set(overseers)):
        sync_user_groups(user)
    return org


@transaction.atomic
def organisation_update(
    *,
    actor: User | None,
    organisation: Organisation,
    name: str | None = None,
    slug: str | None = None,
    kind: str | None = None,
    short_name: str | None = None,
    credit_code: str | None = None,
    org_code: str | None = None,
    is_active: bool | None = None,
    office_name: str | None = None,
    office_address: str | None = None,
    office_postcode: str | None = None,
    office_hours: str | None = None,
    office_phone: str | None = None,
    office_fax: str | None = None,
    office_email: str | None = None,
    website: str | None = None,
) -> Organisation:
    """Change the fields given; a field left None keeps its value."""
    if actor is not None:
        _check(policies.can_edit_organisation(actor, organisation))
    given = {
        "name": name,
        "slug": slug,
        "kind": kind,
        "short_name": short_name,
        "credit_code": credit_code,
        "org_code": org_code,
        "is_active": is_active,
        "office_name": office_name,
        "office_address": office_address,
        "office_postcode": office_postcode,
        "office_hours": office_hours,
        "office_phone": office_phone,
        "office_fax": office_fax,
        "office_email": office_email,
        "website": website,
    }
    for field, value in given.items():
        if value is not None:
            setattr(organisation, field, value)
    organisation.full_clean(exclude=["path", "depth", "numchild"])
    organisation.save()
    log(instance=organisation, action="wagtail.edit", user=actor)
    return organisation


@transaction.atomic
def organisation_delete(*, actor: User | None, organisation: Organisation) -> None:
    """Delete a unit and its subtree (treebeard), with their memberships (on_delete CASCADE)."""
    if actor is not None:
        _check(policies.can_delete_organisation(actor, organisation))
    log(instance=organisation, action="wagtail.delete", user=actor, deleted=True)
    organisation.delete()


@transaction.atomic
def membership_grant(
    *, actor: User | None, user: Account, organisation: Organisation, role: str
) -> Membership:
    if actor is not None:
        _check(policies.can_grant_role(actor, organisation, role))
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=Role(role)
    )
    if created:
        log(instance=membership, action="wagtail.create", user=actor)
        sync_user_groups(user)
    return membership


@transaction.atomic
def membership_revoke(*, actor: User | None, membership: Membership) -> None:
    if actor is not None:
        _check(policies.can_grant_role(actor, membership.organisation, membership.role))
    user = membership.user
    log(instance=membership, action="wagtail.delete", user=actor)
    membership.delete()
    sync_user_groups(user)


# --- Wagtail permissions, derived from memberships -----------------------------------------------


def _staff_group() -> Group:
    group, created = Group.objects.get_or_create(name=STAFF_GROUP_NAME)
    if created:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return group


def organisation_group(organisation: Organisation, role: str) -> Group:
    """The group holding ``role``'s permissions on ``organisation``'s pages and files."""
    link = (
        OrganisationGroup.objects.select_related("group")
        .filter(organisation=organisation, role=role)
        .first()
    )
    if link is None:
        name = f"{organisation.display_short_name}·{Role(role).label}#{organisation.pk}"
        link = OrganisationGroup.objects.create(
            organisation=organisation, role=role, group=Group.objects.create(name=name[:150])
        )
    _grant_group_permissions(link.group, organisation, role)
    return link.group


def _grant_group_permissions(group: Group, organisation: Organisation, role: str) -> None:
    if organisation.home_page_id is not None:
        wanted = policies.page_permissions_for_role(role)
        have = set(
            GroupPagePermission.objects.filter(
                group=group, page_id=organisation.home_page_id
            ).values_list("permission__codename", flat=True)
        )
        for codename in wanted:
            perm_codename = f"{codename}_page"
            if perm_codename not in have:
                GroupPagePermission.objects.create(
                    group=group,
                    page_id=organisation.home_page_id,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=perm_codename
                    ),
                )
    if organisation.collection_id is not None:
        for codename in policies.collection_permissions_for_role(role):
            app_label = "wagtaildocs" if codename.endswith("document") else "wagtailimages"
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection_id=organisation.collection_id,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )


def organisation_groups_ensure(organisation: Organisation) -> None:
    """(Re)attach every role group of the unit to its page and collection."""
    for role in Role.values:
        organisation_group(organisation, role)


def sync_user_groups(user: Account) -> None:
    """Make the user's managed groups exactly those their memberships call for."""
    wanted: set[int] = set()
    for m in Membership.objects.filter(user=user).select_related("organisation"):
        if m.role in policies.SUBTREE_ROLES:
            units = Organisation.objects.filter(path__startswith=m.organisation.path)
        else:
            units = Organisation.objects.filter(pk=m.organisation_id)
        for unit in units:
            wanted.add(organisation_group(unit, m.role).pk)
    managed = set(OrganisationGroup.objects.values_list("group_id", flat=True))
    staff = _staff_group()
    current = set(user.groups.values_list("pk", flat=True))
    user.groups.remove(*((current & managed) - wanted))
    user.groups.add(*(wanted - current))
    if wanted:
        user.groups.add(staff)
    else:
        user.groups.remove(staff)
    curators, _created = Group.objects.get_or_create(name=CURATORS_GROUP_NAME)
    if policies.needs_curators_group(user):
        user.groups.add(curators)
    else:
        user.groups.remove(curators)
