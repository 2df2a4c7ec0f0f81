"""The staff screens of the public-opinion register register their hooks in staff_admin; the
audit actions of the services are registered here."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogActionRegistry

from gongkai.opinion import services, staff_admin  # noqa: F401 - hooks


@hooks.register("register_log_actions")
def register_opinion_actions(actions: LogActionRegistry) -> None:
    actions.register_action(services.INCIDENT_REGISTER, _("登记政务舆情"), _("登记政务舆情"))
    actions.register_action(services.INCIDENT_ASSIGN, _("确定回应责任单位"), _("确定回应责任单位"))
    actions.register_action(services.RESPONSE_RECORD, _("记录舆情回应"), _("记录舆情回应"))
    actions.register_action(services.INCIDENT_CLOSE, _("关闭政务舆情"), _("关闭政务舆情"))
    actions.register_action(services.INCIDENT_ESCALATE, _("舆情逾期督办"), _("舆情逾期督办"))
    actions.register_action(
        services.RESPONSE_PERIOD_SET, _("设置舆情回应时限"), _("设置舆情回应时限")
    )
