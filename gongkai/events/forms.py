"""Public forms of 在线访谈: the list filters and the question form (no JavaScript needed)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.events.models import EventKind, EventStatus
from gongkai.events.services import MAX_QUESTION_CHARS

# The one-time token the question form carries (views: secrets.token_urlsafe(24)).
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,40}$")


class ListFilterForm(forms.Form):
    """The /zxft/ filters; a value outside the lists is refused (400), never a server error."""

    status = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[("", _("全部")), *EventStatus.choices],
        error_messages={"invalid_choice": _("没有这种活动状态。")},
    )
    kind = forms.ChoiceField(
        label=_("类别"),
        required=False,
        choices=[("", _("全部类别")), *EventKind.choices],
        error_messages={"invalid_choice": _("没有这种活动类别。")},
    )
    unit = forms.ChoiceField(
        label=_("主办单位"),
        required=False,
        choices=[],
        error_messages={"invalid_choice": _("没有这个单位的活动。")},
    )

    def __init__(self, *args: Any, units: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("全部单位")), *units]  # type: ignore[attr-defined]


class QuestionForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    text = forms.CharField(
        label=_("您的问题"),
        max_length=MAX_QUESTION_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("请填写问题。"),
            "max_length": _("问题不能超过%(limit_value)d字。"),
        },
    )
    name = forms.CharField(
        label=_("称呼（可不填）"),
        required=False,
        max_length=60,
        error_messages={"max_length": _("称呼不能超过60字。")},
    )
    contact = forms.CharField(
        label=_("联系方式（可不填）"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("联系方式不能超过100字。")},
    )

    def clean_token(self) -> str:
        token = str(self.cleaned_data.get("token") or "")
        if token and not TOKEN.fullmatch(token):
            raise forms.ValidationError(_("表单已失效，请重新打开提问页面。"))
        return token

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("text", "name", "contact"):
            value = data.get(name)
            if isinstance(value, str) and any(ord(ch) < 32 and ch not in "\r\n\t" for ch in value):
                self.add_error(name, _("含有不能识别的控制字符。"))
        return data
