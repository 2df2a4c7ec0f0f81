"""Writes of the applications app: intake, every step of a case, deadlines, letters, reminders.

Every step checks permission (policies.py), runs in a transaction, moves the case along the
transitions below and leaves an ApplicationEvent. Views, the admin, the CLI and the import all
come through here.

States (DOMAIN.md §1; 条例 第三十至三十九条):

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

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.applications import outcomes, policies
from gongkai.applications.models import (
    OPEN_STATUSES,
    Application,
    ApplicationEvent,
    Attachment,
    Channel,
    Letter,
    LetterKind,
    LetterTemplate,
    Pause,
    Status,
)
from gongkai.core.sequences import sequence_next_value
from gongkai.core.uploads import check_upload

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from gongkai.organisations.models import Organisation

S = Status
TRANSITIONS: dict[str, set[str]] = {
    S.RECEIVED: {S.CORRECTION_REQUESTED, S.ASSIGNED, S.CLOSED},
    S.CORRECTION_REQUESTED: {S.ASSIGNED, S.CLOSED},
    S.ASSIGNED: {S.CORRECTION_REQUESTED, S.CONSULTING, S.FEE_PENDING, S.REPLY_DRAFTED, S.CLOSED},
    S.CONSULTING: {S.ASSIGNED},
    S.FEE_PENDING: {S.ASSIGNED, S.CLOSED},
    S.REPLY_DRAFTED: {S.LEGAL_REVIEW, S.APPROVED, S.ASSIGNED},
    S.LEGAL_REVIEW: {S.APPROVED, S.REPLY_DRAFTED, S.ASSIGNED},
    S.APPROVED: {S.REPLIED, S.REPLY_DRAFTED, S.ASSIGNED},
    S.REPLIED: {S.CLOSED},
    S.CLOSED: set(),
}

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


# --- Query codes and numbers -----------------------------------------------------------------------


def new_query_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _normal_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def code_digest(code: str) -> str:
    """HMAC of the code with the site's secret: 60 random bits need no slow hash, and a
    leaked table does not give the codes."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, _normal_code(code).encode(), hashlib.sha256).hexdigest()


def find_case(number: str, code: str) -> Application | None:
    """The case with this number whose query code matches; None otherwise (never says which)."""
    case = Application.objects.filter(number=number.strip()).first()
    digest = code_digest(code)
    if case is None:
        hmac.compare_digest(digest, digest)  # the same work either way
        return None
    return case if hmac.compare_digest(case.query_code_digest, digest) else None


def _allocate(case: Application) -> None:
    case.year = case.received_on.year
    case.serial = sequence_next_value(
        scope="application", key=str(case.organisation_id), year=case.year
    )
    case.number = f"{case.organisation.slug}-{case.year}-{case.serial:05d}"


# --- Events -----------------------------------------------------------------------------------------


def _actor_name(actor: Any) -> str:
    if actor is None or not getattr(actor, "pk", None):
        return ""
    return str(actor.get_full_name() or actor.get_username())


# Steps the applicant does not see on the case page (internal deliberation).
INTERNAL_EVENTS = {
    "reply_drafted",
    "legal_review_requested",
    "legal_review_passed",
    "legal_review_returned",
    "reply_returned",
    "reply_approved",
    "deadline_recomputed",
    "extension_requested",
    "extension_refused",
    "reply_files_added",
    "reply_file_removed",
}


