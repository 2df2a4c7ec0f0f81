"""Steps of the reply (条例 第三十六至三十九条): drafting with its outcome, the files it
discloses, legal review, the head's approval or return, sending, and closing the case."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.applications import outcomes, policies
from gongkai.applications.models import (
    Application,
    Attachment,
    EventKind,
    Letter,
    LetterKind,
    Status,
)
from gongkai.applications.selectors import current_reply, reply_files
from gongkai.applications.services.events import log, saved_user
from gongkai.applications.services.letter_context import draft_letter
from gongkai.applications.services.numbers import letter_number
from gongkai.applications.services.transitions import locked, move, permit, require_state
from gongkai.applications.services.uploads import MAX_UPLOADS, store_uploads
from gongkai.applications.workflow import ACTIONS
from gongkai.checker.engine import check_text
from gongkai.checker.findings import Finding
from gongkai.core.types import User
from gongkai.workdays.calendar import DatabaseCalendar
from gongkai.workdays.deadlines import add_workdays

S = Status

# What the handler may add to a reply letter on the draft form (the placeholders some outcomes
# print and the case does not know: 重复申请's earlier reply, the body responsible…).
DRAFT_DETAILS = (
    "information",
    "access",
    "previous_reply",
    "other_agency",
    "other_agency_contact",
    "article",
)

# The decision a reply's text states, by the report group of its outcome (条例 第三十六条):
# phrases that contradict the outcome. "予以公开" is matched only where not part of "不予公开".
_CONTRADICTS = {
    "disclosed": (r"(?<!不)予以公开", r"不予公开", r"不予处理"),
    "partial": (r"不予处理",),
    "refused": (r"(?<![不可])予以公开", r"部分公开", r"不予处理"),
    "unavailable": (r"(?<!不)予以公开", r"部分公开", r"不予公开"),
    "not_processed": (r"(?<!不)予以公开", r"部分公开", r"不予公开"),
}
_PHRASES = {
    r"(?<!不)予以公开": "予以公开",
    r"(?<![不可])予以公开": "予以公开",
    r"不予公开": "不予公开",
    r"部分公开": "部分公开",
    r"不予处理": "不予处理",
}


def check_outcome_text(outcome: outcomes.Outcome, text: str) -> None:
    """Refuse a reply whose own words state another decision than its outcome (a 不予公开 reply
    whose reasons say 予以公开): the outcome is what the annual report counts and what the
    applicant may contest, so the letter must say the same (条例 第三十六条)."""
    family = outcome.code.split(".", 1)[0]
    for pattern in _CONTRADICTS.get(family, ()):
        if re.search(pattern, text):
            raise ValidationError(
                _("办理结果为“%(o)s”，但答复的依据和理由写有“%(p)s”：两者矛盾，请核对后重新拟稿。")
                % {"o": outcome.short, "p": _PHRASES[pattern]}
            )


def _void_reply_drafts(case: Application) -> int:
    """Every reply letter not yet sent is superseded (kept, marked 作废)."""
    return case.letters.filter(kind=LetterKind.REPLY, sent=False, voided=False).update(voided=True)


@transaction.atomic
def draft_reply(
    case: Application,
    *,
    actor: User,
    outcome_code: str,
    basis: str = "",
    on: dt.date | None = None,
    details: Mapping[str, str] | None = None,
) -> Letter:
    """答复拟稿 (or 重新拟稿): the outcome (exactly one row of the report) and its legal basis; the
    letter is drafted from the unit's template for that outcome. An earlier unsent draft is
    voided; the new one needs the legal review and the head's approval again."""
    case = locked(case)
    # Redrafting after approval needs approval again (workflow: "redraft").
    action = ACTIONS["redraft" if case.status == S.APPROVED else "draft"]
    permit(case, action, actor=actor)
    outcome = outcomes.BY_CODE.get(outcome_code)
    if outcome is None:
        raise ValidationError(_("请选择办理结果。"))
    check_outcome_text(outcome, basis)
    extra = {k: v.strip() for k, v in (details or {}).items() if k in DRAFT_DETAILS and v.strip()}
    case.outcome = outcome.code
    case.outcome_basis = basis.strip() or outcome.basis
    redraft = case.status in (S.REPLY_DRAFTED, S.APPROVED)
    _void_reply_drafts(case)
    move(case, action, actor=actor, on=on,
         note=(_("重新拟稿：") if redraft else _("拟答复："))
         + _("%(o)s（%(b)s）") % {"o": outcome.label, "b": case.outcome_basis},
         )  # fmt: skip
    return draft_letter(case, LetterKind.REPLY, actor=actor, issued_on=on, extra=extra)


