"""Public forms of 政府开放周: list filters, the registration form, 我的报名 and feedback.
No JavaScript; each widget carries aria-describedby for its hint and error (templates)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.openweek.services import MAX_FEEDBACK_CHARS

# The one-time token the registration form carries (views: secrets.token_urlsafe(24)).
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,40}$")


class ListFilterForm(forms.Form):
    when = forms.ChoiceField(
        label=_("时间"),
        required=False,
        choices=[("", _("全部")), ("upcoming", _("即将举办")), ("past", _("往期活动"))],
        error_messages={"invalid_choice": _("没有这个筛选项。")},
    )
    unit = forms.ChoiceField(
        label=_("举办单位"),
        required=False,
        choices=[],
        error_messages={"invalid_choice": _("没有这个单位的开放日活动。")},
    )

    def __init__(self, *args: Any, units: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("全部单位")), *units]  # type: ignore[attr-defined]


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("姓名"),
        max_length=60,
        error_messages={"required": _("请填写姓名。"), "max_length": _("姓名不能超过60字。")},
    )
    phone = forms.CharField(
        label=_("手机号码"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("请填写手机号码。"), "max_length": _("请填写11位手机号码。")},
    )
    id_number = forms.CharField(
        label=_("身份证号码"),
        max_length=18,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"max_length": _("身份证号码为18位。")},
    )
    consent = forms.BooleanField(
        label=_("我同意举办单位为组织本次活动使用以上信息（活动结束后不再用于其他用途）"),
        error_messages={"required": _("请勾选同意后再提交。")},
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, needs_id: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        if needs_id:
            self.fields["id_number"].required = True
            self.fields["id_number"].error_messages["required"] = _(
                "本场活动凭身份证入场，请填写身份证号码。"
            )
        else:
            del self.fields["id_number"]

    def clean_token(self) -> str:
        token = self.cleaned_data.get("token") or ""
        return token if TOKEN.match(token) else ""


class LookupForm(forms.Form):
    number = forms.CharField(
        label=_("报名编号"),
        max_length=32,
        error_messages={"required": _("请填写报名编号。"), "max_length": _("报名编号不正确。")},
    )
    code = forms.CharField(
        label=_("查询码"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("请填写查询码。"), "max_length": _("查询码不正确。")},
    )


RATINGS = [
    (str(n), label)
    for n, label in ((5, "非常满意"), (4, "满意"), (3, "一般"), (2, "不满意"), (1, "非常不满意"))
]


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("满意度"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择满意度。"), "invalid_choice": _("请选择满意度。")},
    )
    text = forms.CharField(
        label=_("意见和建议（可不填）"),
        required=False,
        max_length=MAX_FEEDBACK_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("意见和建议不能超过2000字。")},
    )
