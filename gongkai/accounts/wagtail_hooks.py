"""Admin routes of the second factor, its entry in the account menu, and its audit actions."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks

from gongkai.accounts import views


@hooks.register("register_admin_urls")
def register_otp_urls() -> list[Any]:
    return [
        path("2fa/verify/", views.verify, name="accounts_otp_verify"),
        path("2fa/setup/", views.setup, name="accounts_otp_setup"),
    ]


@hooks.register("register_account_menu_item")
def otp_account_menu_item(request: Any) -> dict[str, str]:
    return {
        "url": reverse("accounts_otp_setup"),
        "label": "两步验证",
        "help_text": "用手机身份验证器应用保护您的账号（登录时输入 6 位验证码）。",
    }


@hooks.register("register_log_actions")
def register_otp_log_actions(actions: Any) -> None:
    actions.register_action("gongkai.otp_enrol", "启用两步验证", "启用了两步验证")
    actions.register_action("gongkai.otp_reset", "重置两步验证", "重置了两步验证设备")
