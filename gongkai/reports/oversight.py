"""Reads for the disclosure office's oversight screen (监督总览): per unit it oversees, what
needs action — overdue 依申请公开 cases (条例 第三十三条 deadlines), cases due within the
reminder window, content waiting in review (先审后发), and major policies without a
substantive interpretation released in time (三同步, library.selectors.interpretation_rates) —
sorted so that the units needing action come first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from gongkai.applications.models import OPEN_STATUSES, Application
from gongkai.applications.reminders import overdue_counts
from gongkai.core.types import User
from gongkai.library.selectors import InterpretationGap, InterpretationRate, interpretation_rates
from gongkai.organisations.models import Organisation
from gongkai.reports import policies
from gongkai.reports.export import PALETTE, esc, svg_open
from gongkai.review.policies import unit_of
from gongkai.workdays.calendar import DatabaseCalendar
from gongkai.workdays.deadlines import add_workdays


@dataclass
class PendingReview:
    page: Any
    step: str
    since: dt.datetime
    requested_by: str


@dataclass
class UnitOversight:
    unit: Organisation
    overdue: int = 0
    soon: int = 0
    open: int = 0
    pending: int = 0
    rate: InterpretationRate | None = None

    @property
    def gaps(self) -> int:
        return len(self.rate.gaps) if self.rate else 0

    @property
    def needs_action(self) -> bool:
        return bool(self.overdue or self.soon or self.pending or self.gaps)

    @property
    def sort_key(self) -> tuple[Any, ...]:
        rate = self.rate.rate if self.rate and self.rate.rate is not None else 1.0
        return (-self.overdue, -self.soon, -self.pending, -self.gaps, rate, self.unit.path)


@dataclass
class UnitDetail:
    summary: UnitOversight
    overdue_cases: list[Any] = field(default_factory=list)
    soon_cases: list[Any] = field(default_factory=list)
    reviews: list[PendingReview] = field(default_factory=list)
    gaps: list[InterpretationGap] = field(default_factory=list)


def _horizon(today: dt.date) -> dt.date:
    days = int(settings.GONGKAI.get("REMINDER_WORKDAYS", 3))
    return add_workdays(DatabaseCalendar(), today, days)


def pending_reviews(units: Iterable[Organisation]) -> dict[int, list[PendingReview]]:
    """Content of the units in review now (Wagtail workflow states in progress), per unit."""
    wanted = {u.pk for u in units}
    states = (
        WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .select_related("current_task_state__task", "requested_by")
        .order_by("created_at")
    )
    pages = Page.objects.in_bulk([int(s.object_id) for s in states if s.object_id.isdigit()])
    found: dict[int, list[PendingReview]] = {}
    for state in states:
        page = pages.get(int(state.object_id)) if state.object_id.isdigit() else None
        if page is None:
            continue
        page = page.specific
        unit = unit_of(page)
        if unit is None or unit.pk not in wanted:
            continue
        task = state.current_task_state.task if state.current_task_state else None
        requester = state.requested_by
        found.setdefault(unit.pk, []).append(
            PendingReview(
                page=page,
                step=task.name if task else "",
                since=state.created_at,
                requested_by=(requester.get_full_name() or requester.get_username())
                if requester
                else "",
            )
        )
    return found


def oversight(
    user: User,
    *,
    year: int | None = None,
    today: dt.date | None = None,
    units: QuerySet[Organisation] | None = None,
) -> list[UnitOversight]:
    """Every unit the user oversees with what needs action, units needing action first."""
    shown = list(units if units is not None else policies.overseen_units(user))
    if not shown:
        return []
    ids = [u.pk for u in shown]
    counts = overdue_counts(Organisation.objects.filter(pk__in=ids), today)
    reviews = pending_reviews(shown)
    rates = {
        r.organisation.pk: r
        for r in interpretation_rates(
            user, year=year, units=Organisation.objects.filter(pk__in=ids)
        )
    }
    rows = [
        UnitOversight(
            unit=u,
            overdue=counts.get(u.pk, {}).get("overdue", 0),
            soon=counts.get(u.pk, {}).get("soon", 0),
            open=counts.get(u.pk, {}).get("open", 0),
            pending=len(reviews.get(u.pk, [])),
            rate=rates.get(u.pk),
        )
        for u in shown
    ]
    return sorted(rows, key=lambda r: r.sort_key)


def unit_detail(
    user: User, unit: Organisation, *, year: int | None = None, today: dt.date | None = None
) -> UnitDetail:
    """The items behind one unit's counts, for the drill-down."""
    today = today or timezone.localdate()
    units = Organisation.objects.filter(pk=unit.pk)
    summary = oversight(user, year=year, today=today, units=units)[0]
    cases = Application.objects.filter(organisation=unit, status__in=OPEN_STATUSES).order_by(
        "current_due_on", "pk"
    )
    return UnitDetail(
        summary=summary,
        overdue_cases=list(cases.filter(current_due_on__lt=today)),
        soon_cases=list(
            cases.filter(current_due_on__gte=today, current_due_on__lte=_horizon(today))
        ),
        reviews=pending_reviews([unit]).get(unit.pk, []),
        gaps=list(summary.rate.gaps) if summary.rate else [],
    )