@transaction.atomic
def attach_reply_files(
    case: Application, *, actor: User, uploads: Iterable[UploadedFile[bytes]]
) -> Application:
    """Attach the disclosed information to the reply (PDF, JPG, PNG, DOCX, as for the applicant's
    uploads): the letter names them and the applicant downloads them from the case page once the
    reply is sent. Only before the reply is drafted or while it can be redrafted."""
    case = locked(case)
    action = ACTIONS["attach"]
    permit(case, action, actor=actor)
    require_state(case, action)
    uploads = list(uploads)
    if not uploads:
        raise ValidationError(_("请选择要上传的文件。"))
    if reply_files(case).count() + len(uploads) > MAX_UPLOADS:
        raise ValidationError(_("答复附件最多 %(n)d 个。") % {"n": MAX_UPLOADS})
    store_uploads(case, uploads, from_applicant=False)
    names = "、".join(u.name or "" for u in uploads)
    log(case, EventKind.REPLY_FILES_ADDED, actor=actor, note=names)
    return case


@transaction.atomic
def remove_reply_file(
    case: Application, *, actor: User, attachment: Attachment | None
) -> Application:
    case = locked(case)
    action = ACTIONS["remove_file"]
    permit(case, action, actor=actor)
    require_state(case, action)
    found = None if attachment is None else reply_files(case).filter(pk=attachment.pk).first()
    if found is None:
        raise ValidationError(_("没有该答复附件。"))
    name = found.original_name
    found.file.delete(save=False)
    found.delete()
    log(case, EventKind.REPLY_FILE_REMOVED, actor=actor, note=name)
    return case


@transaction.atomic
def send_to_legal_review(case: Application, *, actor: User) -> Application:
    """法律审核: the unit's reviewers (审核人) see the case while it is with them (policies)."""
    case = locked(case)
    action = ACTIONS["legal"]
    permit(case, action, actor=actor)
    if current_reply(case) is None:
        raise ValidationError(_("没有待审核的答复。"))
    move(case, action, actor=actor, on=None)
    return case


@transaction.atomic
def legal_review(case: Application, *, actor: User, approve: bool, note: str) -> Application:
    case = locked(case)
    action = ACTIONS["legal_pass" if approve else "legal_return"]
    permit(case, action, actor=actor)
    require_state(case, action)
    if not note.strip():
        raise ValidationError(_("请填写审核意见。"))
    if not approve:
        # Returned: the draft is voided and the case goes back to the handler to redraft.
        _void_reply_drafts(case)
        case.outcome, case.outcome_basis = "", ""  # the voided draft's outcome no longer holds
    # Passed: back to the head for approval (reply_drafted).
    move(case, action, actor=actor, on=None, note=note.strip())
    return case


@transaction.atomic
def return_reply(case: Application, *, actor: User, note: str) -> Application:
    """The head returns the drafted (or approved, not yet sent) reply to the handler: the draft is
    voided and the handler redrafts."""
    case = locked(case)
    action = ACTIONS["return"]
    permit(case, action, actor=actor)
    require_state(case, action)
    if not note.strip():
        raise ValidationError(_("请写明退回理由。"))
    _void_reply_drafts(case)
    case.outcome, case.outcome_basis = "", ""  # the voided draft's outcome no longer holds
    move(case, action, actor=actor, on=None, note=note.strip())
    return case


def letter_findings(letter: Letter) -> list[Finding]:
    """The content checker (issue 4's) on a letter: classification markings, other people's
    personal data, wrong expressions… The applicant's own name is the addressee, not a finding."""
    text = "\n".join([letter.title, *letter.paragraphs])
    return [f for f in check_text(text, written_on=letter.issued_on) if f.severity == "block"]


