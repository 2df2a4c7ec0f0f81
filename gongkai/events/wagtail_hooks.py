"""The staff screens register their hooks in events.staff_admin; the audit actions of the
services are registered here."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogActionRegistry

from gongkai.events import services, staff_admin  # noqa: F401 - hooks


@hooks.register("register_log_actions")
def register_event_actions(actions: LogActionRegistry) -> None:
    actions.register_action(services.EVENT_SAVE, _("保存访谈活动"), _("保存访谈活动"))
    actions.register_action(
        services.EVENT_PUBLISH, _("公布或撤回访谈活动"), _("公布或撤回访谈活动")
    )
    actions.register_action(services.EVENT_START, _("开始直播"), _("开始直播"))
    actions.register_action(services.EVENT_ARCHIVE, _("结束并归档"), _("结束并归档"))
    actions.register_action(services.GUEST_SAVE, _("保存嘉宾"), _("保存嘉宾"))
    actions.register_action(services.GUEST_DELETE, _("删除嘉宾"), _("删除嘉宾"))
    actions.register_action(services.QUESTION_MODERATE, _("审核网友提问"), _("审核网友提问"))
    actions.register_action(services.TRANSCRIPT_POST, _("发布文字实录"), _("发布文字实录"))
    actions.register_action(services.TRANSCRIPT_EDIT, _("更正文字实录"), _("更正文字实录"))
