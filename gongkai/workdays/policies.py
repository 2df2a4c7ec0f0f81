"""Who may maintain the working-day calendar: superusers and the city's overseers (监督), because a change moves
the deadlines of every open case (DOMAIN §1.2)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Model, Q, QuerySet
from wagtail.permission_policies.base import BasePermissionPolicy

from gongkai.core.types import User
from gongkai.organisations.policies import (
    ROLE_CAPABILITIES,
    Capability,
    organisations_with_capability,
)


def can_manage_calendar(user: User) -> bool:
    """The calendar is the whole city's: its disclosure office (an overseer of a top-level
    unit) keeps it, not a district's, whose change would move other units' deadlines too
    (issue 11, found by the authorisation matrix)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return organisations_with_capability(user, Capability.OVERSEE).filter(depth=1).exists()


class CalendarPermissionPolicy(BasePermissionPolicy):
    """Every admin action (view, add, change, delete) needs ``can_manage_calendar``."""

    def __init__(self, model: type[Model]) -> None:
        super().__init__(model)

    def user_has_permission(self, user: User, action: str) -> bool:
        return can_manage_calendar(user)

    def user_has_any_permission(self, user: User, actions: Iterable[str]) -> bool:
        return can_manage_calendar(user)

    def user_has_permission_for_instance(self, user: User, action: str, instance: Any) -> bool:
        return can_manage_calendar(user)

    def user_has_any_permission_for_instance(
        self, user: User, actions: Iterable[str], instance: Any
    ) -> bool:
        return can_manage_calendar(user)

    def instances_user_has_any_permission_for(
        self, user: User, actions: Iterable[str]
    ) -> QuerySet[Any]:
        manager = self.model._default_manager
        found: QuerySet[Any] = manager.all() if can_manage_calendar(user) else manager.none()
        return found

    def instances_user_has_permission_for(self, user: User, action: str) -> QuerySet[Any]:
        return self.instances_user_has_any_permission_for(user, [action])

    def users_with_any_permission(self, actions: Iterable[str]) -> QuerySet[Any]:
        overseers = [r for r, caps in ROLE_CAPABILITIES.items() if Capability.OVERSEE in caps]
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(memberships__role__in=overseers))
            .distinct()
        )

    def users_with_permission(self, action: str) -> QuerySet[Any]:
        return self.users_with_any_permission([action])

    def users_with_any_permission_for_instance(
        self, actions: Iterable[str], instance: Any
    ) -> QuerySet[Any]:
        return self.users_with_any_permission(actions)

    def users_with_permission_for_instance(self, action: str, instance: Any) -> QuerySet[Any]:
        return self.users_with_any_permission([action])
