"""Admin permission policies of units and roles (their screens: organisations.viewsets, registered
by provisioning.wagtail_hooks)."""

from __future__ import annotations

from wagtail.permissions import register_permission_policy

from gongkai.organisations.admin_permissions import UnitScopedPermissionPolicy
from gongkai.organisations.models import Membership, Organisation

register_permission_policy(Organisation, UnitScopedPermissionPolicy(Organisation, unit_lookup=""))
register_permission_policy(
    Membership, UnitScopedPermissionPolicy(Membership, unit_lookup="organisation")
)