def log(
    case: Application,
    kind: str,
    *,
    actor: Any = None,
    on: dt.date | None = None,
    note: str = "",
    from_status: str = "",
    public: bool | None = None,
) -> ApplicationEvent:
    return ApplicationEvent.objects.create(
        application=case,
        at=timezone.now(),
        on=on or timezone.localdate(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=_actor_name(actor),
        kind=kind,
        from_status=from_status,
        to_status=case.status,
        note=note,
        public=kind not in INTERNAL_EVENTS if public is None else public,
    )


def _move(
    case: Application, to: str, kind: str, *, actor: Any, on: dt.date | None, note: str = ""
) -> None:
    if to != case.status and to not in TRANSITIONS[case.status]:
        raise ValidationError(
            _("当前状态“%(a)s”不能进行此操作。") % {"a": case.get_status_display()}
        )
    before = case.status
    case.status = to
    recompute_deadlines(case, save=False)
    case.save()
    log(case, kind, actor=actor, on=on, note=note, from_status=before)


def _locked(case: Application) -> Application:
    return Application.objects.select_for_update().select_related("organisation").get(pk=case.pk)


# --- Deadlines --------------------------------------------------------------------------------------


def clock_for(case: Application, *, today: dt.date | None = None) -> Any:
    from gongkai.workdays.deadlines import CaseClock
    from gongkai.workdays.deadlines import Pause as ClockPause

    pauses = (
        tuple(ClockPause(kind=p.kind, start=p.start, end=p.end) for p in case.pauses.all())
        if case.pk
        else ()
    )
    return CaseClock(
        received=case.received_on,
        correction_requested=case.correction_requested_on,
        corrected=case.corrected_on,
        pauses=pauses,
        extended=case.extended,
        correction_period=int(settings.GONGKAI.get("CORRECTION_PERIOD_WORKDAYS", 15)),
        today=today or timezone.localdate(),
    )


def compute_deadlines(case: Application, calendar: Any = None) -> Any:
    from gongkai.workdays.calendar import DatabaseCalendar
    from gongkai.workdays.deadlines import compute

    return compute(clock_for(case), calendar or DatabaseCalendar())


def recompute_deadlines(case: Application, *, save: bool = True, calendar: Any = None) -> bool:
    """Store the case's deadlines as the engine computes them now. Returns whether they
    changed."""
    result = compute_deadlines(case, calendar)
    before = (case.due_on, case.extended_due_on, case.correction_due_on, case.current_due_on)
    case.due_on = result.due
    case.extended_due_on = result.extended_due
    # Once the correction has arrived its deadline is spent: no screen shows it any longer.
    case.correction_due_on = None if case.corrected_on else result.correction_answer_due
    case.current_due_on = result.due  # the engine's deadline in force (extended once extended)
    case.deadline_provisional = result.provisional
    case.deadline_derivation = list(result.derivation)
    after = (case.due_on, case.extended_due_on, case.correction_due_on, case.current_due_on)
    if save:
        case.save(
            update_fields=[
                "due_on",
                "extended_due_on",
                "correction_due_on",
                "current_due_on",
                "deadline_provisional",
                "deadline_derivation",
            ]
        )
    return before != after


def recompute_open_cases(reason: str) -> int:
    """After a change of the working-day calendar: recompute every open case and note the change
    on each case whose deadline moved (DOMAIN.md §1.2)."""
    from gongkai.workdays.calendar import DatabaseCalendar

    calendar = DatabaseCalendar()
    changed = 0
    for case in Application.objects.filter(status__in=OPEN_STATUSES).prefetch_related("pauses"):
        old = case.current_due_on
        with transaction.atomic():
            if recompute_deadlines(case, calendar=calendar):
                changed += 1
                log(
                    case,
                    "deadline_recomputed",
                    note=_("工作日历变更（%(r)s）：期限由 %(a)s 改为 %(b)s。")
                    % {"r": reason, "a": old or "—", "b": case.current_due_on or "—"},
                    public=False,
                )
    return changed


# --- Intake -----------------------------------------------------------------------------------------

ALLOWED_UPLOADS = {
    "application/pdf": (b"%PDF",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
}
EXTENSIONS = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
              ".png": "image/png",
              ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}  # fmt: skip
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UPLOADS = 5


def validate_upload(upload: UploadedFile) -> str:
    """The file's content type, judged from its first bytes, not from what the browser said;
    refuses other types, too-large files and names that do not match the content."""
    from pathlib import PurePath

    name = upload.name or ""
    ext = PurePath(name.lower()).suffix
    if ext not in EXTENSIONS:
        raise ValidationError(
            _("附件“%(n)s”类型不支持：只接受 PDF、JPG、PNG、DOCX。") % {"n": name}
        )
    if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("附件“%(n)s”超过 10 MB。") % {"n": name})
    head = upload.read(16)
    upload.seek(0)
    content_type = EXTENSIONS[ext]
    if not any(head.startswith(magic) for magic in ALLOWED_UPLOADS[content_type]):
        raise ValidationError(_("附件“%(n)s”的内容与其类型不符。") % {"n": name})
    # The whole structure, not only the first bytes: a "PDF" carrying an HTML page, an image
    # Pillow cannot open, a DOCX without its document or inflating to hundreds of MB
    # (GB/T 22239-2019 8.1.4.5 恶意代码防范; see gongkai/core/uploads.py).
    check_upload(upload, name=name)
    return content_type


@dataclass
class Submitted:
    case: Application
    code: str
    created: bool


def _store_uploads(
    case: Application, uploads: Iterable[UploadedFile], *, from_applicant: bool
) -> None:
    uploads = list(uploads)
    if len(uploads) > MAX_UPLOADS:
        raise ValidationError(_("附件最多 %(n)d 个。") % {"n": MAX_UPLOADS})
    for upload in uploads:
        content_type = validate_upload(upload)
        Attachment.objects.create(
            application=case,
            file=upload,
            original_name=(upload.name or "")[:255],
            content_type=content_type,
            size=upload.size or 0,
            from_applicant=from_applicant,
        )


class _AlreadySubmitted(Exception):
    def __init__(self, case: Application) -> None:
        self.case = case


def _new_case(unit: Organisation, fields: dict[str, Any]) -> tuple[Application, str]:
    code = new_query_code()
    case = Application(organisation=unit, query_code_digest=code_digest(code), **fields)
    _allocate(case)
    # The unit's counter row is locked now: a second POST of the same form, sent at the same
    # moment, waited here until the first committed, and finds it.
    token = fields.get("submission_token")
    if token:
        existing = Application.objects.filter(submission_token=token).first()
        if existing is not None:
            raise _AlreadySubmitted(existing)
    recompute_deadlines(case, save=False)
    case.full_clean(exclude=["query_code_digest", "submission_token"])
    case.save()
    return case, code


@transaction.atomic
def submit_online(
    unit: Organisation,
    fields: dict[str, Any],
    uploads: Iterable[UploadedFile] = (),
    *,
    token: str | None = None,
) -> Submitted:
    """An application filed on the website. Received the day it is submitted (the system confirms
    at once; 第三十一条第（三）项); a non-working day moves to the next working day in the
    deadline engine, not here."""
    if token:
        existing = Application.objects.filter(submission_token=token).first()
        if existing is not None:
            return Submitted(existing, "", False)
    now = timezone.now()
    fields = {
        **fields,
        "channel": Channel.ONLINE,
        "submitted_at": now,
        "received_on": timezone.localdate(now),
        "submission_token": token or None,
    }
    try:
        with transaction.atomic():  # a savepoint: a duplicate gives its number back
            case, code = _new_case(unit, fields)
    except _AlreadySubmitted as duplicate:
        return Submitted(duplicate.case, "", False)
    _store_uploads(case, uploads, from_applicant=True)
    log(case, "received", note=_("网上提交，系统即时确认收到。"))
    if case.email:
        _mail_receipt_after_commit(case.pk)
    if token:
        # The receipt for whichever of two simultaneous POSTs the browser shows last. Stored
        # before the commit: a second POST sees the case only after it, and so finds this.
        _receipts().set(_pending_key(token), {"id": case.pk, "code": code}, RECEIPT_SECONDS)
    return Submitted(case, code, True)


