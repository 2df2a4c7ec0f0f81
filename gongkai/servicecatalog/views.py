"""Admin views for service items: generic Wagtail views whose writes go through services."""

from __future__ import annotations

from typing import Any

from wagtail.admin.views import generic

from gongkai.organisations.admin_views import ScopedCopyView, ScopedDeleteView, ScopedEditView
from gongkai.servicecatalog import services
from gongkai.servicecatalog.models import ServiceItem

FIELDS = ("organisation", "name", "code", "kind", "url", "summary", "is_active")


def _values(form: Any) -> dict[str, Any]:
    return {f: form.cleaned_data[f] for f in FIELDS}


class ServiceItemCreateView(generic.CreateView):
    def save_instance(self) -> ServiceItem:
        return services.service_item_create(actor=self.request.user, **_values(self.form))


class ServiceItemCopyView(ScopedCopyView, ServiceItemCreateView):
    pass


class ServiceItemEditView(ScopedEditView):
    def save_instance(self) -> ServiceItem:
        stored = ServiceItem.objects.get(pk=self.object.pk)
        return services.service_item_update(
            actor=self.request.user, item=stored, **_values(self.form)
        )


class ServiceItemDeleteView(ScopedDeleteView):
    def delete_action(self) -> None:
        services.service_item_delete(actor=self.request.user, item=self.object)
