"""Records around the cases: the units' letter templates, reconsideration and lawsuit records
(table 四 of the annual report), and cases and appeals imported from older systems. The
admin's generic screens and the import commands write only through here, with the actor's
permission (policies.py), in a transaction, leaving Wagtail's audit log entry (or, for an
imported case, its ApplicationEvent)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log as audit

from gongkai.applications import outcomes, policies
from gongkai.applications.models import (
    Appeal,
    Application,
    Channel,
    DeliveryForm,
    DeliveryWay,
    EventKind,
    LetterTemplate,
    Status,
)
from gongkai.applications.services.deadlines import recompute_deadlines
from gongkai.applications.services.events import log, saved_user
from gongkai.applications.services.numbers import allocate_case_number, code_digest, new_query_code
from gongkai.core.services import record_delete
from gongkai.core.types import User
from gongkai.organisations.models import Organisation


def _check(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("您没有权限执行此操作。"))


# --- Letter templates ------------------------------------------------------------------------


@transaction.atomic
def letter_template_save(
    *,
    actor: User,
    template: LetterTemplate,
    organisation: Organisation | None,
    code: str,
    text: str,
) -> LetterTemplate:
    """Create or change a unit's wording of a letter (the form validated the text)."""
    creating = template.pk is None
    if not creating:
        original = LetterTemplate.objects.select_for_update().get(pk=template.pk)
        _check(policies.can_edit_letter_templates(actor, original.organisation))
    _check(policies.can_edit_letter_templates(actor, organisation))
    template.organisation, template.code, template.text = organisation, code, text
    template.save()
    audit(
        instance=template,
        action="wagtail.create" if creating else "wagtail.edit",
        user=saved_user(actor),
    )
    return template


@transaction.atomic
def letter_template_delete(*, actor: User, template: LetterTemplate) -> None:
    """A unit's wording goes; its letters use its parent's, the city's or the default again."""
    _check(policies.can_edit_letter_templates(actor, template.organisation))
    record_delete(template, actor=saved_user(actor))


# --- Appeals (行政复议、行政诉讼) ------------------------------------------------------------------


@dataclass(frozen=True)
class AppealData:
    """What an appeal record says (the admin form's fields)."""

    organisation: Organisation
    year: int
    kind: str
    result: str
    application: Application | None = None
    filed_on: dt.date | None = None
    decided_on: dt.date | None = None
    lesson: str = ""


def _fill(appeal: Appeal, data: AppealData) -> None:
    appeal.organisation, appeal.application = data.organisation, data.application
    appeal.year, appeal.kind, appeal.result = data.year, data.kind, data.result
    appeal.filed_on, appeal.decided_on, appeal.lesson = data.filed_on, data.decided_on, data.lesson


@transaction.atomic
def appeal_save(*, actor: User, appeal: Appeal, data: AppealData) -> Appeal:
    """Record or change a reconsideration or lawsuit of a unit's decision."""
    creating = appeal.pk is None
    if not creating:
        original = (
            Appeal.objects.select_for_update().select_related("organisation").get(pk=appeal.pk)
        )
        _check(policies.can_record_appeal(actor, original.organisation))
    _check(policies.can_record_appeal(actor, data.organisation))
    _fill(appeal, data)
    appeal.save()
    audit(
        instance=appeal,
        action="wagtail.create" if creating else "wagtail.edit",
        user=saved_user(actor),
    )
    return appeal


@transaction.atomic
def appeal_delete(*, actor: User, appeal: Appeal) -> None:
    _check(policies.can_delete_appeal(actor, appeal.organisation))
    record_delete(appeal, actor=saved_user(actor))


@transaction.atomic
def appeals_import(*, actor: User | None, rows: Sequence[AppealData]) -> int:
    """Appeals from an older system, all or none (``actor`` None: the import command, run by
    the operator)."""
    for data in rows:
        if actor is not None:
            _check(policies.can_record_appeal(actor, data.organisation))
        appeal = Appeal()
        _fill(appeal, data)
        appeal.save()
        audit(instance=appeal, action="wagtail.create", user=saved_user(actor))
    return len(rows)


# --- Cases from an older system ----------------------------------------------------------------


@dataclass(frozen=True)
class ImportedCase:
    """A row of the cases import, checked (importing.import_applications)."""

    number: str
    organisation: Organisation
    received_on: dt.date
    applicant_type: str
    closed_on: dt.date | None
    outcome: outcomes.Outcome | None


@dataclass
class ImportSummary:
    created: int
    open: int
    closed: int


@transaction.atomic
def cases_import(*, actor: User | None, rows: Sequence[ImportedCase]) -> ImportSummary:
    """Historical cases, all or none, keeping their numbers (the unit's counter still gives each
    its serial); an open one gets its deadlines, each an ``imported`` event (not public). A case
    is created in its historical status: closed with its outcome, or received."""
    summary = ImportSummary(0, 0, 0)
    now = timezone.now()
    for row in rows:
        if actor is not None:
            _check(policies.can_register(actor, row.organisation))
        outcome = row.outcome
        case = Application(
            organisation=row.organisation,
            query_code_digest=code_digest(new_query_code()),
            applicant_type=row.applicant_type,
            applicant_name="（历史数据导入）",
            phone="",
            description="（历史数据导入）",
            delivery_form=DeliveryForm.OTHER,
            delivery_way=DeliveryWay.ONLINE,
            channel=Channel.ONLINE,
            submitted_at=now,
            received_on=row.received_on,
            status=Status.CLOSED if outcome else Status.RECEIVED,
            outcome=outcome.code if outcome else "",
            outcome_basis=outcome.basis if outcome else "",
            closed_on=row.closed_on,
            replied_on=row.closed_on,
        )
        allocate_case_number(case, number=row.number)
        if not outcome:
            recompute_deadlines(case, save=False)
        case.save()
        log(case, EventKind.IMPORTED, actor=actor, on=row.received_on, note="从原系统导入",
            public=False)  # fmt: skip
        summary.created += 1
        if outcome:
            summary.closed += 1
        else:
            summary.open += 1
    return summary