def _mail_receipt_after_commit(case_id: int) -> None:
    """The e-mail receipt (no query code) goes out once the case is committed."""
    from gongkai.applications.tasks import send_receipt_email

    transaction.on_commit(lambda: send_receipt_email.enqueue(case_id))


# --- The receipt, shown once ---------------------------------------------------------------------
# The number and query code are a credential (GB/T 22239-2019 8.1.4.8 数据保密性): the view keeps
# them in the submitting browser's session and shows them once. The only other copy is this
# hand-off for a double submission, keyed by the form's one-time token (which only the browser
# that loaded the form knows, and which no URL carries), taken at most once.
RECEIPT_SECONDS = 600


def _receipts() -> Any:
    from django.core.cache import cache

    return cache


def _pending_key(token: str) -> str:
    return f"gongkai:receipt:{hashlib.sha256(token.encode()).hexdigest()}"


def take_pending_receipt(*, token: str) -> dict[str, Any] | None:
    """The receipt a first POST of this form left for a second one, removed as it is taken;
    None once taken or shown, or for any other token."""
    if not token:
        return None
    key = _pending_key(token)
    data = _receipts().get(key)
    _receipts().delete(key)
    return data if isinstance(data, dict) else None


def mark_receipt_shown(*, case_id: int, token: str = "") -> bool:
    """Record that the receipt of ``case_id`` is being shown; False if it was shown before (by
    any browser). The pending copy for a double submission goes with it."""
    if token:
        _receipts().delete(_pending_key(token))
    return bool(_receipts().add(f"gongkai:receipt-shown:{case_id}", 1, 24 * 3600))


# 《政府信息公开条例》 took effect on 2008-05-01 (国务院令第492号, 第三十八条 of that text): no
# application is received before it (and a year 1 would make a case of the annual report of 1).
FIRST_RECEIPT_DAY = dt.date(2008, 5, 1)


@transaction.atomic
def register(
    unit: Organisation,
    fields: dict[str, Any],
    *,
    actor: Any,
    channel: str,
    received_on: dt.date,
    uploads: Iterable[UploadedFile] = (),
) -> Submitted:
    """An application received in person, by letter, fax or e-mail, registered by staff with the
    date of receipt of 第三十一条: the day submitted in person; the day signed for (registered
    mail); the day confirmed (ordinary letter, fax, e-mail)."""
    if not policies.can_register(actor, unit):
        raise PermissionDenied(_("您不能为该单位登记申请。"))
    if channel == Channel.ONLINE:
        raise ValidationError(_("网上申请由申请人在网站提交。"))
    if received_on > timezone.localdate():
        raise ValidationError(_("收到申请之日不能晚于今天。"))
    if received_on < FIRST_RECEIPT_DAY:
        raise ValidationError(_("收到申请之日不能早于2008年5月1日（条例施行之日）。"))
    fields = {
        **fields,
        "channel": channel,
        "submitted_at": timezone.now(),
        "received_on": received_on,
        "registered_by": actor,
    }
    case, code = _new_case(unit, fields)
    _store_uploads(case, uploads, from_applicant=True)
    rule = {
        Channel.IN_PERSON: _("当面提交，以提交之日为收到申请之日。"),
        Channel.REGISTERED_MAIL: _("挂号信/特快专递，以签收之日为收到申请之日。"),
        Channel.ORDINARY_MAIL: _("平常信函，以确认之日为收到申请之日。"),
        Channel.FAX: _("传真，以双方确认之日为收到申请之日。"),
        Channel.EMAIL: _("电子邮件，以双方确认之日为收到申请之日。"),
    }[Channel(channel)]
    log(case, "received", actor=actor, on=received_on, note=rule)
    return Submitted(case, code, True)


# --- Steps ----------------------------------------------------------------------------------------


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


@transaction.atomic
def assign(case: Application, *, actor: Any, handler: Any) -> Application:
    """分配承办人: one of policies.assignable_handlers (None or anyone else is refused)."""
    case = _locked(case)
    _require(policies.can_handle(actor, case), _("您不能办理该申请。"))
    # Exactly the people the staff page offers (GB/T 22239-2019 8.1.4.2: the server decides).
    if handler is None or not policies.assignable_handlers(case).filter(pk=handler.pk).exists():
        raise ValidationError(_("承办人须为本单位依申请公开经办人员。"))
    case.handler = handler
    _move(case, S.ASSIGNED, "assigned", actor=actor, on=None,
          note=_("承办人：%(h)s") % {"h": _actor_name(handler)})  # fmt: skip
    return case


@transaction.atomic
def request_correction(
    case: Application, *, actor: Any, request_text: str, on: dt.date | None = None
) -> Application:
    """补正 (第三十条): once, in writing, within 7 working days of receipt; the clock stops."""
    case = _locked(case)
    _require(policies.can_handle(actor, case), _("您不能办理该申请。"))
    if case.correction_requested_on is not None:
        raise ValidationError(_("补正只能要求一次（条例第三十条）。"))
    if not request_text.strip():
        raise ValidationError(_("请写明需要补正的事项和合理的补正期限。"))
    on = on or timezone.localdate()
    limit = compute_deadlines(case).correction_request_due
    if on > limit:
        raise ValidationError(
            _("补正须在收到申请之日起7个工作日内一次性书面告知（条例第三十条），期限为 %(d)s。")
            % {"d": limit}
        )
    case.correction_requested_on = on
    case.correction_request = request_text.strip()
    _move(case, S.CORRECTION_REQUESTED, "correction_requested", actor=actor, on=on,
          note=request_text.strip())  # fmt: skip
    draft_letter(case, LetterKind.CORRECTION, actor=actor, issued_on=on)
    return case


