"""The case state machine, written once (DOMAIN.md §1; 条例 第三十至四十二条).

Statuses are models.Status, the kinds of step models.EventKind. ``ACTIONS`` is the table of
every step: from which statuses it may be taken, the status it leads to (None: the status stays),
who may take it (a function of policies.py) and the event it leaves. services.transitions.move is
the only writer of ``Application.status`` and refuses a step from any other status with the
step's own message; ``available_actions`` is what the case screen offers a user now.

    received ──► correction_requested ──► assigned          (补正 received: a new period)
        │                 └──────────────► closed           (not corrected in time: 其他处理/1)
        └──► assigned ──► consulting ──► assigned           (第三十二、三十四条: time not counted)
                 │  └───► fee_pending ──► assigned | closed (DOMAIN §1.4; unpaid: 其他处理/2)
                 └──► reply_drafted ──► [legal_review] ──► approved ──► replied ──► closed
                          ▲      │ (returned by the legal review or the head: the draft is
                          └──────┘  voided, the case is back with the handler to redraft)
    (an extension, 第三十三条, is a flag set once on an open case; a transfer changes the unit)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongkai.applications import policies, selectors
from gongkai.applications.models import OPEN_STATUSES, Application, EventKind, Status
from gongkai.core.types import User

S = Status

# The message of a step refused in the case's current status, unless the step has its own.
STATE_REFUSED = _("当前状态“%(a)s”不能进行此操作。")
MAY_NOT_HANDLE = _("您不能办理该申请。")


def _can_approve_current_reply(user: User, case: Application) -> bool:
    return policies.can_approve_reply(user, case, selectors.current_reply(case))


def _transfer_offered(user: User, case: Application) -> bool:
    return policies.transfer_targets(user, case).exists()


@dataclass(frozen=True)
class Action:
    """One step of a case."""

    name: str  # the case screen's ``action`` and the key of ACTIONS
    sources: frozenset[str]  # the statuses it may be taken from
    target: str | None  # the status it leads to; None: the status stays
    allowed: Callable[[User, Application], bool]  # the permission (policies.py)
    event: EventKind | None  # the event it leaves (None: the service writes its own)
    denied: Promise = MAY_NOT_HANDLE  # the message when not allowed
    refused: Promise = STATE_REFUSED  # the message in any other status (%(a)s: its label)
    # A further condition of the case or user for the screen to offer it (the service checks
    # it with its own message).
    offered: Callable[[User, Application], bool] | None = None
    on_screen: bool = True  # whether the case screen offers it
    # The status it leads to instead when the case has no handler yet.
    target_unassigned: str | None = None

    def refusal(self, case: Application) -> str:
        return str(self.refused) % {"a": case.get_status_display()}


# Where an extension may be asked for and granted (第三十三条第二款): a case being handled, before
# its reply is sent; never while it waits for the applicant's correction.
_EXTENDABLE = frozenset(
    {S.ASSIGNED, S.CONSULTING, S.FEE_PENDING, S.REPLY_DRAFTED, S.LEGAL_REVIEW, S.APPROVED}
)
# Where the handler works on the reply's content (attachments, extension request).
_WORKING = frozenset({S.ASSIGNED, S.CONSULTING, S.FEE_PENDING, S.REPLY_DRAFTED})

_ACTIONS = (
    Action("assign", frozenset({S.RECEIVED, S.ASSIGNED}), S.ASSIGNED,
           policies.can_handle, EventKind.ASSIGNED),
    Action("correction", frozenset({S.RECEIVED, S.ASSIGNED}), S.CORRECTION_REQUESTED,
           policies.can_handle, EventKind.CORRECTION_REQUESTED,
           offered=lambda user, case: case.correction_requested_on is None),
    Action("corrected", frozenset({S.CORRECTION_REQUESTED}), S.ASSIGNED,
           policies.can_handle, EventKind.CORRECTED, refused=_("该申请当前不需要补正。"),
           target_unassigned=S.RECEIVED),
    Action("consult", frozenset({S.ASSIGNED}), S.CONSULTING,
           policies.can_handle, EventKind.CONSULTATION_SENT),
    Action("consulted", frozenset({S.CONSULTING}), S.ASSIGNED,
           policies.can_handle, EventKind.CONSULTATION_ANSWERED,
           refused=_("没有正在进行的征求意见。")),
    Action("fee", frozenset({S.ASSIGNED}), S.FEE_PENDING,
           policies.can_handle, EventKind.FEE_NOTICE),
    Action("paid", frozenset({S.FEE_PENDING}), S.ASSIGNED,
           policies.can_handle, EventKind.FEE_PAID, refused=_("该申请没有待缴的费用。")),
    Action("request_extension", _WORKING, None,
           policies.can_handle, EventKind.EXTENSION_REQUESTED, refused=_("该申请当前不能延期。"),
           offered=lambda user, case: not case.extended
           and not selectors.extension_requested(case)),
    Action("extend", _EXTENDABLE, None,
           policies.can_approve_extension, EventKind.EXTENDED,
           denied=_("延期须经单位负责人同意。"), refused=_("该申请当前不能延期。"),
           offered=lambda user, case: not case.extended),
    Action("refuse_extension", _EXTENDABLE, None,
           policies.can_approve_extension, EventKind.EXTENSION_REFUSED,
           denied=_("延期须经单位负责人同意。"), refused=_("没有待同意的延期申请。"),
           offered=lambda user, case: selectors.extension_requested(case)),
    Action("attach", _WORKING, None,
           policies.can_handle, EventKind.REPLY_FILES_ADDED,
           refused=_("当前状态“%(a)s”不能上传答复附件。")),
    Action("remove_file", _WORKING, None,
           policies.can_handle, EventKind.REPLY_FILE_REMOVED,
           refused=_("当前状态“%(a)s”不能删除答复附件。")),
    Action("draft", frozenset({S.ASSIGNED, S.REPLY_DRAFTED}), S.REPLY_DRAFTED,
           policies.can_handle, EventKind.REPLY_DRAFTED),
    # Redrafting a reply the head approved but that is not sent yet needs approval again; the
    # case screen offers the head's return instead.
    Action("redraft", frozenset({S.APPROVED}), S.REPLY_DRAFTED,
           policies.can_handle, EventKind.REPLY_DRAFTED, on_screen=False),
    Action("legal", frozenset({S.REPLY_DRAFTED}), S.LEGAL_REVIEW,
           policies.can_handle, EventKind.LEGAL_REVIEW_REQUESTED,
           offered=lambda user, case: not selectors.legal_review_passed(case)),
    Action("legal_pass", frozenset({S.LEGAL_REVIEW}), S.REPLY_DRAFTED,
           policies.can_legal_review, EventKind.LEGAL_REVIEW_PASSED,
           denied=_("法律审核须由本单位审核人进行。"), refused=_("该申请不在法律审核环节。")),
    Action("legal_return", frozenset({S.LEGAL_REVIEW}), S.ASSIGNED,
           policies.can_legal_review, EventKind.LEGAL_REVIEW_RETURNED,
           denied=_("法律审核须由本单位审核人进行。"), refused=_("该申请不在法律审核环节。")),
    Action("approve", frozenset({S.REPLY_DRAFTED}), S.APPROVED,
           _can_approve_current_reply, EventKind.REPLY_APPROVED,
           denied=_("答复须由单位负责人审批，且不能由拟稿人本人审批。"),
           refused=_("没有待审批的答复。")),
    Action("return", frozenset({S.REPLY_DRAFTED, S.APPROVED}), S.ASSIGNED,
           policies.can_return_reply, EventKind.REPLY_RETURNED,
           denied=_("答复须由单位负责人退回。"), refused=_("没有可退回的答复。")),
    Action("replied", frozenset({S.APPROVED}), S.REPLIED,
           policies.can_handle, EventKind.REPLIED, refused=_("答复尚未审批。")),
    Action("transfer", frozenset(OPEN_STATUSES), S.RECEIVED,
           policies.can_transfer, EventKind.TRANSFERRED,
           denied=_("您不能转办该申请。"), refused=_("已办结的申请不能转办。"),
           offered=_transfer_offered),
    # Closed after the reply, or without one as 其他处理 (policies.closing_outcome).
    Action("close", frozenset({S.CORRECTION_REQUESTED, S.FEE_PENDING, S.REPLIED}), S.CLOSED,
           policies.can_handle, EventKind.CLOSED, refused=_("尚未答复的申请不能办结。")),
)  # fmt: skip
ACTIONS: dict[str, Action] = {action.name: action for action in _ACTIONS}


def available_actions(case: Application, user: User) -> dict[str, Action]:
    """The steps the user may take on the case now, as the case screen offers them: the status
    is one of the step's sources, the policy allows it and its further condition holds."""
    return {
        action.name: action
        for action in _ACTIONS
        if action.on_screen
        and case.status in action.sources
        and action.allowed(user, case)
        and (action.offered is None or action.offered(user, case))
    }
