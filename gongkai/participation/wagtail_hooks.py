"""The staff screens of public participation register their hooks in their own modules
(staff_admin, decision_admin); the audit actions of the services are registered here."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from gongkai.participation import decision_admin, services, staff_admin  # noqa: F401 - hooks


@hooks.register("register_log_actions")
def register_participation_actions(actions: Any) -> None:
    actions.register_action(services.CONSULTATION_VERSION, _("新增草案版本"), _("新增草案版本"))
    actions.register_action(services.COMMENT_MODERATE, _("审核意见"), _("审核意见"))
    actions.register_action(services.COMMENT_TAG, _("标注意见"), _("标注意见"))
    actions.register_action(services.CLAUSE_ASSIGN, _("条款分办"), _("条款分办"))
    actions.register_action(services.OFFLINE_RECORD, _("记录线下征求意见"), _("记录线下征求意见"))
    actions.register_action(services.DECISION_PROCEDURE, _("记录决策程序"), _("记录决策程序"))
    actions.register_action(services.DECISION_DECIDE, _("记录决策结果"), _("记录决策结果"))
