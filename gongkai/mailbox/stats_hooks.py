"""Wagtail admin hooks of the mailbox's statistics and inspection screens (loaded by wagtail_hooks.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogActionRegistry

from gongkai.mailbox import import_services, stats_policies, stats_views


@hooks.register("register_log_actions")
def register_stats_actions(actions: LogActionRegistry) -> None:
    actions.register_action(import_services.LETTER_IMPORT, _("迁移原系统来信"), _("迁移原系统来信"))


@hooks.register("register_admin_urls")
def register_stats_urls() -> list[Any]:
    return [
        path("letter-stats/", stats_views.inspection_view, name="mailbox_admin_inspection"),
    ]


class InspectionMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return stats_policies.sees_inspection(request.user)


# The 互动交流 submenu (staff_hooks.INTERACTION_MENU_HOOK, mbstaff's) collects the items of
# every interaction screen through this hook; named here, not imported, to keep the modules apart.
INTERACTION_MENU_HOOK = "register_interaction_menu_item"


@hooks.register(INTERACTION_MENU_HOOK)
def register_stats_menu() -> MenuItem:
    return InspectionMenuItem(
        _("来信统计与检查"), reverse("mailbox_admin_inspection"), icon_name="warning", order=30
    )
