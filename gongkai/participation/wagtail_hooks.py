"""The staff screens of public participation register their hooks in their own modules."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from gongkai.participation import decision_admin, staff_admin  # noqa: F401 - registers hooks

# The audit entries written by participation.services (Wagtail refuses unregistered actions).
LOG_ACTIONS = [
    ("gongkai.consultation_version", _("新增草案版本"), _("新增了草案版本")),
    ("gongkai.comment_moderate", _("审核意见"), _("审核了意见")),
    ("gongkai.comment_tag", _("标注意见"), _("标注了意见")),
    ("gongkai.clause_assign", _("条款分办"), _("分办了条款")),
    ("gongkai.offline_record", _("记录线下征求意见"), _("记录了线下征求意见")),
    ("gongkai.decision_procedure", _("记录决策程序"), _("记录了决策程序")),
    ("gongkai.decision_decide", _("记录决策结果"), _("记录了决策结果")),
]


@hooks.register("register_log_actions")
def register_participation_log_actions(actions: Any) -> None:
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)
