"""The public 我为政府网站找错 form. Messages are in Chinese whatever the browser's language."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.portal.models import ErrorCategory
from gongkai.portal.services import is_site_url

MAX_DESCRIPTION = 2000


class ErrorReportForm(forms.Form):
    category = forms.ChoiceField(
        label="问题类型",
        choices=ErrorCategory.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "请选择问题类型。",
            "invalid_choice": "请从列出的问题类型中选择一项。",
        },
    )
    page_url = forms.CharField(
        label="出错页面地址",
        max_length=500,
        error_messages={
            "required": "请填写出错页面的地址。",
            "max_length": "页面地址不能超过 %(limit_value)d 个字符（现有 %(show_value)d 个）。",
        },
    )
    description = forms.CharField(
        label="问题描述",
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "请填写问题描述。",
            "max_length": "问题描述不能超过 %(limit_value)d 个字（现有 %(show_value)d 个）。",
        },
    )
    contact = forms.CharField(
        label="联系方式（选填）",
        max_length=100,
        required=False,
        error_messages={"max_length": "联系方式不能超过 %(limit_value)d 个字符。"},
    )

    def __init__(self, *args: Any, allowed_hosts: set[str], **kwargs: Any) -> None:
        self.allowed_hosts = allowed_hosts
        super().__init__(*args, **kwargs)

    def clean_description(self) -> str:
        text = self.cleaned_data["description"].strip()
        if not text:
            raise forms.ValidationError("请填写问题描述。", code="required")
        return text

    def clean_page_url(self) -> str:

        url = self.cleaned_data["page_url"].strip()
        if not is_site_url(url, allowed_hosts=self.allowed_hosts):
            raise forms.ValidationError(
                "请填写本网站的页面地址（以 / 开头，或以本网站域名开头的网址）。", code="invalid"
            )
        return url
