"""Letters from the public: submitting one, finding it again with its number and query code, and
the writer's rating of the answer (DOMAIN.md §9; the public side of the mailbox).

A letter is received on the day it is submitted, a rest day included: the period is counted in
working days after it (periods.due_on; the day of receipt not counted, 民法典第二百零一条). Routing
at submission (谁主管谁回应, 国办发〔2016〕61号): the unit the writer chose; else the category's
default unit; else nobody yet — the disclosure office routes it (status RECEIVED).

The number is gapless per year (core.sequences, scope "mailbox", key "all": XJ2026-000123); the
query code is shown once and only its keyed digest is stored (core.querycodes). A second POST of
the same form (same one-time token) finds the first letter and creates nothing. Personal data
(name, phone, e-mail, address, the text) never goes into a log: the audit entry names the letter
by its number (GB/T 22239-2019 8.1.4.8 数据保密性).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from gongkai.core.querycodes import code_digest, digest_matches, new_query_code
from gongkai.core.sequences import sequence_next_value
from gongkai.core.uploads import check_upload
from gongkai.mailbox import periods
from gongkai.mailbox.models import (
    Category,
    Channel,
    ChannelSetting,
    Letter,
    LetterAttachment,
    LetterStatus,
    Satisfaction,
)
from gongkai.organisations.models import Organisation

# Audit actions (registered in public_hooks).
LETTER_SUBMIT = "gongkai.letter_submit"
LETTER_RATE = "gongkai.letter_rate"

SEQUENCE_SCOPE = "mailbox"
SEQUENCE_KEY = "all"
NUMBER_PREFIX = "XJ"

MAX_SUBJECT_CHARS = 100
MAX_BODY_CHARS = 3000
MAX_COMMENT_CHARS = 300
# Attachments: the types applications accept, judged by content (GB/T 22239-2019 8.1.4.5 恶意代码
# 防范; core.uploads.check_upload), at most MAX_UPLOADS of MAX_UPLOAD_BYTES each.
UPLOAD_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png", ".docx")
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UPLOADS = 3
# The writer may change a rating within this many days of first giving it; then it is final
# (our decision: a second thought is allowed, a rating war with the unit is not).
RATING_CHANGE_DAYS = 7

_PHONE = re.compile(r"^[0-9+\-() ]{5,40}$")
_NUMBER = re.compile(r"^XJ\d{4}-\d{6,}$")


# The letter and its query code; the code is None when the same form was submitted before.
Submitted = tuple[Letter, str | None]


class _AlreadySubmitted(Exception):
    def __init__(self, letter: Letter) -> None:
        self.letter = letter


def format_number(year: int, serial: int) -> str:
    return f"{NUMBER_PREFIX}{year}-{serial:06d}"


def channel_open(channel: str) -> bool:
    setting = ChannelSetting.objects.filter(channel=channel).first()
    return setting is None or setting.enabled


def _clean_text(
    *, subject: str, body: str, name: str, phone: str, email: str, address: str
) -> dict[str, str]:
    subject, body, name = subject.strip(), body.strip(), name.strip()
    phone, email, address = phone.strip(), email.strip(), address.strip()
    errors: dict[str, str] = {}
    if not subject:
        errors["subject"] = _("请填写标题。")
    elif len(subject) > MAX_SUBJECT_CHARS:
        errors["subject"] = _("标题不能超过%(n)d字。") % {"n": MAX_SUBJECT_CHARS}
    if not body:
        errors["body"] = _("请填写来信内容。")
    elif len(body) > MAX_BODY_CHARS:
        errors["body"] = _("来信内容不能超过%(n)d字。") % {"n": MAX_BODY_CHARS}
    if not name:
        errors["name"] = _("请填写姓名。")
    elif len(name) > 60:
        errors["name"] = _("姓名不能超过60字。")
    if not phone and not email:
        errors["phone"] = _("请至少填写联系电话或电子邮箱中的一项，便于承办单位联系您。")
    if phone and not _PHONE.match(phone):
        errors["phone"] = _("联系电话格式不正确：请填写手机号码或带区号的固定电话。")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("电子邮箱格式不正确，例如 zhang@example.com。")
    if len(address) > 200:
        errors["address"] = _("联系地址不能超过200字。")
    if errors:
        raise ValidationError(errors)
    return {
        "subject": subject,
        "body": body,
        "name": name,
        "phone": phone,
        "email": email,
        "address": address,
    }


def validate_upload(upload: UploadedFile[bytes]) -> None:
    """The type from the extension, then the content must match it (core.uploads)."""
    name = upload.name or ""
    ext = PurePath(name.lower()).suffix
    if ext not in UPLOAD_EXTENSIONS:
        raise ValidationError(
            _("附件“%(n)s”类型不支持：只接受 PDF、JPG、PNG、DOCX。") % {"n": name},
            code="attachments",
        )
    if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("附件“%(n)s”超过 10 MB。") % {"n": name}, code="attachments")
    try:
        check_upload(upload, name=name)
    except ValidationError as error:
        raise ValidationError(error.messages, code="attachments") from None


def validate_uploads(uploads: list[UploadedFile[bytes]]) -> None:
    if len(uploads) > MAX_UPLOADS:
        raise ValidationError(_("附件最多%(n)d个。") % {"n": MAX_UPLOADS}, code="attachments")
    for upload in uploads:
        validate_upload(upload)


def _route(unit: Organisation | None, category: Category | None) -> tuple[Organisation | None, str]:
    """谁主管谁回应: the writer's unit, else the category's unit, else the disclosure office."""
    if unit is not None:
        return unit, LetterStatus.ASSIGNED
    if category is not None and category.default_unit_id is not None:
        return category.default_unit, LetterStatus.ASSIGNED
    return None, LetterStatus.RECEIVED


def _new_letter(letter: Letter, token: str) -> str:
    """Number the letter and save it; the counter row stays locked until commit, so a second
    POST of the same form sent at the same moment waits here and then finds the first."""
    serial = sequence_next_value(scope=SEQUENCE_SCOPE, key=SEQUENCE_KEY, year=letter.year)
    if token:
        existing = Letter.objects.filter(submission_token=token).first()
        if existing is not None:
            raise _AlreadySubmitted(existing)
    code = new_query_code()
    letter.serial = serial
    letter.number = format_number(letter.year, serial)
    letter.query_code_digest = code_digest(code)
    letter.save()
    return code


def letter_submit(
    *,
    channel: str,
    unit: Organisation | None,
    category: Category | None,
    subject: str,
    body: str,
    name: str,
    phone: str = "",
    email: str = "",
    address: str = "",
    consent_publish: bool = False,
    attachments: Iterable[UploadedFile[bytes]] = (),
    token: str = "",
    submitter_key: str = "",
    now: dt.datetime | None = None,
) -> Submitted:
    """A letter written on the website. Raises ValidationError (Chinese messages; a dict by
    field for the text, code "attachments" for files, code "closed" for a closed channel)."""
    if token:
        existing = Letter.objects.filter(submission_token=token).first()
        if existing is not None:
            return existing, None
    if channel not in Channel.values:
        raise ValidationError(_("没有这个信件渠道。"), code="channel")
    if not channel_open(channel):
        raise ValidationError(_("该渠道暂停受理来信。"), code="closed")
    fields = _clean_text(
        subject=subject, body=body, name=name, phone=phone, email=email, address=address
    )
    uploads = list(attachments)
    validate_uploads(uploads)
    now = now or timezone.now()
    received_on = timezone.localdate(now)
    responsible, status = _route(unit, category)
    letter = Letter(
        channel=channel,
        organisation=responsible,
        received_by=responsible,
        category=category,
        year=received_on.year,
        submission_token=token or None,
        consent_publish=consent_publish,
        submitter_key=submitter_key[:64],
        submitted_at=now,
        received_on=received_on,
        due_on=periods.due_on(channel, received_on),
        status=status,
        **fields,
    )
    try:
        with transaction.atomic():
            code = _new_letter(letter, token)
            for upload in uploads:
                LetterAttachment.objects.create(
                    letter=letter,
                    file=upload,
                    name=(upload.name or "")[:200],
                    size=upload.size or 0,
                )
            log(
                instance=letter,
                action=LETTER_SUBMIT,
                title=letter.number,
                data={
                    "number": letter.number,
                    "channel": channel,
                    "unit": responsible.pk if responsible else None,
                    "attachments": len(uploads),
                },
            )
    except _AlreadySubmitted as duplicate:
        return duplicate.letter, None
    except IntegrityError:
        # Two POSTs of one form racing past the first check: the token is unique.
        existing = Letter.objects.filter(submission_token=token).first() if token else None
        if existing is None:
            raise
        return existing, None
    return letter, code


def plausible_number(number: str) -> bool:
    return bool(_NUMBER.match(number)) and len(number) <= 60


def find_letter(number: str, code: str) -> Letter | None:
    """The letter with this number whose query code is ``code``; None when either is wrong
    (the same work and answer for both: the caller cannot tell which was wrong)."""
    number = number.strip().upper()
    letter = Letter.objects.filter(number=number).first() if plausible_number(number) else None
    stored = letter.query_code_digest if letter is not None and letter.query_code_digest else None
    if not digest_matches(stored, code):
        return None
    return letter


def can_rate(letter: Letter, now: dt.datetime | None = None) -> bool:
    """Rating is open once the letter is answered; a rating may be changed within
    RATING_CHANGE_DAYS days of first giving it."""
    if letter.status != LetterStatus.ANSWERED:
        return False
    if letter.rated_at is None:
        return True
    now = now or timezone.now()
    return now <= letter.rated_at + dt.timedelta(days=RATING_CHANGE_DAYS)


def letter_rate(
    *, letter: Letter, satisfaction: str, comment: str = "", now: dt.datetime | None = None
) -> Letter:
    """The writer's rating of the answer (满意 / 基本满意 / 不满意, with an optional comment).
    The caller proved the query code. ``rated_at`` keeps the first rating's time."""
    now = now or timezone.now()
    if satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": _("请选择满意、基本满意或不满意。")})
    comment = comment.strip()
    if len(comment) > MAX_COMMENT_CHARS:
        raise ValidationError(
            {"comment": _("评价意见不能超过%(n)d字。") % {"n": MAX_COMMENT_CHARS}}
        )
    with transaction.atomic():
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        if locked.status != LetterStatus.ANSWERED:
            raise ValidationError(_("信件答复后才能评价。"), code="not_answered")
        if not can_rate(locked, now):
            raise ValidationError(
                _("评价已超过%(n)d天的修改期限，不能再更改。") % {"n": RATING_CHANGE_DAYS},
                code="final",
            )
        changed = locked.rated_at is not None
        locked.satisfaction = satisfaction
        locked.rating_comment = comment
        locked.rated_at = locked.rated_at or now
        locked.save(update_fields=["satisfaction", "rating_comment", "rated_at"])
        log(
            instance=locked,
            action=LETTER_RATE,
            title=locked.number,
            data={"number": locked.number, "satisfaction": satisfaction, "changed": changed},
        )
    return locked
