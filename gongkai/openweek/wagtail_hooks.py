"""The staff screens of 政府开放周 register their hooks in staff_admin; the audit actions of the
services are registered here."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from gongkai.openweek import services, staff_admin  # noqa: F401 - hooks


@hooks.register("register_log_actions")
def register_openweek_actions(actions: Any) -> None:
    actions.register_action(services.EVENT_SAVE, _("保存开放日活动"), _("保存开放日活动"))
    actions.register_action(services.EVENT_PUBLISH, _("发布开放日活动"), _("发布开放日活动"))
    actions.register_action(services.EVENT_CANCEL, _("取消开放日活动"), _("取消开放日活动"))
    actions.register_action(services.SUMMARY_SAVE, _("保存活动总结"), _("保存活动总结"))
    actions.register_action(services.REGISTRATION_CANCEL, _("取消报名"), _("取消报名"))
    actions.register_action(services.REGISTRATION_PROMOTE, _("候补递补"), _("候补递补"))
    actions.register_action(services.CHECK_IN, _("活动签到"), _("活动签到"))
    actions.register_action(services.EXPORT, _("导出报名名单"), _("导出报名名单"))
