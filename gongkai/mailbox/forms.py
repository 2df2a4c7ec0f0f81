"""Public forms of the mailbox: writing a letter, finding it again, rating the answer, the
filters of 来信选登 and 常见问题. Every message is Chinese; a value outside the lists is refused
(400 or a form error), never a server error."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.mailbox.intake_services import (
    MAX_BODY_CHARS,
    MAX_COMMENT_CHARS,
    MAX_SUBJECT_CHARS,
    MAX_UPLOADS,
)
from gongkai.mailbox.models import Category, Channel, Satisfaction
from gongkai.organisations.models import Organisation

TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,40}$")
# The unit choice "不确定，由政务公开办分办".
UNSURE = ""


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class LetterForm(forms.Form):
    unit = forms.ChoiceField(
        label=_("写给哪个单位"),
        required=False,
        error_messages={"invalid_choice": _("请从列出的单位中选择。")},
    )
    category = forms.ChoiceField(
        label=_("来信类别"),
        required=False,
        error_messages={"invalid_choice": _("请从列出的类别中选择。")},
    )
    subject = forms.CharField(
        label=_("标题"),
        max_length=MAX_SUBJECT_CHARS,
        error_messages={
            "required": _("请填写标题。"),
            "max_length": _("标题不能超过%(limit_value)d字。"),
        },
    )
    body = forms.CharField(
        label=_("来信内容"),
        max_length=MAX_BODY_CHARS,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "required": _("请填写来信内容。"),
            "max_length": _("来信内容不能超过%(limit_value)d字。"),
        },
    )
    attachments = MultipleFileField(
        label=_("附件（可不传）"),
        required=False,
        error_messages={"invalid": _("附件上传不完整，请重新选择文件。")},
    )
    name = forms.CharField(
        label=_("姓名"),
        max_length=60,
        error_messages={"required": _("请填写姓名。"), "max_length": _("姓名不能超过60字。")},
    )
    phone = forms.CharField(
        label=_("联系电话"),
        required=False,
        max_length=40,
        error_messages={"max_length": _("联系电话不能超过40个字符。")},
    )
    email = forms.CharField(
        label=_("电子邮箱"),
        required=False,
        max_length=254,
        error_messages={"max_length": _("电子邮箱过长。")},
    )
    address = forms.CharField(
        label=_("联系地址（可不填）"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("联系地址不能超过200字。")},
    )
    consent_publish = forms.BooleanField(
        label=_("同意在本网站公开我的来信和答复（姓名、电话、邮箱、地址和证件号码一律不公开）"),
        required=False,
    )
    privacy = forms.BooleanField(
        label=_("我已阅读并同意隐私声明"),
        error_messages={"required": _("请阅读隐私声明并勾选同意后再提交。")},
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        units: list[Organisation],
        categories: list[Category],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.units = {u.slug: u for u in units}
        self.categories = {str(c.pk): c for c in categories}
        self.fields["unit"].choices = [  # type: ignore[attr-defined]
            (UNSURE, _("不确定，由政务公开办分办")),
            *((u.slug, u.name) for u in units),
        ]
        self.fields["category"].choices = [  # type: ignore[attr-defined]
            ("", _("请选择（可不选）")),
            *((str(c.pk), c.name) for c in categories),
        ]
        self.fields["attachments"].help_text = _(
            "PDF、JPG、PNG、DOCX，每个不超过10MB，最多%(n)d个。"
        ) % {"n": MAX_UPLOADS}
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "inputmode": "email"})
        self.fields["address"].widget.attrs["autocomplete"] = "street-address"
        self.fields["subject"].widget.attrs["autocomplete"] = "off"

    def clean_token(self) -> str:
        token = self.cleaned_data.get("token") or ""
        return token if TOKEN.match(token) else ""

    def chosen_unit(self) -> Organisation | None:
        return self.units.get(self.cleaned_data.get("unit") or "")

    def chosen_category(self) -> Category | None:
        return self.categories.get(self.cleaned_data.get("category") or "")


class TrackForm(forms.Form):
    number = forms.CharField(
        label=_("信件编号"),
        max_length=60,
        error_messages={"required": _("请填写信件编号。"), "max_length": _("信件编号过长。")},
    )
    code = forms.CharField(
        label=_("查询码"),
        max_length=40,
        error_messages={"required": _("请填写查询码。"), "max_length": _("查询码过长。")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("number", "code"):
            self.fields[name].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})


class RatingForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("您对答复是否满意"),
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("请选择满意、基本满意或不满意。"),
            "invalid_choice": _("请选择满意、基本满意或不满意。"),
        },
    )
    comment = forms.CharField(
        label=_("评价意见（可不填）"),
        required=False,
        max_length=MAX_COMMENT_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("评价意见不能超过%(limit_value)d字。")},
    )


class LetterFilterForm(forms.Form):
    """The filters of 来信选登 (GET); anything else is a 400 with the message."""

    channel = forms.ChoiceField(
        label=_("渠道"),
        required=False,
        choices=[("", _("全部渠道")), *Channel.choices],
        error_messages={"invalid_choice": _("没有这个信件渠道。")},
    )
    unit = forms.ChoiceField(
        label=_("承办单位"),
        required=False,
        error_messages={"invalid_choice": _("没有这个单位的公开来信。")},
    )
    category = forms.ChoiceField(
        label=_("类别"),
        required=False,
        error_messages={"invalid_choice": _("没有这个来信类别。")},
    )
    year = forms.ChoiceField(
        label=_("年度"),
        required=False,
        error_messages={"invalid_choice": _("没有这一年度的公开来信。")},
    )
    q = forms.CharField(
        label=_("关键词"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("关键词不能超过100字。")},
    )

    def __init__(
        self,
        *args: Any,
        units: list[Organisation],
        categories: list[Category],
        years: list[int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.units = {u.slug: u for u in units}
        self.fields["unit"].choices = [  # type: ignore[attr-defined]
            ("", _("全部单位")),
            *((u.slug, u.name) for u in units),
        ]
        self.fields["category"].choices = [  # type: ignore[attr-defined]
            ("", _("全部类别")),
            *((str(c.pk), c.name) for c in categories),
        ]
        self.fields["year"].choices = [  # type: ignore[attr-defined]
            ("", _("全部年度")),
            *((str(y), f"{y}年") for y in years),
        ]

    def clean_q(self) -> str:
        q = str(self.cleaned_data.get("q") or "")
        if not q.isprintable():
            raise forms.ValidationError(_("关键词含有不能识别的字符。"))
        return " ".join(q.split())


class SuggestForm(forms.Form):
    q = forms.CharField(
        label=_("先查一查"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("查询内容不能超过100字。")},
    )

    def clean_q(self) -> str:
        q = str(self.cleaned_data.get("q") or "")
        if not q.isprintable():
            raise forms.ValidationError(_("查询内容含有不能识别的字符。"))
        return " ".join(q.split())
