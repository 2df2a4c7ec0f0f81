"""Reads for the policy library: what the public sees, and what staff and overseers see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import QuerySet
from wagtail.models import Page

from gongkai.core.config import gongkai_config
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
from gongkai.organisations.policies import units_overseen_by
from gongkai.workdays.calendar import DatabaseCalendar
from gongkai.workdays.deadlines import workdays_between

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
        model = apps.get_model("reports", "AnnualReportPage")
        return model.objects.live().public().child_of(column).order_by("-year")
    if model is None and column.column == ColumnType.CONSULTATION:
        model = apps.get_model("participation", "ConsultationPage")
        return model.objects.live().public().child_of(column).order_by("-opens_on", "-pk")
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


# 三同步 (国办发〔2016〕80号; 洪府办发〔2024〕31号): a major policy's interpretation is released with
# it, at most this many working days later.
SYNC_WORKDAYS = 3


class GapKind:
    MISSING = "missing"
    LATE = "late"
    EXCERPT = "excerpt"


GAP_LABELS = {
    GapKind.MISSING: "未发布解读",
    GapKind.LATE: "解读晚于文件3个工作日以上",
    GapKind.EXCERPT: "摘抄式解读（形式化解读）",
}


@dataclass(frozen=True)
class InterpretationGap:
    """A major policy without a substantive interpretation released in time, and why."""

    policy: PolicyDocumentPage
    kind: str
    interpretation: InterpretationPage | None = None
    delay: int | None = None  # working days after the policy's publication

    @property
    def label(self) -> str:
        return GAP_LABELS[self.kind]


@dataclass(frozen=True)
class InterpretationRate:
    organisation: Organisation
    major_policies: int
    interpreted: int  # with a substantive interpretation released within SYNC_WORKDAYS
    gaps: tuple[InterpretationGap, ...] = ()

    @property
    def rate(self) -> float | None:
        """None when the unit published no major policy (no rate, rather than 0 % or 100 %)."""
        return self.interpreted / self.major_policies if self.major_policies else None

    @property
    def percent(self) -> int | None:
        return None if self.rate is None else int(self.rate * 100)


def _gap(
    policy: PolicyDocumentPage, interpretations: list[InterpretationPage], calendar: Any
) -> InterpretationGap | None:
    """Why ``policy`` lacks a counted interpretation, or None when it has one: live, not
    excerpt-like (copied ratio below GONGKAI["EXCERPT_WARN_RATIO"], docs/interpretation-
    substance.md) and published no more than SYNC_WORKDAYS working days after the policy."""

    if not interpretations:
        return InterpretationGap(policy, GapKind.MISSING)
    threshold = float(gongkai_config().excerpt_warn_ratio)
    substantive = [i for i in interpretations if i.copied_ratio < threshold]
    if not substantive:
        return InterpretationGap(policy, GapKind.EXCERPT, interpretations[0])
    best, delay = None, None
    for interp in substantive:
        days = 0
        if (
            policy.published_on
            and interp.published_on
            and interp.published_on > policy.published_on
        ):
            days = workdays_between(calendar, policy.published_on, interp.published_on)
        if delay is None or days < delay:
            best, delay = interp, days
    if delay is not None and delay > SYNC_WORKDAYS:
        return InterpretationGap(policy, GapKind.LATE, best, delay)
    return None


def interpretation_rates(
    user: AnyUser | None, *, year: int | None = None, units: Any = None
) -> list[InterpretationRate]:
    """重大政策解读率 per unit the user oversees (or per unit of ``units``): live major policies
    with a substantive interpretation live within 3 working days (三同步) ÷ live major policies
    (optionally of one publication year). Excerpt-like (摘抄式) and late interpretations do not
    count; each such policy is listed as a gap."""

    if units is None:
        if user is None:
            return []
        units = units_overseen_by(user)
    units = list(units.order_by("path"))
    majors = PolicyDocumentPage.objects.live().filter(
        is_major=True, organisation__in=[u.pk for u in units]
    )
    if year is not None:
        majors = majors.filter(published_on__year=year)
    majors = majors.order_by("-published_on", "pk")
    interps: dict[int, list[InterpretationPage]] = {}
    for interp in (
        InterpretationPage.objects.live()
        .filter(policy__in=majors.values("pk"))
        .only("pk", "title", "policy_id", "copied_ratio", "published_on", "url_path")
        .order_by("published_on", "pk")
    ):
        interps.setdefault(interp.policy_id, []).append(interp)
    calendar = DatabaseCalendar()
    totals: dict[int, int] = {}
    gaps: dict[int, list[InterpretationGap]] = {}
    for policy in majors.only("pk", "title", "organisation_id", "published_on", "url_path"):
        unit_id = policy.organisation_id
        totals[unit_id] = totals.get(unit_id, 0) + 1
        gap = _gap(policy, interps.get(policy.pk, []), calendar)
        if gap is not None:
            gaps.setdefault(unit_id, []).append(gap)
    return [
        InterpretationRate(
            organisation=unit,
            major_policies=totals.get(unit.pk, 0),
            interpreted=totals.get(unit.pk, 0) - len(gaps.get(unit.pk, [])),
            gaps=tuple(gaps.get(unit.pk, [])),
        )
        for unit in units
    ]
