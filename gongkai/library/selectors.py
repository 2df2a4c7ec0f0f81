"""Reads for the policy library: what the public sees, and what staff and overseers see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from wagtail.models import Page

from gongkai.library.models import (
    ColumnPage,
    ColumnType,
    DisclosureMode,
    DocumentRelation,
    InterpretationPage,
    NewsPage,
    NoticePage,
    PolicyDocumentPage,
)
from gongkai.organisations.models import Organisation
from gongkai.organisations.policies import Capability, organisations_with_capability

if TYPE_CHECKING:
    from gongkai.organisations.policies import AnyUser


def public_policies() -> QuerySet[PolicyDocumentPage]:
    """Live, public policy documents, newest first (依申请公开 ones show metadata only)."""
    return (
        PolicyDocumentPage.objects.live()
        .public()
        .exclude(disclosure_mode=DisclosureMode.NOT_DISCLOSED)
        .select_related("topic", "topic__parent", "organisation")
        .order_by("-published_on", "-pk")
    )


def public_interpretations() -> QuerySet[InterpretationPage]:
    """Live interpretations whose policy is live too (三同步: never ahead of the policy)."""
    return (
        InterpretationPage.objects.live()
        .public()
        .filter(policy__live=True)
        .select_related("policy", "organisation")
        .order_by("-published_on", "-pk")
    )


def public_column_items(column: ColumnPage) -> QuerySet[Page]:
    model = {
        ColumnType.POLICY: PolicyDocumentPage,
        ColumnType.INTERPRETATION: InterpretationPage,
        ColumnType.NOTICE: NoticePage,
        ColumnType.NEWS: NewsPage,
    }.get(ColumnType(column.column))
    if model is None and column.column == ColumnType.ANNUAL_REPORT:
        from django.apps import apps

        model = apps.get_model("reports", "AnnualReportPage")
        return model.objects.live().public().child_of(column).order_by("-year")
    if model is None:
        return Page.objects.none()
    if model is PolicyDocumentPage:
        qs = public_policies()
    elif model is InterpretationPage:
        qs = public_interpretations()
    else:
        qs = model.objects.live().public().order_by("-published_on", "-pk")
    return qs.child_of(column)  # type: ignore[attr-defined]


def incoming_acts(document: PolicyDocumentPage) -> QuerySet[DocumentRelation]:
    """Live documents that replace, amend or abolish this one (shown on its page)."""
    return (
        DocumentRelation.objects.filter(target=document, source__live=True)
        .select_related("source")
        .order_by("source__published_on")
    )


def documents_for_staff(user: AnyUser) -> QuerySet[PolicyDocumentPage]:
    """Documents (drafts included) of the units the user works for or oversees."""
    units = (
        organisations_with_capability(user, Capability.DRAFT)
        | organisations_with_capability(user, Capability.REVIEW)
        | organisations_with_capability(user, Capability.OVERSEE)
    )
    return PolicyDocumentPage.objects.filter(organisation__in=units.values("pk"))


@dataclass(frozen=True)
class InterpretationRate:
    organisation: Organisation
    major_policies: int
    interpreted: int

    @property
    def rate(self) -> float | None:
        """None when the unit published no major policy (no rate, rather than 0 % or 100 %)."""
        return self.interpreted / self.major_policies if self.major_policies else None


def interpretation_rates(user: AnyUser, *, year: int | None = None) -> list[InterpretationRate]:
    """重大政策解读率 per unit the user oversees: live major policies with a live interpretation
    ÷ live major policies (optionally of one publication year)."""
    units = organisations_with_capability(user, Capability.OVERSEE)
    majors = PolicyDocumentPage.objects.live().filter(is_major=True)
    if year is not None:
        majors = majors.filter(published_on__year=year)
    has_interp = Exists(InterpretationPage.objects.filter(policy=OuterRef("pk"), live=True))
    counts = {
        row["organisation"]: row
        # order_by(): Page's default ordering by path would split the GROUP BY per document.
        for row in majors.annotate(has_interp=has_interp)
        .order_by()
        .values("organisation")
        .annotate(total=Count("pk"), interpreted=Count("pk", filter=Q(has_interp=True)))
    }
    return [
        InterpretationRate(
            organisation=unit,
            major_policies=counts.get(unit.pk, {}).get("total", 0),
            interpreted=counts.get(unit.pk, {}).get("interpreted", 0),
        )
        for unit in units.order_by("path")
    ]
