"""Back-office form for table-二 figures from other systems: only for the user's units, with
their source, validated by the service's rules."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from gongkai.organisations.policies import Capability, organisations_with_capability
from gongkai.reports.models import FigureKey, ReportFigure


class ReportFigureForm(WagtailAdminModelForm):
    class Meta:
        model = ReportFigure
        fields = ["organisation", "year", "key", "value", "source"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_with_capability(
            self.for_user, Capability.DRAFT
        ).order_by("path")

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        value, key = data.get("value"), data.get("key")
        if value is not None and value < 0:
            raise ValidationError({"value": _("数值不能为负。")})
        if value is not None and key != FigureKey.FEES and value != value.to_integral_value():
            raise ValidationError({"value": _("处理决定数量应为整数。")})
        if not (data.get("source") or "").strip():
            raise ValidationError({"source": _("请注明数据来源。")})
        return data