@transaction.atomic
def receive_correction(
    case: Application,
    *,
    text: str,
    uploads: Iterable[UploadedFile] = (),
    actor: Any = None,
    on: dt.date | None = None,
) -> Application:
    """The applicant's correction arrives (online: today); a new 20-working-day period starts."""
    case = _locked(case)
    if actor is not None:
        _require(policies.can_handle(actor, case), _("您不能办理该申请。"))
    if case.status != S.CORRECTION_REQUESTED:
        raise ValidationError(_("该申请当前不需要补正。"))
    if not text.strip():
        raise ValidationError(_("请填写补正内容。"))
    case.corrected_on = on or timezone.localdate()
    case.correction_text = text.strip()
    _store_uploads(case, uploads, from_applicant=True)
    target = S.ASSIGNED if case.handler_id else S.RECEIVED
    if target == S.RECEIVED:
        before = case.status
        case.status = S.RECEIVED
        recompute_deadlines(case, save=False)
        case.save()
        log(case, "corrected", actor=actor, on=case.corrected_on, from_status=before,
            note=_("已收到补正，答复期限自收到补正之日起重新计算。"))  # fmt: skip
    else:
        _move(case, target, "corrected", actor=actor, on=case.corrected_on,
              note=_("已收到补正，答复期限自收到补正之日起重新计算。"))  # fmt: skip
    return case


@transaction.atomic
def start_consultation(
    case: Application,
    *,
    actor: Any,
    kind: str,
    party: str,
    reason: str = "",
    on: dt.date | None = None,
) -> Application:
    """征求意见 (第三十二条 third party; 第三十四条 other agency): the time is not counted. A third
    party is told in writing what of its interests the information touches (``reason``)."""
    case = _locked(case)
    _require(policies.can_handle(actor, case), _("您不能办理该申请。"))
    if kind not in (Pause.Kind.THIRD_PARTY, Pause.Kind.AGENCY):
        raise ValidationError(_("征求意见的类型不正确。"))
    if not party.strip():
        raise ValidationError(_("请填写征求意见的对象。"))
    if kind == Pause.Kind.THIRD_PARTY and not reason.strip():
        raise ValidationError(
            _("请写明征求意见的事由（该信息涉及第三方的哪些合法权益，条例第三十二条）。")
        )
    on = on or timezone.localdate()
    Pause.objects.create(application=case, kind=kind, start=on, party=party.strip())
    _move(case, S.CONSULTING, "consultation_sent", actor=actor, on=on,
          note=_("征求%(p)s的意见，所需时间不计算在答复期限内。") % {"p": party.strip()})  # fmt: skip
    if kind == Pause.Kind.THIRD_PARTY:
        draft_letter(
            case,
            LetterKind.THIRD_PARTY,
            actor=actor,
            issued_on=on,
            recipient=party.strip(),
            extra={"consultation_reason": reason.strip(), "basis": reason.strip()},
        )
    return case


@transaction.atomic
def end_consultation(
    case: Application, *, actor: Any, note: str = "", on: dt.date | None = None
) -> Application:
    case = _locked(case)
    _require(policies.can_handle(actor, case), _("您不能办理该申请。"))
    pause = case.pauses.filter(end__isnull=True).exclude(kind=Pause.Kind.FEE).first()
    if pause is None:
        raise ValidationError(_("没有正在进行的征求意见。"))
    pause.end = on or timezone.localdate()
    pause.save(update_fields=["end"])
    _move(case, S.ASSIGNED, "consultation_answered", actor=actor, on=pause.end,
          note=note or _("征求意见已回复（或已逾期视为同意）。"))  # fmt: skip
    return case


def _check_extendable(case: Application, on: dt.date) -> None:
    if case.extended:
        raise ValidationError(_("延长答复期限只能一次（条例第三十三条）。"))
    if not case.is_open or case.status in (S.RECEIVED, S.CORRECTION_REQUESTED):
        raise ValidationError(_("该申请当前不能延期。"))
    if case.current_due_on is not None and on > case.current_due_on:
        raise ValidationError(_("答复期限已过，不能再延期。"))


def extension_requested(case: Application) -> bool:
    """A handler asked for an extension and the head has not decided yet."""
    return bool(case.extension_reason) and not case.extended


@transaction.atomic
def request_extension(
    case: Application, *, actor: Any, reason: str, on: dt.date | None = None
) -> Application:
    """The handler asks the head to extend (条例 第三十三条第二款: 需要延长答复期限的，应当经政府信息
    公开工作机构负责人同意): the reason is kept for the head's decision and for the notice."""
    case = _locked(case)
    _require(policies.can_handle(actor, case), _("您不能办理该申请。"))
    on = on or timezone.localdate()
    _check_extendable(case, on)
    if extension_requested(case):
        raise ValidationError(_("已申请延期，等待负责人同意。"))
    if not reason.strip():
        raise ValidationError(_("请写明延期理由。"))
    case.extension_reason = reason.strip()
    case.save(update_fields=["extension_reason"])
    log(case, "extension_requested", actor=actor, on=on, note=reason.strip())
    return case


