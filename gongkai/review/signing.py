"""签发 of a 重大政策 together with its interpretation (三同步, 国办发〔2016〕80号).

A 重大政策 goes live only with a live interpretation (library.services.publication_problems).
When the head signs such a policy whose interpretation is still under review, the two are
signed in one step: each through its own workflow's 签发 (policies.can_act_on_step applies to
both; the author of either cannot sign), the interpretation first, in one transaction. When the
interpretation is not yet at 签发 (or missing), nothing is signed and the head is told why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page

from gongkai.library.models import InterpretationPage, PolicyDocumentPage
from gongkai.review import policies


class SigningBlocked(ValidationError):
    """签发 refused because the item cannot go live on its own; the signing screen explains."""


def is_signing_step(task: Any) -> bool:
    # local import: review.models imports this module
    from gongkai.review.models import ReviewStep, UnitRoleTask

    return isinstance(task, UnitRoleTask) and task.step == ReviewStep.APPROVAL


def needs_companion(page: Any, draft: Any = None) -> bool:
    """A 重大政策 (as in ``draft``, the revision under review, else the latest) whose
    interpretation is not live."""

    if draft is None:
        draft = page.specific.get_latest_revision_as_object()
    if not isinstance(draft, PolicyDocumentPage) or not draft.is_major:
        return False
    return not InterpretationPage.objects.filter(policy_id=page.pk, live=True).exists()


@dataclass
class Companion:
    page: Any  # the InterpretationPage
    step: str  # the name of its current review step, "" when not under review
    ready: bool  # at 签发 and the user may sign it
    reason: str  # why it is not ready


def companions(policy: Any, user: Any) -> list[Companion]:
    """The interpretations of ``policy`` (drafts included) and whether ``user`` can sign them
    now together with it."""

    rows = []
    for interp in InterpretationPage.objects.filter(policy_id=policy.pk).order_by("pk"):
        state = interp.current_workflow_task_state
        task = state.task.specific if state is not None else None
        if interp.live and not interp.has_unpublished_changes:
            continue
        if task is None:
            rows.append(Companion(interp, "", False, _("尚未提交审核")))
        elif not is_signing_step(task):
            rows.append(
                Companion(
                    interp, task.name, False, _("尚在“%(s)s”环节，未到签发") % {"s": task.name}
                )
            )
        elif not policies.can_act_on_step(user, interp, task):
            rows.append(
                Companion(interp, task.name, False, _("您不能签发该解读（作者本人不能签发）"))
            )
        else:
            rows.append(Companion(interp, task.name, True, ""))
    return rows


def blocked_message(policy: Any) -> str:
    return _(
        "《%(t)s》是重大政策，须与其政策解读同步发布（三同步，国办发〔2016〕80号）。"
        "请在“一并签发”页面同时签发文件及其解读。"
    ) % {"t": policy.title}


@transaction.atomic
def sign_together(policy: Any, user: Any, comment: str = "") -> list[Any]:
    """签发 the policy and every interpretation of it awaiting 签发, interpretation first, each
    through its workflow (services.act_on_step). Returns the pages signed. All or nothing."""
    # local import: review.services imports this module
    from gongkai.review import services

    policy = Page.objects.get(pk=policy.pk).specific
    state = policy.current_workflow_task_state
    task = state.task.specific if state is not None else None
    if task is None or not is_signing_step(task):
        raise ValidationError(_("《%(t)s》不在签发环节，不能签发。") % {"t": policy.title})
    if not policies.can_act_on_step(user, policy, task):
        raise PermissionDenied(_("您不能签发此文件（作者本人不能签发）。"))
    rows = companions(policy, user)
    ready = [row.page for row in rows if row.ready]
    if needs_companion(policy) and not ready:
        waiting = "；".join(f"《{row.page.title}》{row.reason}" for row in rows)
        raise ValidationError(
            _("重大政策须与政策解读一并签发，但没有可一并签发的解读。%(w)s")
            % {"w": waiting or _("请先起草政策解读并提交审核。")}
        )
    signed = []
    for interp in ready:
        interp_state = interp.current_workflow_task_state
        services.act_on_step(interp_state, user, "approve", comment)
        signed.append(Page.objects.get(pk=interp.pk).specific)
    services.act_on_step(state, user, "approve", comment)
    signed.append(Page.objects.get(pk=policy.pk).specific)
    return signed
