"""Public pages of major administrative decisions (重大行政决策, 国务院令第713号).

决策机关 publish their yearly catalogue of major decisions (条例第三条第三款), and with it each
decision's record of the statutory procedures: 公众参与, 专家论证, 风险评估 (第二章),
合法性审查 and 集体讨论决定 (第三章). Only published catalogues and their decisions are shown;
anything else answers 404, as a missing one does.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from gongkai.core.policies import is_public
from gongkai.participation import selectors
from gongkai.participation.models import (
    ConsultationPage,
    DecisionCatalogue,
    DecisionProcedure,
    MajorDecision,
    ProcedureKind,
)


def index(request: HttpRequest) -> HttpResponse:
    catalogues = (
        selectors.public_catalogues()
        .annotate(decision_count=Count("decisions"))
        .order_by("government__path", "-year")
    )
    groups = [
        {"government": government, "catalogues": list(items)}
        for government, items in groupby(catalogues, key=lambda c: c.government)
    ]
    return TemplateResponse(request, "participation/decisions/index.html", {"groups": groups})


def _public_catalogue(catalogue_id: int) -> DecisionCatalogue:
    catalogue = selectors.public_catalogues().filter(pk=catalogue_id).first()
    if catalogue is None:
        raise Http404  # an unpublished catalogue answers as a missing one
    return catalogue


def catalogue(request: HttpRequest, catalogue_id: int) -> HttpResponse:
    found = _public_catalogue(catalogue_id)
    decisions = selectors.public_decisions().filter(catalogue=found).order_by("order", "pk")
    return TemplateResponse(
        request,
        "participation/decisions/catalogue.html",
        {"catalogue": found, "decisions": decisions},
    )


@dataclass(frozen=True)
class ProcedureRow:
    """One of the five statutory procedures with what is on record for it (several rounds of
    public participation are possible; none means 未开展)."""

    kind: str
    label: str
    records: list[DecisionProcedure]
    waiver_reason: str = ""


def procedure_rows(decision: MajorDecision) -> list[ProcedureRow]:
    """The five procedures in the order of the regulation, each with its records."""
    procedures = list(decision.procedures.select_related("document").order_by("held_on", "pk"))
    rows = []
    for kind, label in ProcedureKind.choices:
        records = [p for p in procedures if p.kind == kind]
        waiver = ""
        if kind == ProcedureKind.PUBLIC_PARTICIPATION:
            waiver = decision.participation_waiver_reason
        rows.append(
            ProcedureRow(kind=kind, label=str(label), records=records, waiver_reason=waiver)
        )
    return rows


def decision(request: HttpRequest, decision_id: int) -> HttpResponse:
    found = selectors.public_decisions().filter(pk=decision_id).first()
    if found is None:
        raise Http404  # a decision of an unpublished catalogue answers as a missing one
    rows = procedure_rows(found)
    # A procedure's file is linked only where the public may get it (gongkai.core.policies).
    public_documents = {
        p.document_id for row in rows for p in row.records if p.document and is_public(p.document)
    }
    consultations = (
        ConsultationPage.objects.live().public().filter(decision=found).order_by("opens_on", "pk")
    )
    return TemplateResponse(
        request,
        "participation/decisions/decision.html",
        {
            "decision": found,
            "catalogue": found.catalogue,
            "rows": rows,
            "public_documents": public_documents,
            "consultations": consultations,
        },
    )
