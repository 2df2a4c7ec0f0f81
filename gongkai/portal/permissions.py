"""Who sees and handles the public's error reports in the back office.

A report belongs to the unit whose page it is: anyone with a role in that unit, and the
overseers above it, may see it and update its status. A report on the site's own pages (no
unit) belongs to the site's operator: superusers and the overseers of a top-level unit.
Nobody creates reports in the admin (they come from the public form); deleting one (spam)
takes the unit's management capability.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from gongkai.core.types import User
from gongkai.organisations import policies
from gongkai.organisations.admin_permissions import UnitScopedPermissionPolicy
from gongkai.organisations.models import Organisation
from gongkai.organisations.policies import Capability
from gongkai.portal.models import ErrorReport

# Actions open to anyone who may see the report; the others need a capability.
VIEW_LIKE_ACTIONS = frozenset({"view", "change"})


def is_site_operator(user: User) -> bool:
    return policies.is_city_disclosure_office(user)


class ErrorReportPermissionPolicy(UnitScopedPermissionPolicy):
    def __init__(self) -> None:
        super().__init__(
            ErrorReport,
            unit_lookup="organisation",
            action_capability={"delete": Capability.MANAGE_UNIT},
        )

    def user_has_permission(self, user: User, action: str) -> bool:
        return policies.may_do_in_some_unit(user, action, self.action_capability, VIEW_LIKE_ACTIONS)

    def user_has_permission_for_instance(self, user: User, action: str, instance: Any) -> bool:
        unit: Organisation | None = instance.organisation
        if unit is None:
            return action in VIEW_LIKE_ACTIONS | {"delete"} and is_site_operator(user)
        return policies.may_do_in_unit(
            user, unit, action, self.action_capability, VIEW_LIKE_ACTIONS
        )

    def instances_user_has_any_permission_for(
        self, user: User, actions: Iterable[str]
    ) -> QuerySet[Any]:
        units = policies.units_for_actions(
            user, list(actions), self.action_capability, VIEW_LIKE_ACTIONS
        )
        condition = Q(organisation__in=units.values("pk"))
        if is_site_operator(user):
            condition |= Q(organisation__isnull=True)
        return ErrorReport.objects.filter(condition)