@transaction.atomic
def refuse_extension(case: Application, *, actor: Any, note: str) -> Application:
    """The head does not agree to the requested extension; the handler may ask again."""
    case = _locked(case)
    _require(policies.can_approve_extension(actor, case), _("延期须经单位负责人同意。"))
    if not extension_requested(case):
        raise ValidationError(_("没有待同意的延期申请。"))
    if not note.strip():
        raise ValidationError(_("请写明不同意延期的理由。"))
    case.extension_reason = ""
    case.save(update_fields=["extension_reason"])
    log(case, "extension_refused", actor=actor, note=note.strip())
    return case


@transaction.atomic
def extend(
    case: Application, *, actor: Any, reason: str = "", on: dt.date | None = None
) -> Application:
    """延期 (第三十三条第二款): once, at most 20 working days, approved by the head of the disclosure
    office, the applicant told in writing (the notice gives the reason). The reason is the
    head's own or, left blank, the one the handler gave when requesting it."""
    case = _locked(case)
    _require(policies.can_approve_extension(actor, case), _("延期须经单位负责人同意。"))
    on = on or timezone.localdate()
    _check_extendable(case, on)
    reason = reason.strip() or case.extension_reason
    if not reason.strip():
        raise ValidationError(_("请写明延期理由。"))
    case.extended = True
    case.extension_reason = reason.strip()
    recompute_deadlines(case, save=False)
    case.save()
    log(case, "extended", actor=actor, on=on,
        note=_("延长答复期限至 %(d)s。理由：%(r)s") % {"d": case.current_due_on, "r": reason.strip()})  # fmt: skip
    draft_letter(case, LetterKind.EXTENSION, actor=actor, issued_on=on)
    return case


# The most pages a fee is computed for: 40元 a page above 200 stays within the amount's 10 digits.
MAX_FEE_PAGES = 1_000_000


@transaction.atomic
def notify_fee(
    case: Application,
    *,
    actor: Any,
    method: str = "case",
    pages: int | None = None,
    on: dt.date | None = None,
) -> Application:
    """收费通知 (第四十二条; 国办函〔2020〕109号): the fee per case (the applicant's count in the month)
    or per volume (pages) — never both; until payment the time is not counted."""
    from decimal import Decimal

    from gongkai.applications import fees

    case = _locked(case)
    _require(policies.can_handle(actor, case), _("您不能办理该申请。"))
    if method == "case":
        nth = fees.nth_in_month(case)
        amount = fees.per_case_fee(nth)
        detail = _("按件计收：申请人本月第%(n)d件申请") % {"n": nth}
    elif method == "volume":
        if not pages or pages <= 0:
            raise ValidationError(_("按量计收须填写页数。"))
        if pages > MAX_FEE_PAGES:
            raise ValidationError(_("页数不能超过 %(n)d。") % {"n": MAX_FEE_PAGES})
        amount = fees.per_volume_fee(pages)
        detail = _("按量计收：共%(p)d页") % {"p": pages}
    else:
        raise ValidationError(_("请选择按件或按量计收。"))
    if amount <= 0:
        raise ValidationError(
            _("%(d)s，未超出免费范围，不收取信息处理费（国办函〔2020〕109号）。") % {"d": detail}
        )
    on = on or timezone.localdate()
    case.fee_amount, case.fee_notice_on = Decimal(amount), on
    Pause.objects.create(application=case, kind=Pause.Kind.FEE, start=on, party="")
    _move(case, S.FEE_PENDING, "fee_notice", actor=actor, on=on,
          note=_("%(d)s，信息处理费 %(a)s 元，申请人应在收到通知之日起20个工作日内缴纳。")
          % {"d": detail, "a": amount})  # fmt: skip
    draft_letter(case, LetterKind.FEE, actor=actor, issued_on=on, extra={"fee_detail": detail})
    return case


@transaction.atomic
def record_payment(case: Application, *, actor: Any, on: dt.date | None = None) -> Application:
    case = _locked(case)
    _require(policies.can_handle(actor, case), _("您不能办理该申请。"))
    pause = case.pauses.filter(end__isnull=True, kind=Pause.Kind.FEE).first()
    if case.status != S.FEE_PENDING or pause is None:
        raise ValidationError(_("该申请没有待缴的费用。"))
    case.fee_paid_on = pause.end = on or timezone.localdate()
    pause.save(update_fields=["end"])
    _move(case, S.ASSIGNED, "fee_paid", actor=actor, on=case.fee_paid_on)
    return case


@transaction.atomic
def transfer(
    case: Application, *, actor: Any, to_unit: Organisation | None, reason: str
) -> Application:
    """A case filed with the wrong unit goes to the right one (its number stays; the new unit's
    staff see it from now on)."""
    case = _locked(case)
    _require(policies.can_transfer(actor, case), _("您不能转办该申请。"))
    if to_unit is None or to_unit.pk == case.organisation_id:
        raise ValidationError(_("请选择另一个单位。"))
    # Exactly the units the staff page offers (GB/T 22239-2019 8.1.4.2: the server decides).
    if not policies.transfer_targets(actor, case).filter(pk=to_unit.pk).exists():
        raise ValidationError(_("只能转办至您所监督的其他单位，请从列表中选择。"))
    if not case.is_open:
        raise ValidationError(_("已办结的申请不能转办。"))
    if not reason.strip():
        raise ValidationError(_("请写明转办理由。"))
    old = case.organisation
    case.organisation, case.handler = to_unit, None
    before = case.status
    case.status = S.RECEIVED
    case.save()
    log(case, "transferred", actor=actor, from_status=before,
        note=_("由%(a)s转至%(b)s办理：%(r)s") % {"a": old.name, "b": to_unit.name, "r": reason.strip()})  # fmt: skip
    return case


