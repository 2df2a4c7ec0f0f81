"""Letters of a case: what a template may say about the case (letter_context), the unit's
wording of each letter (its own, an ancestor's, the city's or the default) and the drafting of
a letter with every placeholder filled (gongkai/letters/templates.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.applications.models import (
    NOTICE_TEMPLATES,
    Application,
    Letter,
    LetterKind,
    LetterTemplate,
)
from gongkai.applications.selectors import reply_files
from gongkai.applications.services.deadlines import compute_deadlines
from gongkai.applications.services.events import saved_user
from gongkai.applications.services.numbers import letter_number
from gongkai.core.types import User
from gongkai.letters.templates import LetterTemplateError, default_template, fill_complete
from gongkai.organisations.models import Organisation
from gongkai.workdays.calendar import DatabaseCalendar
from gongkai.workdays.deadlines import add_workdays


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
    case: Application, kind: str = LetterKind.REPLY, extra: Mapping[str, object] | None = None
) -> dict[str, object]:
    """What a letter template may say (gongkai/letters/templates.py PLACEHOLDERS)."""
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
    context: dict[str, object] = {
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
    unit = case.organisation
    ancestors = [unit, *unit.get_ancestors().reverse()]
    for org in ancestors:
        found = LetterTemplate.objects.filter(organisation=org, code=code).first()
        if found is not None:
            return found.text
    city = LetterTemplate.objects.filter(organisation__isnull=True, code=code).first()
    return city.text if city is not None else default_template(code)


def letter_template_code(kind: str, outcome_code: str = "") -> str:
    """The template of a letter: a notice by its kind, a reply by its outcome."""
    if kind == LetterKind.REPLY:
        return outcome_code
    return NOTICE_TEMPLATES[LetterKind(kind)]


def draft_letter(
    case: Application,
    kind: str,
    *,
    actor: User | None,
    issued_on: dt.date | None = None,
    extra: Mapping[str, object] | None = None,
    recipient: str = "",
) -> Letter:
    """A letter from the unit's template, every placeholder filled (or refused in Chinese,
    naming what is missing). A notice is numbered and issued at once; a reply is numbered when
    approved (approve_reply)."""
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
        serial, number = letter_number(case, issued_on)
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
        drafted_by=saved_user(actor),
        approved_by=saved_user(actor) if kind != LetterKind.REPLY else None,
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
