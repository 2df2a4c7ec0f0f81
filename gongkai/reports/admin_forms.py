"""Back-office form for table-二 figures from other systems: only for the units whose report the
user compiles (reports.policies), checked by the figures' one rule (services.check_figure) so
that a mistake shows at its field; the viewset saves through services.figure_set."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from gongkai.reports import policies, services
from gongkai.reports.models import ReportFigure


class ReportFigureForm(WagtailAdminModelForm):
    class Meta:
        model = ReportFigure
        fields = ["organisation", "year", "key", "value", "source"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = policies.compilable_units(self.for_user)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        try:
            services.check_figure(
                key=data.get("key") or "",
                value=data.get("value"),
                source=data.get("source") or "",
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                if field not in self.errors:
                    self.add_error(field, messages)
        return data
