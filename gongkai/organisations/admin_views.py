"""Generic Wagtail admin views that also check permission per record (Wagtail's generic views
check the model-level permission only) and list only the records a user may see."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from wagtail.admin.views import generic


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self) -> QuerySet[Any]:
        visible = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        )
        return super().get_base_queryset().filter(pk__in=visible.values("pk"))


class InstancePermissionMixin:
    """Refuse the view when the user lacks ``instance_action`` on this very record."""

    instance_action = "change"

    def get_object(self, queryset: QuerySet[Any] | None = None) -> Any:
        obj = super().get_object(queryset)  # type: ignore[misc]
        view: Any = self
        if not view.permission_policy.user_has_permission_for_instance(
            view.request.user, self.instance_action, obj
        ):
            raise PermissionDenied
        return obj


class ScopedEditView(InstancePermissionMixin, generic.EditView):
    instance_action = "change"


class ScopedDeleteView(InstancePermissionMixin, generic.DeleteView):
    instance_action = "delete"
