"""Generic Wagtail admin views that also check permission per record (Wagtail's generic views
check the model-level permission only) and list only the records a user may see."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self) -> QuerySet[Any]:
        visible = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        )
        found: QuerySet[Any] = super().get_base_queryset().filter(pk__in=visible.values("pk"))
        return found


class InstancePermissionMixin:
    """Refuse the view when the user lacks ``instance_action`` on this very record; a record of
    a unit the user does not act for is answered as missing (404, issue 11)."""

    instance_action = "change"

    def get_object(self, *args: Any, **kwargs: Any) -> Any:
        obj = super().get_object(*args, **kwargs)  # type: ignore[misc]
        view: Any = self
        user = view.request.user
        if not view.permission_policy.user_has_permission_for_instance(user, "view", obj):
            raise Http404
        if not view.permission_policy.user_has_permission_for_instance(
            user, self.instance_action, obj
        ):
            raise PermissionDenied
        return obj


class ScopedEditView(InstancePermissionMixin, generic.EditView):
    instance_action = "change"


class ScopedDeleteView(InstancePermissionMixin, generic.DeleteView):
    instance_action = "delete"


class ScopedHistoryView(InstancePermissionMixin, generic.history.HistoryView):
    instance_action = "view"


class ScopedUsageView(InstancePermissionMixin, generic.usage.UsageView):
    instance_action = "view"


class ScopedCopyView(generic.CopyView):
    """Wagtail's copy view refuses (a redirect) before a mixin could answer 404."""

    def get_object(self, queryset: QuerySet[Any] | None = None) -> Any:
        obj = get_object_or_404(self.model, pk=unquote(str(self.kwargs[self.pk_url_kwarg])))
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "view", obj
        ):
            raise Http404
        return super().get_object(queryset)


class ScopedViewsMixin:
    """Every generic view of a viewset of units' records answers another unit's record as a
    missing one (404): listing, edit, delete, history, usage and copy."""

    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_class = ScopedCopyView


class UnitScopedViewSet(ScopedViewsMixin, ModelViewSet):
    """Records that belong to units, in the admin: listed, edited and deleted only where the
    user's roles allow (the model's UnitScopedPermissionPolicy, see register_unit_scoped); the
    form (``form_class_path``) limits the unit field to the user's units."""

    add_to_admin_menu = False
    form_class_path = ""

    def get_form_class(self, for_update: bool = False) -> Any:
        from django.utils.module_loading import import_string

        return import_string(self.form_class_path)


def register_unit_scoped(
    model: Any, *, add: Any, change: Any, delete: Any, unit_lookup: str = "organisation"
) -> None:
    """Register the permission policy of a unit's records: which capability each action needs."""
    from wagtail.permissions import register_permission_policy

    from gongkai.organisations.admin_permissions import UnitScopedPermissionPolicy

    register_permission_policy(
        model,
        UnitScopedPermissionPolicy(
            model,
            unit_lookup=unit_lookup,
            action_capability={"add": add, "change": change, "delete": delete},
        ),
    )
