"""Back-office form for service items: a unit may only file items under units it works for."""

from __future__ import annotations

from typing import Any

from wagtail.admin.forms import WagtailAdminModelForm

from gongkai.servicecatalog import policies
from gongkai.servicecatalog.models import ServiceItem


class ServiceItemForm(WagtailAdminModelForm):
    class Meta:
        model = ServiceItem
        fields = ["name", "code", "organisation", "kind", "url", "summary", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = policies.units_for_service_items(self.for_user)
