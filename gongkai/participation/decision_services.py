"""Writes of major administrative decisions (重大行政决策, 国务院令第713号): the yearly catalogue,
the decisions, their statutory procedures and the decision itself. Keyword-only, checked against
participation.policies, one transaction each, an audit entry each."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents.models import AbstractDocument
from wagtail.log_actions import log

from gongkai.core.types import User
from gongkai.organisations.models import Organisation
from gongkai.participation import policies
from gongkai.participation.models import (
    ConsultationPage,
    DecisionCatalogue,
    DecisionProcedure,
    DecisionStatus,
    MajorDecision,
    ProcedureKind,
)
from gongkai.participation.services import DECISION_DECIDE, DECISION_PROCEDURE


@transaction.atomic
def catalogue_save(
    *,
    actor: User | None,
    government: Organisation,
    year: int,
    note: str = "",
    existing: DecisionCatalogue | None = None,
) -> DecisionCatalogue:
    if actor is not None and not policies.can_keep_catalogue(actor, government):
        raise PermissionDenied(_("您没有权限编制该机关的重大行政决策事项目录。"))
    catalogue = existing or DecisionCatalogue()
    catalogue.government, catalogue.year, catalogue.note = government, year, note
    catalogue.full_clean()
    catalogue.save()
    log(instance=catalogue, action="wagtail.edit" if existing else "wagtail.create", user=actor)
    return catalogue


@transaction.atomic
def catalogue_publish(
    *, actor: User | None, catalogue: DecisionCatalogue, on: dt.date | None = None
) -> DecisionCatalogue:
    """向社会公布 the catalogue (条例第三条第三款): its decisions and their procedure records
    become public."""
    if actor is not None and not policies.can_decide(actor, catalogue.government):
        raise PermissionDenied(_("只有决策机关负责人可以公布决策事项目录。"))
    if not catalogue.decisions.exists():
        raise ValidationError(_("目录中还没有决策事项。"), code="empty")
    catalogue.published_on = on or timezone.localdate()
    catalogue.save(update_fields=["published_on"])
    log(instance=catalogue, action="wagtail.publish", user=actor)
    return catalogue


@transaction.atomic
def decision_save(
    *,
    actor: User | None,
    catalogue: DecisionCatalogue,
    title: str,
    lead_unit: Organisation,
    summary: str = "",
    planned_time: str = "",
    order: int = 0,
    participation_waiver_reason: str = "",
    existing: MajorDecision | None = None,
) -> MajorDecision:
    if actor is not None and not policies.can_keep_catalogue(actor, catalogue.government):
        raise PermissionDenied(_("您没有权限编制该机关的重大行政决策事项目录。"))
    decision = existing or MajorDecision(catalogue=catalogue)
    decision.title, decision.lead_unit, decision.summary = title.strip(), lead_unit, summary
    decision.planned_time, decision.order = planned_time, order
    decision.participation_waiver_reason = participation_waiver_reason.strip()
    if (
        decision.status == DecisionStatus.PLANNED
        and existing is not None
        and (decision.procedures.exists())
    ):
        decision.status = DecisionStatus.IN_PROGRESS
    decision.full_clean()
    decision.save()
    log(instance=decision, action="wagtail.edit" if existing else "wagtail.create", user=actor)
    return decision


@transaction.atomic
def procedure_record(
    *,
    actor: User | None,
    decision: MajorDecision,
    kind: str,
    held_on: dt.date,
    summary: str,
    link: str = "",
    document: AbstractDocument | None = None,
) -> DecisionProcedure:
    """Record one of the statutory procedures of a decision with its date and documents."""
    if actor is not None and not policies.can_record_procedure(
        actor, decision.catalogue.government, decision.lead_unit
    ):
        raise PermissionDenied(_("您没有权限记录该决策事项的程序。"))
    if decision.status in (DecisionStatus.DECIDED, DecisionStatus.WITHDRAWN):
        raise ValidationError(_("该决策事项已办结，不能再补记程序。"), code="closed")
    if kind == ProcedureKind.COLLECTIVE:
        # 条例第二十四条: 决策草案未经合法性审查或者经审查不合法的，不得提交决策机关讨论.
        legality = decision.procedures.filter(kind=ProcedureKind.LEGALITY, held_on__lte=held_on)
        if not legality.exists():
            raise ValidationError(
                _("决策草案未经合法性审查的，不得提交决策机关讨论（条例第二十四条）。"),
                code="order",
            )
    procedure = DecisionProcedure(
        decision=decision,
        kind=kind,
        held_on=held_on,
        summary=summary.strip(),
        link=link,
        document=document,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    procedure.full_clean(exclude=["recorded_by"])
    procedure.save()
    if decision.status == DecisionStatus.PLANNED:
        decision.status = DecisionStatus.IN_PROGRESS
        decision.save(update_fields=["status"])
    log(
        instance=decision,
        action=DECISION_PROCEDURE,
        user=actor,
        data={"kind": kind, "held_on": held_on.isoformat()},
    )
    return procedure


def missing_for_decision(decision: MajorDecision) -> list[str]:
    """What still stops the decision from being recorded as taken (Chinese, for the screen)."""
    kinds = set(decision.procedures.values_list("kind", flat=True))
    missing = []
    participated = (
        ProcedureKind.PUBLIC_PARTICIPATION in kinds
        or ConsultationPage.objects.filter(decision=decision, live=True).exists()
    )
    if not participated and not decision.participation_waiver_reason.strip():
        missing.append(_("公众参与（或写明未开展公众参与的理由）"))
    if ProcedureKind.LEGALITY not in kinds:
        missing.append(_("合法性审查"))
    if ProcedureKind.COLLECTIVE not in kinds:
        missing.append(_("集体讨论决定"))
    return missing


@transaction.atomic
def decision_decide(
    *, actor: User | None, decision: MajorDecision, decided_on: dt.date, outcome: str
) -> MajorDecision:
    """Record the decision as taken. Refused while public participation (条例第十四条) or a
    recorded reason for its absence is missing, and before 合法性审查 (第二十四条) and
    集体讨论决定 (第二十八条) are on record."""
    if actor is not None and not policies.can_decide(actor, decision.catalogue.government):
        raise PermissionDenied(_("只有决策机关负责人可以记录决策结果。"))
    missing = missing_for_decision(decision)
    if missing:
        raise ValidationError(
            _("尚不能记录为已决策，缺少：%(missing)s。") % {"missing": "、".join(missing)},
            code="procedures",
        )
    if not outcome.strip():
        raise ValidationError(_("请填写决策结果。"), code="outcome")
    decision.status = DecisionStatus.DECIDED
    decision.decided_on = decided_on
    decision.outcome = outcome.strip()
    decision.save(update_fields=["status", "decided_on", "outcome"])
    log(
        instance=decision,
        action=DECISION_DECIDE,
        user=actor,
        data={"decided_on": decided_on.isoformat()},
    )
    return decision
