"""Wagtail permission policies for our back-office models, answered by policies.py.

Wagtail's generic admin views (listing, create, edit, delete) ask a permission policy;
these policies turn each question into the unit-capability decisions of policies.py, so a
member of staff sees and changes only the records of the units they act for.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Model, QuerySet
from wagtail.permission_policies.base import BasePermissionPolicy

from gongkai.core.types import User
from gongkai.organisations import policies
from gongkai.organisations.models import Organisation
from gongkai.organisations.policies import ACTION_CAPABILITY, Capability


class UnitScopedPermissionPolicy(BasePermissionPolicy):
    """Records that belong to a unit. ``unit_of`` gives a record's unit; ``unit_lookup`` is the
    queryset path to it (``"organisation"``), or ``""`` when the record *is* the unit."""

    def __init__(
        self,
        model: type[Model],
        *,
        unit_lookup: str,
        action_capability: dict[str, Capability] | None = None,
    ) -> None:
        super().__init__(model)
        self.unit_lookup = unit_lookup
        self.action_capability = action_capability or ACTION_CAPABILITY

    def _unit_of(self, instance: Any) -> Organisation:
        unit: Organisation = instance
        for part in self.unit_lookup.split("__") if self.unit_lookup else []:
            unit = getattr(unit, part)
        return unit

    def user_has_permission(self, user: User, action: str) -> bool:
        return policies.may_do_in_some_unit(user, action, self.action_capability)

    def user_has_any_permission(self, user: User, actions: Iterable[str]) -> bool:
        return any(self.user_has_permission(user, a) for a in actions)

    def user_has_permission_for_instance(self, user: User, action: str, instance: Any) -> bool:
        return policies.may_do_in_unit(
            user, self._unit_of(instance), action, self.action_capability
        )

    def user_has_any_permission_for_instance(
        self, user: User, actions: Iterable[str], instance: Any
    ) -> bool:
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(
        self, user: User, actions: Iterable[str]
    ) -> QuerySet[Any]:
        units = policies.units_for_actions(user, list(actions), self.action_capability)
        field = f"{self.unit_lookup}__in" if self.unit_lookup else "pk__in"
        found: QuerySet[Any] = self.model._default_manager.filter(**{field: units.values("pk")})
        return found

    def instances_user_has_permission_for(self, user: User, action: str) -> QuerySet[Any]:
        return self.instances_user_has_any_permission_for(user, [action])

    def users_with_any_permission(self, actions: Iterable[str]) -> QuerySet[Any]:
        return get_user_model().objects.filter(memberships__isnull=False).distinct()

    def users_with_permission(self, action: str) -> QuerySet[Any]:
        return self.users_with_any_permission([action])

    def users_with_any_permission_for_instance(
        self, actions: Iterable[str], instance: Any
    ) -> QuerySet[Any]:
        return self.users_with_any_permission(actions)

    def users_with_permission_for_instance(self, action: str, instance: Any) -> QuerySet[Any]:
        return self.users_with_any_permission([action])