def _letter_number(case: Application, issued_on: dt.date) -> tuple[int, str]:
    serial = sequence_next_value(scope="letter", key=str(case.organisation_id), year=issued_on.year)
    short = case.organisation.display_short_name
    return serial, f"{short}依申〔{issued_on.year}〕{serial}号"


def reply_files(case: Application) -> Any:
    """The files staff attach to the reply: the disclosed information itself (not the
    applicant's uploads), downloadable by the applicant once the reply is sent."""
    return case.attachments.filter(from_applicant=False).order_by("uploaded_at", "pk")


def _access(case: Application) -> str:
    """How the applicant gets the information (获取方式): honest about what is attached."""
    names = "、".join(f"“{a.original_name}”" for a in reply_files(case))
    if names and case.delivery_way == "online":
        return _(
            "本机关将该政府信息（%(n)s）作为本告知书的附件提供，您可凭受理编号和查询码登录本网站"
            "“依申请公开”栏目查看办理进度并下载。"
        ) % {"n": names}
    if names:
        return _("本机关现将该政府信息（%(n)s）随本告知书一并提供给您。") % {"n": names}
    return _("本机关将按您选择的获取方式（%(w)s）向您提供该政府信息。") % {
        "w": case.get_delivery_way_display()
    }


def letter_context(
    case: Application, kind: str = LetterKind.REPLY, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """What a letter template may say (gongkai/letters/templates.py PLACEHOLDERS)."""
    from gongkai.workdays.calendar import DatabaseCalendar
    from gongkai.workdays.deadlines import add_workdays

    outcome = case.outcome_info
    unit = case.organisation
    deadline: dt.date | None = None
    if kind == LetterKind.CORRECTION:
        deadline = case.correction_due_on
    elif kind == LetterKind.EXTENSION:
        deadline = case.current_due_on
    elif kind == LetterKind.FEE and case.fee_notice_on:
        deadline = add_workdays(DatabaseCalendar(), case.fee_notice_on, 20)  # DOMAIN §1.4
    elif kind == LetterKind.THIRD_PARTY:
        deadline = add_workdays(DatabaseCalendar(), timezone.localdate(), 15)  # 第三十二条
    elif kind == LetterKind.REPLY and case.outcome == "other.no_correction":
        deadline = case.correction_due_on or compute_deadlines(case).correction_answer_due
    elif kind == LetterKind.REPLY and case.outcome == "other.fee_unpaid" and case.fee_notice_on:
        deadline = add_workdays(DatabaseCalendar(), case.fee_notice_on, 20)
    basis = case.outcome_basis or (outcome.basis if outcome else "")
    if kind == LetterKind.EXTENSION:
        # The notice gives the reason for the extension, never the (still empty) reply basis: a
        # unit's older copy of the template that prints {{ basis }} prints the reason too.
        basis = case.extension_reason
    elif kind != LetterKind.REPLY:
        basis = ""
    context: dict[str, Any] = {
        "applicant": case.applicant_name,
        "reference": case.number,
        "received_on": case.received_on,
        "description": case.description,
        "information": case.description,
        "access": _access(case),
        "basis": basis,
        "article": outcome.basis if outcome else "",
        "deadline": deadline,
        "fee": f"{case.fee_amount}" if case.fee_amount is not None else "",
        "fee_detail": "",
        "payment": "",
        "unit": unit.name,
        "office_phone": getattr(unit, "office_phone", "") or "",
        "reconsideration_body": _reconsideration_body(unit),
        "court": _("有管辖权的人民法院"),
        "other_agency": "",
        "other_agency_contact": "",
        "correction_items": case.correction_request,
        "notice_sent_on": case.correction_requested_on or case.fee_notice_on,
        "previous_reply": "",
        "extension_reason": case.extension_reason,
        "consultation_reason": "",
    }
    context.update(extra or {})
    return context


def _reconsideration_body(unit: Organisation) -> str:
    parent = unit.get_parent()
    if parent is None:
        return _("上一级人民政府")
    return str(parent.name)


def template_text(case: Application, code: str) -> str:
    from gongkai.letters.templates import default_template

    unit = case.organisation
    ancestors = [unit, *unit.get_ancestors().reverse()]
    for org in ancestors:
        found = LetterTemplate.objects.filter(organisation=org, code=code).first()
        if found is not None:
            return found.text
    city = LetterTemplate.objects.filter(organisation__isnull=True, code=code).first()
    return city.text if city is not None else default_template(code)


NOTICE_TEMPLATES = {
    LetterKind.CORRECTION: "notice.correction",
    LetterKind.EXTENSION: "notice.extension",
    LetterKind.THIRD_PARTY: "notice.third_party",
    LetterKind.FEE: "notice.fee",
}


def letter_template_code(kind: str, outcome_code: str = "") -> str:
    """The template of a letter: a notice by its kind, a reply by its outcome."""
    if kind == LetterKind.REPLY:
        return outcome_code
    return NOTICE_TEMPLATES[LetterKind(kind)]


def draft_letter(
    case: Application,
    kind: str,
    *,
    actor: Any,
    issued_on: dt.date | None = None,
    extra: dict[str, Any] | None = None,
    recipient: str = "",
) -> Letter:
    """A letter from the unit's template, every placeholder filled (or refused in Chinese,
    naming what is missing). A notice is numbered and issued at once; a reply is numbered when
    approved (approve_reply)."""
    from gongkai.letters.templates import LetterTemplateError, fill_complete

    issued_on = issued_on or timezone.localdate()
    code = letter_template_code(kind, case.outcome)
    try:
        title, paragraphs = fill_complete(
            template_text(case, code), letter_context(case, kind, extra)
        )
    except LetterTemplateError as problem:
        raise ValidationError(str(problem)) from None
    serial: int | None = None
    number = ""
    if kind != LetterKind.REPLY:
        serial, number = _letter_number(case, issued_on)
    return Letter.objects.create(
        application=case,
        kind=kind,
        template_code=code,
        serial=serial,
        doc_number=number,
        recipient=recipient or case.applicant_name,
        title=title,
        paragraphs=paragraphs,
        issued_on=issued_on,
        drafted_by=actor if getattr(actor, "pk", None) else None,
        approved_by=actor if kind != LetterKind.REPLY and getattr(actor, "pk", None) else None,
        sent=kind != LetterKind.REPLY,
    )


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
    import re

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
    actor: Any,
    outcome_code: str,
    basis: str = "",
    on: dt.date | None = None,
    details: dict[str, str] | None = None,
) -> Letter:
    """答复拟稿 (or 重新拟稿): the outcome (exactly one row of the report) and its legal basis; the
    letter is drafted from the unit's template for that outcome. An earlier unsent draft is
    voided; the new one needs the legal review and the head's approval again."""
    case = _locked(case)
    _require(policies.can_handle(actor, case), _("您不能办理该申请。"))
    outcome = outcomes.BY_CODE.get(outcome_code)
    if outcome is None:
        raise ValidationError(_("请选择办理结果。"))
    check_outcome_text(outcome, basis)
    extra = {k: v.strip() for k, v in (details or {}).items() if k in DRAFT_DETAILS and v.strip()}
    case.outcome = outcome.code
    case.outcome_basis = basis.strip() or outcome.basis
    if case.status == S.APPROVED:
        case.status = S.REPLY_DRAFTED  # redrafting after approval needs approval again
    redraft = case.status == S.REPLY_DRAFTED
    _void_reply_drafts(case)
    _move(case, S.REPLY_DRAFTED, "reply_drafted", actor=actor, on=on,
          note=(_("重新拟稿：") if redraft else _("拟答复："))
          + _("%(o)s（%(b)s）") % {"o": outcome.label, "b": case.outcome_basis},
          )  # fmt: skip
    return draft_letter(case, LetterKind.REPLY, actor=actor, issued_on=on, extra=extra)


