"""Forms of the mailbox's staff screens. Choices come from mailbox.policies (what the page offers
is what the service accepts); the services decide again when saving."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User as AuthUser
from django.db.models import Model, QuerySet

from gongkai.mailbox.services import MAX_REASON, MAX_RESPONSE_WORKDAYS, MIN_RESPONSE_WORKDAYS
from gongkai.organisations.models import Organisation

# Reasons offered (not imposed) when a letter is declared invalid.
INVALID_REASONS = (
    "无实质内容",
    "重复来信",
    "广告、垃圾信息",
    "含辱骂、人身攻击等不文明用语",
    "不属于本信箱受理范围",
)


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Model) -> str:
        return str(getattr(obj, "name", obj))


class UserChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Model) -> str:
        if not isinstance(obj, AuthUser):
            return str(obj)
        full = obj.get_full_name()
        return f"{full}（{obj.get_username()}）" if full else obj.get_username()


class AssignForm(forms.Form):
    unit = UnitChoiceField(label="承办单位", queryset=Organisation.objects.none())

    def __init__(self, *args: Any, units: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class TransferForm(forms.Form):
    to_unit = UnitChoiceField(label="转至单位", queryset=Organisation.objects.none())
    reason = forms.CharField(
        label="转办理由",
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="写明为何由该单位办理（谁主管谁回应），理由记入转办记录。",
    )

    def __init__(self, *args: Any, units: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = units  # type: ignore[attr-defined]


class InvalidateForm(forms.Form):
    reason = forms.CharField(
        label="无效理由",
        max_length=200,
        help_text="理由将告知写信人（凭信件编号和查询码查看）。常用：" + "；".join(INVALID_REASONS),
    )


class HandlerForm(forms.Form):
    handler = UserChoiceField(
        label="承办人", queryset=AuthUser.objects.none(), required=False, empty_label="（不指定）"
    )

    def __init__(self, *args: Any, users: QuerySet[AuthUser], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = users  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    answer_text = forms.CharField(
        label="答复内容",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="提交后进入本单位审核流程（先审后发），签发发布即为答复。",
    )
    publish = forms.BooleanField(
        label="公开选登（须写信人同意公开）",
        required=False,
        help_text="公开时来信内容中的姓名、电话、身份证号等个人信息自动隐去。",
    )


class FaqForm(forms.Form):
    question = forms.CharField(label="问题", max_length=200)
    answer = forms.CharField(label="答复", widget=forms.Textarea(attrs={"rows": 8}))
    order = forms.IntegerField(label="排序", min_value=0, max_value=32767, initial=0)
    published = forms.BooleanField(label="公开", required=False, initial=True)


class FaqUnitForm(FaqForm):
    unit = UnitChoiceField(label="单位", queryset=Organisation.objects.none())

    def __init__(self, *args: Any, units: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class ChannelSettingForm(forms.Form):
    response_workdays = forms.IntegerField(
        label="答复期限（工作日）", min_value=MIN_RESPONSE_WORKDAYS, max_value=MAX_RESPONSE_WORKDAYS
    )
    remind_workdays_before = forms.IntegerField(
        label="到期前提醒（工作日）", min_value=0, max_value=MAX_RESPONSE_WORKDAYS
    )
    intro = forms.CharField(
        label="渠道说明", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    enabled = forms.BooleanField(label="受理来信", required=False)


class CategoryForm(forms.Form):
    name = forms.CharField(label="类别", max_length=40)
    default_unit = UnitChoiceField(
        label="默认承办单位",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="（由政务公开办分办）",
    )
    order = forms.IntegerField(label="排序", min_value=0, max_value=32767, initial=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["default_unit"].queryset = Organisation.objects.order_by("path")  # type: ignore[attr-defined]
