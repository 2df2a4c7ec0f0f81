"""Forms of the public application (第二十九条) and of the applicant's case page."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric, uscc

from gongkai.applications.models import (
    ApplicantType,
    Application,
    Channel,
    DeliveryForm,
    DeliveryWay,
    IdDocType,
)

# The one-time token the form carries (views.apply: secrets.token_urlsafe(24), 32 characters).
SUBMISSION_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
PHONE = re.compile(r"^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")
POSTCODE = re.compile(r"^\d{6}$")


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


FIELD_MESSAGES: dict[str, dict[str, Any]] = {
    "applicant_type": {
        "required": _("请选择申请人类型：自然人，或者法人或其他组织。"),
        "invalid_choice": _("请从列出的申请人类型中选择一项。"),
    },
    "applicant_name": {
        "required": _("请填写申请人姓名；法人或其他组织请填写单位名称。"),
        "max_length": _("姓名或名称不能超过200个字。"),
    },
    "id_doc_type": {"invalid_choice": _("请从列出的证件类型中选择一项。")},
    "phone": {"required": _("请填写联系电话：手机号码，或者带区号的固定电话。")},
    "email": {"invalid": _("电子邮箱格式不正确，请填写完整的地址，例如 zhang@example.com。")},
    "address": {"max_length": _("通信地址不能超过300个字。")},
    "description": {
        "required": _("请填写所需政府信息的名称、文号，或者便于查询的其他特征。"),
    },
    "delivery_form": {
        "required": _("请选择获取信息的载体形式：纸质、电子文档或其他。"),
        "invalid_choice": _("请从列出的载体形式中选择一项。"),
    },
    "delivery_way": {
        "required": _("请选择获取信息的方式：邮寄、电子邮件、网上查阅下载、当面领取或传真。"),
        "invalid_choice": _("请从列出的获取方式中选择一项。"),
    },
}


def _without_empty(choices: Any) -> list[tuple[Any, Any]]:
    return [c for c in choices if c[0] not in ("", None)]


class ApplicationForm(forms.ModelForm):
    """No purpose is asked (the 2019 条例 removed the 三需要 test); what the law requires."""

    submission_token = forms.CharField(widget=forms.HiddenInput, required=False)
    attachments = MultipleFileField(
        label=_("附件（可选：身份证明、委托书等，PDF/JPG/PNG/DOCX，每个不超过10MB，最多5个）"),
        required=False,
    )

    class Meta:
        model = Application
        fields = [
            "applicant_type",
            "applicant_name",
            "id_doc_type",
            "id_number",
            "credit_code",
            "legal_representative",
            "contact_person",
            "phone",
            "email",
            "address",
            "postcode",
            "description",
            "delivery_form",
            "delivery_way",
        ]
        widgets = {
            "applicant_type": forms.RadioSelect,
            "delivery_form": forms.RadioSelect,
            "delivery_way": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {
            "applicant_name": _("姓名（法人或其他组织填名称）"),
            "id_number": _("证件号码（自然人必填）"),
            "credit_code": _("统一社会信用代码（法人或其他组织必填）"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["id_doc_type"].required = False
        # Most applicants have a 居民身份证: it is the default, not a "---------" to decode.
        doc_type = self.fields["id_doc_type"]
        if isinstance(doc_type, forms.ChoiceField):
            doc_type.choices = _without_empty(doc_type.choices)
            doc_type.initial = IdDocType.ID_CARD
        self.fields["phone"].required = True
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("id", f"id_{name}")
            if isinstance(field.widget, forms.RadioSelect) and isinstance(field, forms.ChoiceField):
                # A required radio group has no "---------" choice, and none is pre-selected
                # (GOV.UK radios pattern): the applicant makes the choice.
                field.choices = _without_empty(field.choices)
            # Each message says what to do, in the field's own words (not "这个字段是必填项。").
            for key, message in FIELD_MESSAGES.get(name, {}).items():
                field.error_messages[key] = message
            if field.required:
                field.widget.attrs["required"] = "required"
                field.widget.attrs["aria-required"] = "true"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["address"].widget.attrs["autocomplete"] = "street-address"
        self.fields["applicant_name"].widget.attrs["autocomplete"] = "name"

    def clean_submission_token(self) -> str:
        """A token that is not one of ours is no token (a tampered form loses only the
        double-submission guard; never a 500 from a value the column cannot hold)."""
        value = self.cleaned_data.get("submission_token") or ""
        return value if SUBMISSION_TOKEN.match(value) else ""

    def clean_phone(self) -> str:
        value = re.sub(r"[\s()（）]", "", self.cleaned_data.get("phone", ""))
        if not PHONE.match(value):
            raise forms.ValidationError(_("请填写正确的手机号码或带区号的固定电话。"))
        return value

    def clean_postcode(self) -> str:
        value: str = self.cleaned_data.get("postcode", "").strip()
        if value and not POSTCODE.match(value):
            raise forms.ValidationError(_("邮政编码应为6位数字。"))
        return value

    def clean_description(self) -> str:
        value: str = self.cleaned_data.get("description", "").strip()
        if len(value) < 4:
            raise forms.ValidationError(_("请描述所需政府信息的名称、文号或者便于查询的特征。"))
        return value

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        kind = data.get("applicant_type")
        if kind == ApplicantType.NATURAL:
            doc_type = data.get("id_doc_type") or IdDocType.ID_CARD
            data["id_doc_type"] = doc_type
            number = (data.get("id_number") or "").strip().upper()
            data["id_number"] = number
            if not number:
                self.add_error("id_number", _("请填写身份证件号码。"))
            elif doc_type == IdDocType.ID_CARD and not _valid_id_card(number):
                self.add_error(
                    "id_number",
                    _("身份证号码不正确：请核对18位号码（最后一位可能是X）。"),
                )
        elif kind:
            data["id_doc_type"] = ""  # no personal document for an organisation
            code = (data.get("credit_code") or "").strip().upper()
            data["credit_code"] = code
            if not code:
                self.add_error("credit_code", _("请填写统一社会信用代码。"))
            elif not uscc.is_valid(code):
                self.add_error("credit_code", _("统一社会信用代码不正确（18位，按GB 32100校验）。"))
            if not (data.get("contact_person") or "").strip():
                self.add_error("contact_person", _("请填写联系人。"))
        if data.get("delivery_way") == DeliveryWay.POST and not (data.get("address") or "").strip():
            self.add_error("address", _("选择邮寄时请填写通信地址。"))
        if data.get("delivery_way") == DeliveryWay.EMAIL and not data.get("email"):
            self.add_error("email", _("选择电子邮件时请填写电子邮箱。"))
        return data


def _valid_id_card(number: str) -> bool:
    return bool(ric.is_valid(number))


class RegisterForm(ApplicationForm):
    """Staff register an application received in person, by letter, fax or e-mail."""

    channel = forms.ChoiceField(
        label=_("提交方式"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )
    received_on = forms.DateField(
        label=_(
            "收到申请之日（当面：提交之日；挂号信：签收之日；平常信函、传真、电子邮件：确认之日）"
        ),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta(ApplicationForm.Meta):
        pass


class TrackForm(forms.Form):
    number = forms.CharField(label=_("受理编号"), max_length=60)
    code = forms.CharField(label=_("查询码"), max_length=20)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["code"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})


class CorrectionForm(forms.Form):
    text = forms.CharField(label=_("补正内容"), widget=forms.Textarea(attrs={"rows": 5}))
    attachments = MultipleFileField(label=_("补充材料（可选）"), required=False)


DELIVERY_FORMS = DeliveryForm
