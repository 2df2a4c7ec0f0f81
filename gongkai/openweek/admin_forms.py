"""Forms of the staff screens of 政府开放周 (plain forms: services.event_save writes)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongkai.openweek.models import OpenEvent
from gongkai.openweek.services import MAX_CAPACITY, EventFields
from gongkai.organisations.models import Organisation

_DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_DT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class EventForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("举办单位"), queryset=Organisation.objects.none())
    title = forms.CharField(label=_("活动名称"), max_length=200)
    description = forms.CharField(
        label=_("活动介绍"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    venue = forms.CharField(label=_("活动场所"), max_length=200)
    address = forms.CharField(label=_("地址"), max_length=300, required=False)
    starts_at = forms.DateTimeField(label=_("开始时间"), widget=_DT, input_formats=_DT_FORMATS)
    ends_at = forms.DateTimeField(label=_("结束时间"), widget=_DT, input_formats=_DT_FORMATS)
    capacity = forms.IntegerField(label=_("名额"), min_value=1, max_value=MAX_CAPACITY)
    registration_opens_at = forms.DateTimeField(
        label=_("报名开始时间"), widget=_DT, input_formats=_DT_FORMATS
    )
    registration_closes_at = forms.DateTimeField(
        label=_("报名截止时间"), widget=_DT, input_formats=_DT_FORMATS
    )
    needs_id = forms.BooleanField(
        label=_("活动场所凭身份证件入场（报名时须填写身份证号码）"), required=False
    )

    def __init__(
        self,
        *args: Any,
        units: QuerySet[Organisation],
        event: OpenEvent | None = None,
        **kwargs: Any,
    ) -> None:
        if event is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "unit": event.unit_id,
                **{name: getattr(event, name) for name in EventFields.__dataclass_fields__},
            }
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        if event is not None:
            self.fields["unit"].disabled = True

    def event_fields(self) -> EventFields:
        data = self.cleaned_data
        return EventFields(**{name: data[name] for name in EventFields.__dataclass_fields__})


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("取消原因（公开显示）"), max_length=300)


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("活动总结"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    publish = forms.BooleanField(label=_("在活动页面公开活动总结"), required=False)


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("签到码"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autofocus": True, "autocapitalize": "characters"}
        ),
    )