# --- The chart ---------------------------------------------------------------------------------

CHART_SERIES = (
    ("overdue", "逾期申请", 5),
    ("soon", "即将到期申请", 4),
    ("pending", "待审核内容", 1),
    ("gaps", "解读问题", 3),
)
CHART_UNITS = 10


def chart_svg(rows: list[UnitOversight]) -> str:
    """The units needing action (at most CHART_UNITS, in the screen's order) as horizontal
    stacked bars, one segment per kind of item; server-rendered SVG (no script, no style
    attribute: the admin's CSP allows neither inline)."""
    shown = [r for r in rows if r.needs_action][:CHART_UNITS]
    label_w, left, bar_h, gap, width = 200, 12, 18, 8, 720
    top = 40
    height = top + max(1, len(shown)) * (bar_h + gap) + 30
    biggest = max((sum(getattr(r, k) for k, _l, _c in CHART_SERIES) for r in shown), default=0)
    scale = (width - label_w - 2 * left - 40) / biggest if biggest else 0
    if shown:
        desc = "；".join(
            f"{r.unit.name}：" + "，".join(f"{lab}{getattr(r, k)}" for k, lab, _c in CHART_SERIES)
            for r in shown
        )
    else:
        desc = "所有单位均无待办事项。"
    out = [svg_open(width, height, "gk-oversight", font_size=12, title="需处理事项", desc=desc)]
    for i, (_key, lab, color) in enumerate(CHART_SERIES):
        lx = left + 150 * i
        out.append(
            f'<rect x="{lx}" y="10" width="12" height="12" fill="{PALETTE[color]}"/>'
            f'<text x="{lx + 18}" y="21" fill="#000">{esc(lab)}</text>'
        )
    if not shown:
        out.append(f'<text x="{left}" y="{top + 14}" fill="#000">所有单位均无待办事项。</text>')
    for n, row in enumerate(shown):
        y = top + n * (bar_h + gap)
        out.append(
            f'<text x="{left}" y="{y + 13}" fill="#000">{esc(row.unit.display_short_name)}</text>'
        )
        x = float(left + label_w)
        for key, lab, color in CHART_SERIES:
            value = getattr(row, key)
            if not value:
                continue
            w = max(2.0, value * scale)
            out.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                f'fill="{PALETTE[color]}"><title>{esc(row.unit.name)} {esc(lab)}：{value}</title></rect>'
            )
            x += w
        total = sum(getattr(row, k) for k, _l, _c in CHART_SERIES)
        out.append(f'<text x="{x + 6:.1f}" y="{y + 13}" fill="#000">{total}</text>')
    out.append("</svg>")
    return "\n".join(out)