def current_reply(case: Application) -> Letter | None:
    """The reply letter in force: the latest one not voided."""
    return (
        case.letters.filter(kind=LetterKind.REPLY, voided=False)
        .order_by("-created_at", "-pk")
        .first()
    )


def legal_review_passed(case: Application) -> bool:
    """Whether the current draft has passed the legal review (the last review event after the
    last drafting is a pass)."""
    last = (
        case.events.filter(kind__in=["reply_drafted", "legal_review_passed"])
        .order_by("-at", "-pk")
        .first()
    )
    return last is not None and last.kind == "legal_review_passed"


@transaction.atomic
def attach_reply_files(
    case: Application, *, actor: Any, uploads: Iterable[UploadedFile]
) -> Application:
    """Attach the disclosed information to the reply (PDF, JPG, PNG, DOCX, as for the applicant's
    uploads): the letter names them and the applicant downloads them from the case page once the
    reply is sent. Only before the reply is drafted or while it can be redrafted."""
    case = _locked(case)
    _require(policies.can_handle(actor, case), _("您不能办理该申请。"))
    if case.status not in (S.ASSIGNED, S.CONSULTING, S.FEE_PENDING, S.REPLY_DRAFTED):
        raise ValidationError(
            _("当前状态“%(a)s”不能上传答复附件。") % {"a": case.get_status_display()}
        )
    uploads = list(uploads)
    if not uploads:
        raise ValidationError(_("请选择要上传的文件。"))
    if reply_files(case).count() + len(uploads) > MAX_UPLOADS:
        raise ValidationError(_("答复附件最多 %(n)d 个。") % {"n": MAX_UPLOADS})
    _store_uploads(case, uploads, from_applicant=False)
    names = "、".join(u.name or "" for u in uploads)
    log(case, "reply_files_added", actor=actor, note=names)
    return case


@transaction.atomic
def remove_reply_file(case: Application, *, actor: Any, attachment: Any) -> Application:
    case = _locked(case)
    _require(policies.can_handle(actor, case), _("您不能办理该申请。"))
    if case.status not in (S.ASSIGNED, S.CONSULTING, S.FEE_PENDING, S.REPLY_DRAFTED):
        raise ValidationError(
            _("当前状态“%(a)s”不能删除答复附件。") % {"a": case.get_status_display()}
        )
    found = reply_files(case).filter(pk=getattr(attachment, "pk", None)).first()
    if found is None:
        raise ValidationError(_("没有该答复附件。"))
    name = found.original_name
    found.file.delete(save=False)
    found.delete()
    log(case, "reply_file_removed", actor=actor, note=name)
    return case


@transaction.atomic
def send_to_legal_review(case: Application, *, actor: Any) -> Application:
    """法律审核: the unit's reviewers (审核人) see the case while it is with them (policies)."""
    case = _locked(case)
    _require(policies.can_handle(actor, case), _("您不能办理该申请。"))
    if current_reply(case) is None:
        raise ValidationError(_("没有待审核的答复。"))
    _move(case, S.LEGAL_REVIEW, "legal_review_requested", actor=actor, on=None)
    return case