@transaction.atomic
def approve_reply(
    case: Application, *, actor: User, note: str = "", override_reason: str = ""
) -> Application:
    """审批: the unit head approves the drafted reply — never its drafter — after the content
    checker: a blocking finding (a secret marking, a third party's ID number…) stops approval
    unless the head records why it may go (the reason is kept in the case's record)."""
    case = locked(case)
    action = ACTIONS["approve"]
    permit(case, action, actor=actor)
    letter = current_reply(case)
    if letter is None:
        raise ValidationError(action.refusal(case))
    require_state(case, action)
    blocking = letter_findings(letter)
    if blocking and not override_reason.strip():
        listed = "；".join(f"{f.message}（{f.excerpt}）" for f in blocking[:5])
        raise ValidationError(
            _("答复告知书未通过内容检查：%(f)s。请修改，或写明理由后审批。") % {"f": listed}
        )
    letter.approved_by = saved_user(actor)
    # The number is given now: drafts returned or superseded never used one up.
    letter.serial, letter.doc_number = letter_number(case, letter.issued_on)
    letter.save(update_fields=["approved_by", "serial", "doc_number"])
    text = note.strip()
    if blocking:
        text = f"{text}（内容检查发现 {len(blocking)} 处问题，审批理由：{override_reason.strip()}）"
    move(case, action, actor=actor, on=None, note=text)
    return case


@transaction.atomic
def mark_replied(
    case: Application, *, actor: User, on: dt.date | None = None, posted_on: dt.date | None = None
) -> Application:
    """答复: the approved letter goes out. By post the reply counts as made on the day posted
    (交邮之日), which is recorded."""
    case = locked(case)
    action = ACTIONS["replied"]
    permit(case, action, actor=actor)
    letter = current_reply(case)
    if letter is None or letter.approved_by_id is None:
        raise ValidationError(action.refusal(case))
    require_state(case, action)
    case.replied_on = posted_on or on or timezone.localdate()
    case.posted_on = posted_on
    letter.sent = True
    letter.save(update_fields=["sent"])
    note = (
        _("答复已邮寄，交邮日 %(d)s。") % {"d": posted_on} if posted_on else _("答复已送达申请人。")
    )
    move(case, action, actor=actor, on=case.replied_on, note=note)
    return case


def _require_payment_period_over(case: Application, on: dt.date) -> None:
    """Unpaid only after the 20 working days the applicant has to pay (DOMAIN §1.4)."""
    if case.fee_notice_on is None or case.status != S.FEE_PENDING:
        raise ValidationError(_("该申请没有待缴的费用。"))
    limit = add_workdays(DatabaseCalendar(), case.fee_notice_on, 20)
    if on <= limit:
        raise ValidationError(_("缴费期限（%(d)s）尚未届满。") % {"d": limit})


@transaction.atomic
def close(
    case: Application,
    *,
    actor: User,
    outcome_code: str = "",
    note: str = "",
    on: dt.date | None = None,
) -> Application:
    """办结. After a reply, with its outcome; or without a reply when the applicant did not correct
    in time (其他处理/1, 第三十条) or did not pay (其他处理/2)."""
    case = locked(case)
    action = ACTIONS["close"]
    permit(case, action, actor=actor)
    on = on or timezone.localdate()
    require_state(case, action)
    allowed = policies.closing_outcome(case)
    if allowed:
        # Closed without a reply: only as the one outcome its state allows (the staff page
        # offers that one; never, say, 予以公开 for a case nobody answered).
        outcome = outcomes.BY_CODE.get(outcome_code)
        if outcome is None or outcome.code != allowed:
            raise ValidationError(
                _("该申请当前只能按“%(o)s”办结。") % {"o": outcomes.BY_CODE[allowed].label}
            )
        if outcome.code == "other.no_correction" and (
            case.correction_due_on is None or on <= case.correction_due_on
        ):
            raise ValidationError(_("补正期限（%(d)s）尚未届满。") % {"d": case.correction_due_on})
        if outcome.code == "other.fee_unpaid":
            _require_payment_period_over(case, on)
        case.outcome, case.outcome_basis = outcome.code, outcome.basis
    case.closed_on = on
    move(case, action, actor=actor, on=on, note=note.strip())
    return case
