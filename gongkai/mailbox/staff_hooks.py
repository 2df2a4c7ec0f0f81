"""Wagtail admin hooks of the mailbox's handling screens (loaded by wagtail_hooks.py): the
addresses of staff_admin's views, the menu 互动交流 (来信办理, 常见问题, 渠道设置, 来信类别) and the
log actions of mailbox.services.

The 互动交流 submenu collects its items through the hook ``register_interaction_menu_item``:
other interaction screens (statistics, events, …) add theirs with
``@hooks.register("register_interaction_menu_item")`` without importing this module.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from gongkai.mailbox import policies, services, staff_admin

INTERACTION_MENU_HOOK = "register_interaction_menu_item"


@hooks.register("register_admin_urls")
def register_urls() -> list[Any]:
    return [
        path("mailbox/letters/", staff_admin.letter_list, name="mailbox_admin_list"),
        path("mailbox/letters/<int:pk>/", staff_admin.letter_detail, name="mailbox_admin_detail"),
        path(
            "mailbox/letters/<int:pk>/answer/",
            staff_admin.letter_answer,
            name="mailbox_admin_answer",
        ),
        path(
            "mailbox/letters/<int:pk>/files/<int:file_id>/",
            staff_admin.letter_attachment,
            name="mailbox_admin_attachment",
        ),
        path(
            "mailbox/letters/<int:pk>/faq/",
            staff_admin.faq_from_letter,
            name="mailbox_admin_faq_from",
        ),
        path("mailbox/faq/", staff_admin.faq_list, name="mailbox_admin_faq"),
        path("mailbox/faq/new/", staff_admin.faq_add, name="mailbox_admin_faq_add"),
        path("mailbox/faq/<int:pk>/", staff_admin.faq_edit, name="mailbox_admin_faq_edit"),
        path(
            "mailbox/faq/<int:pk>/delete/",
            staff_admin.faq_delete,
            name="mailbox_admin_faq_delete",
        ),
        path("mailbox/channels/", staff_admin.channel_settings, name="mailbox_admin_channels"),
        path("mailbox/categories/", staff_admin.category_list, name="mailbox_admin_categories"),
        path(
            "mailbox/categories/<int:pk>/",
            staff_admin.category_edit,
            name="mailbox_admin_category",
        ),
        path(
            "mailbox/categories/<int:pk>/delete/",
            staff_admin.category_delete,
            name="mailbox_admin_category_delete",
        ),
    ]


class _LettersItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return policies.sees_mailbox_admin(request.user)


class _SettingsItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return policies.can_configure(request.user)


interaction_menu = Menu(register_hook_name=INTERACTION_MENU_HOOK)


@hooks.register("register_admin_menu_item")
def register_interaction_menu() -> MenuItem:
    return SubmenuMenuItem(_("互动交流"), interaction_menu, icon_name="mail", order=250)


@hooks.register(INTERACTION_MENU_HOOK)
def register_letters_item() -> MenuItem:
    return _LettersItem(_("来信办理"), reverse("mailbox_admin_list"), icon_name="mail", order=10)


@hooks.register(INTERACTION_MENU_HOOK)
def register_faq_item() -> MenuItem:
    return _LettersItem(_("常见问题"), reverse("mailbox_admin_faq"), icon_name="help", order=20)


@hooks.register(INTERACTION_MENU_HOOK)
def register_channels_item() -> MenuItem:
    return _SettingsItem(
        _("渠道设置"), reverse("mailbox_admin_channels"), icon_name="cog", order=80
    )


@hooks.register(INTERACTION_MENU_HOOK)
def register_categories_item() -> MenuItem:
    return _SettingsItem(
        _("来信类别"), reverse("mailbox_admin_categories"), icon_name="list-ul", order=90
    )


@hooks.register("register_log_actions")
def register_mailbox_actions(actions: Any) -> None:
    for action, label in (
        (services.LETTER_ASSIGN, _("来信分办")),
        (services.LETTER_TRANSFER, _("来信转办")),
        (services.LETTER_INVALIDATE, _("认定无效来信")),
        (services.LETTER_HANDLER, _("指定来信承办人")),
        (services.LETTER_ANSWER_DRAFT, _("来信答复提交审核")),
        (services.LETTER_ANSWERED, _("来信已答复")),
        (services.LETTER_REVIEW_RETURNED, _("来信答复被退回")),
        (services.LETTER_REMINDED, _("来信到期提醒")),
        (services.LETTER_ESCALATED, _("来信逾期督办")),
        (services.MAILBOX_SETTINGS, _("信件渠道设置")),
    ):
        actions.register_action(action, label, label)
