"""The admin's permission policy for the public's error reports, answered by policies.py
(who sees, handles and deletes a report)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from gongkai.core.types import User
from gongkai.organisations import policies
from gongkai.organisations.admin_permissions import UnitScopedPermissionPolicy
from gongkai.organisations.policies import Capability
from gongkai.portal.models import ErrorReport
from gongkai.portal.policies import (
    can_delete_error_report,
    can_handle_error_report,
    is_site_operator,
)

# Actions open to anyone who may see the report; the others need a capability.
VIEW_LIKE_ACTIONS = frozenset({"view", "change"})


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
        if action in VIEW_LIKE_ACTIONS:
            return can_handle_error_report(user, instance)
        if action == "delete":
            return can_delete_error_report(user, instance)
        return instance.organisation is not None and super().user_has_permission_for_instance(
            user, action, instance
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
