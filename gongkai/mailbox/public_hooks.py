"""Audit actions of the mailbox's public side (intake_services)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from gongkai.mailbox import intake_services


@hooks.register("register_log_actions")
def register_mailbox_public_actions(actions: Any) -> None:
    actions.register_action(intake_services.LETTER_SUBMIT, _("来信提交"), _("来信提交"))
    actions.register_action(intake_services.LETTER_RATE, _("来信评价"), _("来信评价"))
