"""Intake: an application filed on the website or registered by staff (条例 第二十九至三十一条)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.applications import policies
from gongkai.applications.models import Application, Channel, EventKind
from gongkai.applications.services.deadlines import recompute_deadlines
from gongkai.applications.services.events import log
from gongkai.applications.services.numbers import allocate_case_number, code_digest, new_query_code
from gongkai.applications.services.receipts import keep_pending_receipt
from gongkai.applications.services.uploads import store_uploads
from gongkai.applications.tasks import send_receipt_email
from gongkai.core.types import User
from gongkai.organisations.models import Organisation

# What an application says (the form's fields; 条例 第二十九条), by Application field name.
ApplicantFields = Mapping[str, object]

# 《政府信息公开条例》 took effect on 2008-05-01 (国务院令第492号, 第三十八条 of that text): no
# application is received before it (and a year 1 would make a case of the annual report of 1).
FIRST_RECEIPT_DAY = dt.date(2008, 5, 1)


@dataclass
class Submitted:
    case: Application
    code: str
    created: bool


class _AlreadySubmitted(Exception):
    def __init__(self, case: Application) -> None:
        self.case = case


def _new_case(unit: Organisation, fields: ApplicantFields) -> tuple[Application, str]:
    code = new_query_code()
    case = Application(organisation=unit, query_code_digest=code_digest(code), **fields)
    allocate_case_number(case)
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
    fields: ApplicantFields,
    uploads: Iterable[UploadedFile[bytes]] = (),
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
    store_uploads(case, uploads, from_applicant=True)
    log(case, EventKind.RECEIVED, note=_("网上提交，系统即时确认收到。"))
    if case.email:
        _mail_receipt_after_commit(case.pk)
    if token:
        # The receipt for whichever of two simultaneous POSTs the browser shows last. Stored
        # before the commit: a second POST sees the case only after it, and so finds this.
        keep_pending_receipt(token=token, case_id=case.pk, code=code)
    return Submitted(case, code, True)


def _mail_receipt_after_commit(case_id: int) -> None:
    """The e-mail receipt (no query code) goes out once the case is committed."""
    transaction.on_commit(lambda: send_receipt_email.enqueue(case_id))


@transaction.atomic
def register(
    unit: Organisation,
    fields: ApplicantFields,
    *,
    actor: User,
    channel: str,
    received_on: dt.date,
    uploads: Iterable[UploadedFile[bytes]] = (),
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
    store_uploads(case, uploads, from_applicant=True)
    rule = {
        Channel.IN_PERSON: _("当面提交，以提交之日为收到申请之日。"),
        Channel.REGISTERED_MAIL: _("挂号信/特快专递，以签收之日为收到申请之日。"),
        Channel.ORDINARY_MAIL: _("平常信函，以确认之日为收到申请之日。"),
        Channel.FAX: _("传真，以双方确认之日为收到申请之日。"),
        Channel.EMAIL: _("电子邮件，以双方确认之日为收到申请之日。"),
    }[Channel(channel)]
    log(case, EventKind.RECEIVED, actor=actor, on=received_on, note=rule)
    return Submitted(case, code, True)