@transaction.atomic
def legal_review(case: Application, *, actor: Any, approve: bool, note: str) -> Application:
    case = _locked(case)
    _require(policies.can_legal_review(actor, case), _("法律审核须由本单位审核人进行。"))
    if case.status != S.LEGAL_REVIEW:
        raise ValidationError(_("该申请不在法律审核环节。"))
    if not note.strip():
        raise ValidationError(_("请填写审核意见。"))
    if approve:
        case.status = S.REPLY_DRAFTED  # back to the head for approval
        case.save(update_fields=["status"])
        log(case, "legal_review_passed", actor=actor, from_status=S.LEGAL_REVIEW, note=note.strip())
    else:
        # Returned: the draft is voided and the case goes back to the handler to redraft.
        _void_reply_drafts(case)
        case.outcome, case.outcome_basis = "", ""  # the voided draft's outcome no longer holds
        _move(case, S.ASSIGNED, "legal_review_returned", actor=actor, on=None, note=note.strip())
    return case


@transaction.atomic
def return_reply(case: Application, *, actor: Any, note: str) -> Application:
    """The head returns the drafted (or approved, not yet sent) reply to the handler: the draft is
    voided and the handler redrafts."""
    case = _locked(case)
    _require(policies.can_return_reply(actor, case), _("答复须由单位负责人退回。"))
    if case.status not in (S.REPLY_DRAFTED, S.APPROVED):
        raise ValidationError(_("没有可退回的答复。"))
    if not note.strip():
        raise ValidationError(_("请写明退回理由。"))
    _void_reply_drafts(case)
    case.outcome, case.outcome_basis = "", ""  # the voided draft's outcome no longer holds
    _move(case, S.ASSIGNED, "reply_returned", actor=actor, on=None, note=note.strip())
    return case


def letter_findings(letter: Letter) -> list[Any]:
    """The content checker (issue 4's) on a letter: classification markings, other people's
    personal data, wrong expressions… The applicant's own name is the addressee, not a finding."""
    from gongkai.checker.engine import check_text

    text = "\n".join([letter.title, *letter.paragraphs])
    return [f for f in check_text(text, written_on=letter.issued_on) if f.severity == "block"]


@transaction.atomic
def approve_reply(
    case: Application, *, actor: Any, note: str = "", override_reason: str = ""
) -> Application:
    """审批: the unit head approves the drafted reply — never its drafter — after the content
    checker: a blocking finding (a secret marking, a third party's ID number…) stops approval
    unless the head records why it may go (the reason is kept in the case's record)."""
    case = _locked(case)
    letter = current_reply(case)
    _require(
        policies.can_approve_reply(actor, case, letter),
        _("答复须由单位负责人审批，且不能由拟稿人本人审批。"),
    )
    if case.status != S.REPLY_DRAFTED or letter is None:
        raise ValidationError(_("没有待审批的答复。"))
    blocking = letter_findings(letter)
    if blocking and not override_reason.strip():
        listed = "；".join(f"{f.message}（{f.excerpt}）" for f in blocking[:5])
        raise ValidationError(
            _("答复告知书未通过内容检查：%(f)s。请修改，或写明理由后审批。") % {"f": listed}
        )
    letter.approved_by = actor
    # The number is given now: drafts returned or superseded never used one up.
    letter.serial, letter.doc_number = _letter_number(case, letter.issued_on)
    letter.save(update_fields=["approved_by", "serial", "doc_number"])
    text = note.strip()
    if blocking:
        text = f"{text}（内容检查发现 {len(blocking)} 处问题，审批理由：{override_reason.strip()}）"
    _move(case, S.APPROVED, "reply_approved", actor=actor, on=None, note=text)
    return case


@transaction.atomic
def mark_replied(
    case: Application, *, actor: Any, on: dt.date | None = None, posted_on: dt.date | None = None
) -> Application:
    """答复: the approved letter goes out. By post the reply counts as made on the day posted
    (交邮之日), which is recorded."""
    case = _locked(case)
    _require(policies.can_handle(actor, case), _("您不能办理该申请。"))
    letter = current_reply(case)
    if case.status != S.APPROVED or letter is None or letter.approved_by_id is None:
        raise ValidationError(_("答复尚未审批。"))
    case.replied_on = posted_on or on or timezone.localdate()
    case.posted_on = posted_on
    letter.sent = True
    letter.save(update_fields=["sent"])
    note = (
        _("答复已邮寄，交邮日 %(d)s。") % {"d": posted_on} if posted_on else _("答复已送达申请人。")
    )
    _move(case, S.REPLIED, "replied", actor=actor, on=case.replied_on, note=note)
    return case


def _require_payment_period_over(case: Application, on: dt.date) -> None:
    """Unpaid only after the 20 working days the applicant has to pay (DOMAIN §1.4)."""
    from gongkai.workdays.calendar import DatabaseCalendar
    from gongkai.workdays.deadlines import add_workdays

    if case.fee_notice_on is None or case.status != S.FEE_PENDING:
        raise ValidationError(_("该申请没有待缴的费用。"))
    limit = add_workdays(DatabaseCalendar(), case.fee_notice_on, 20)
    if on <= limit:
        raise ValidationError(_("缴费期限（%(d)s）尚未届满。") % {"d": limit})


@transaction.atomic
def close(
    case: Application,
    *,
    actor: Any,
    outcome_code: str = "",
    note: str = "",
    on: dt.date | None = None,
) -> Application:
    """办结. After a reply, with its outcome; or without a reply when the applicant did not correct
    in time (其他处理/1, 第三十条) or did not pay (其他处理/2)."""
    case = _locked(case)
    _require(policies.can_handle(actor, case), _("您不能办理该申请。"))
    on = on or timezone.localdate()
    allowed = policies.closing_outcome(case)
    if allowed is None:
        raise ValidationError(_("尚未答复的申请不能办结。"))
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
    _move(case, S.CLOSED, "closed", actor=actor, on=on, note=note.strip())
    return case
