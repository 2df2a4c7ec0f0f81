"""Reads of the applications app for screens and services: a case's reply, its files, where it
stands in review and extension, and its applicant's personal data as the user may see it
(masked for everyone but the handler: policies.sees_personal_data)."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.applications import policies
from gongkai.applications.models import Application, Attachment, EventKind, Letter, LetterKind
from gongkai.checker.engine import redact
from gongkai.core.masking import mask_address, mask_email, mask_id, mask_name, mask_phone
from gongkai.core.types import User


def reply_files(case: Application) -> QuerySet[Attachment]:
    """The files staff attach to the reply: the disclosed information itself (not the
    applicant's uploads), downloadable by the applicant once the reply is sent."""
    return case.attachments.filter(from_applicant=False).order_by("uploaded_at", "pk")


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
        case.events.filter(kind__in=[EventKind.REPLY_DRAFTED, EventKind.LEGAL_REVIEW_PASSED])
        .order_by("-at", "-pk")
        .first()
    )
    return last is not None and last.kind == EventKind.LEGAL_REVIEW_PASSED


def extension_requested(case: Application) -> bool:
    """A handler asked for an extension and the head has not decided yet."""
    return bool(case.extension_reason) and not case.extended


def applicant_name(user: User, case: Application) -> str:
    """The applicant's name as the user may see it (the case list)."""
    if policies.sees_personal_data(user, case):
        return case.applicant_name
    return mask_name(case.applicant_name)


def personal_data(user: User, case: Application) -> dict[str, str]:
    """The applicant's personal data as the user may see it: in full for the handler, masked
    for everyone else who may view the case (个人信息保护法 第五十一条)."""
    full = policies.sees_personal_data(user, case)
    return {
        "name": case.applicant_name if full else mask_name(case.applicant_name),
        "id_number": case.id_number if full else mask_id(case.id_number),
        "phone": case.phone if full else mask_phone(case.phone),
        "email": case.email if full else mask_email(case.email),
        "address": case.address if full else mask_address(case.address),
        "full": "1" if full else "",
    }


def correction_text(user: User, case: Application) -> str:
    """补正内容 as the applicant wrote it for the handler; for everyone else who may view the case,
    with the personal data in it masked like the fields above (checker.redact)."""
    if not case.correction_text or policies.sees_personal_data(user, case):
        return case.correction_text
    return redact(case.correction_text)


def applicant_uploads(user: User, case: Application) -> QuerySet[Attachment] | list[Attachment]:
    """The applicant's own uploads (personal data): the handler only."""
    if policies.sees_personal_data(user, case):
        return case.attachments.filter(from_applicant=True)
    return []
