"""The staff screens register their hooks in evaluation.staff_admin; the audit actions of the
services are registered here."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogActionRegistry

from gongkai.evaluation import services, staff_admin  # noqa: F401 - hooks


@hooks.register("register_log_actions")
def register_evaluation_actions(actions: LogActionRegistry) -> None:
    actions.register_action(services.SURVEY_SAVE, _("编辑评价问卷"), _("编辑评价问卷"))
    actions.register_action(services.RECORD_SAVE, _("记录访谈座谈"), _("记录访谈座谈"))
    actions.register_action(
        services.FINDINGS_SAVE, _("填写评价发现和结论"), _("填写评价发现和结论")
    )
    actions.register_action(services.SUBMIT, _("提交评价审核"), _("提交评价审核"))
    actions.register_action(services.ACTION_REPORT, _("记录落实情况"), _("记录落实情况"))
