"""Statistics of letters per unit and period, counted on the working-day calendar (DOMAIN.md §5, §9).

Which letters count where (the rules of the public statistics, the CLI and the inspection view):

- A letter counts in the period (a month, or a whole year) of its ``received_on`` date, under the
  unit **now** responsible for it (``Letter.organisation``, 谁主管谁回应): a transferred letter
  moves with its responsibility to the new unit, in the month it was received. The due date does
  not restart on a transfer (``due_on`` was fixed at receipt, periods.due_on), so a late transfer
  is the receiving unit's overdue letter. Letters not routed to any unit yet are the disclosure
  office's to route: they form a row of their own (``unit`` None, "待分办").
- Invalid letters (``LetterStatus.INVALID``: abuse, advertising, no content) are not counted at
  all: the website indicators ask about *valid* messages (国办秘函〔2019〕19号).
- Everything is "as of" a day (default today): a letter received after it does not exist yet; a
  letter counts as answered when ``answered_on <= as_of``. So a past day's figures can be
  reproduced, and an answer given later does not rewrite them.

The figures of one row:

- ``received``: valid letters received in the period.
- ``answered``: of those, the ones answered by ``as_of``.
- ``on_time``: answered no later than their due day (``answered_on <= due_on``).
- ``overdue``: answered after the due day, plus unanswered with the due day passed
  (``due_on < as_of``). ``on_time + overdue`` may be less than ``received``: the rest are open
  and still within their period.
- ``unanswered_over_3_months``: valid, unanswered by ``as_of`` and past three months since receipt
  (periods.over_veto_period): the veto item of 国办秘函〔2019〕19号 (DOMAIN.md §5: "a valid message
  unanswered for over 3 months in the past year" fails the site).
- ``average_working_days``: the mean of periods.working_days_taken (working days after receipt up
  to and including the answer day) over the answered letters, one decimal rounded half up; None
  when none.
- ``satisfaction``: the writers' ratings of the answered letters (满意/基本满意/不满意) and the
  satisfaction rate = (满意 + 基本满意) / rated letters, in per cent with one decimal (None when
  no letter was rated).

The counts are aggregated in the database (one grouped query, the same SQL on SQLite and
PostgreSQL: date comparisons and conditional counts only); the calendar parts (working days taken,
the three-month veto) are computed in Python over value lists, with one calendar loaded per call
and a prefix sum of working days so that each letter costs O(1).
"""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import cast

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from gongkai.mailbox.models import Letter, LetterStatus, Satisfaction
from gongkai.mailbox.periods import over_veto_period
from gongkai.organisations.models import Organisation
from gongkai.workdays.calendar import DatabaseCalendar, WorkCalendar

UNROUTED_LABEL = "待分办（政务公开办分办）"
VETO_MIN_DAYS = 89


def one_decimal(numerator: int, denominator: int) -> float:
    """numerator / denominator rounded half up to one decimal (5.25 -> 5.3, as people round)."""
    exact = Decimal(numerator) / Decimal(denominator)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass
class Period:
    """A month (``month`` 1–12) or a whole year (``month`` None)."""

    year: int
    month: int | None = None

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month or 1, 1)

    @property
    def last(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, pycalendar.monthrange(self.year, month)[1])

    @property
    def label(self) -> str:
        return f"{self.year}年{self.month}月" if self.month else f"{self.year}年"


@dataclass
class UnitStats:
    """One unit's figures for one period (see the module docstring for each definition)."""

    unit: Organisation | None
    received: int = 0
    answered: int = 0
    on_time: int = 0
    overdue: int = 0
    unanswered_over_3_months: int = 0
    average_working_days: float | None = None
    satisfaction: dict[str, int] = field(default_factory=dict)
    working_days_total: int = 0  # the sum behind the average (for totals)

    @property
    def name(self) -> str:
        return self.unit.name if self.unit else UNROUTED_LABEL

    @property
    def slug(self) -> str | None:
        return self.unit.slug if self.unit else None

    @property
    def rated(self) -> int:
        return sum(self.satisfaction.values())

    @property
    def satisfaction_rate(self) -> float | None:
        """(满意 + 基本满意) / rated, per cent, one decimal."""
        if not self.rated:
            return None
        good = self.satisfaction.get(Satisfaction.SATISFIED, 0) + self.satisfaction.get(
            Satisfaction.BASIC, 0
        )
        return one_decimal(100 * good, self.rated)

    @property
    def on_time_rate(self) -> float | None:
        """On-time answers among answered letters, per cent, one decimal."""
        return one_decimal(100 * self.on_time, self.answered) if self.answered else None

    def as_json(self) -> dict[str, object]:
        """The issue's keys first (gongkai mailbox stats), then the name and the ratings."""
        return {
            "organ": self.slug,
            "received": self.received,
            "answered": self.answered,
            "on_time": self.on_time,
            "overdue": self.overdue,
            "unanswered_over_3_months": self.unanswered_over_3_months,
            "average_working_days": self.average_working_days,
            "name": self.name,
            "satisfaction": {
                **{value: self.satisfaction.get(value, 0) for value in Satisfaction.values},
                "rate": self.satisfaction_rate,
            },
        }


class WorkdayCounter:
    """Working days after ``a`` up to and including ``b`` in O(1), from a prefix sum over the
    span of dates asked about (workdays.deadlines.workdays_between, precomputed)."""

    def __init__(self, cal: WorkCalendar, start: dt.date, end: dt.date) -> None:
        self.start = start
        self.cumulative: list[int] = []
        total = 0
        day = start
        while day <= end:
            total += 1 if cal.is_workday(day) else 0
            self.cumulative.append(total)
            day += dt.timedelta(days=1)

    def between(self, a: dt.date, b: dt.date) -> int:
        if b <= a:
            return 0
        return self.cumulative[(b - self.start).days] - self.cumulative[(a - self.start).days]


def valid_letters(
    period: Period, *, as_of: dt.date, units: Iterable[Organisation] | None = None
) -> QuerySet[Letter]:
    """The valid letters received in ``period`` by ``as_of`` (of ``units`` when given)."""
    letters = Letter.objects.exclude(status=LetterStatus.INVALID).filter(
        received_on__gte=period.first, received_on__lte=min(period.last, as_of)
    )
    if units is not None:
        letters = letters.filter(organisation__in=list(units))
    return letters


def _answered(as_of: dt.date) -> Q:
    return Q(answered_on__isnull=False, answered_on__lte=as_of)


def unit_stats(
    period: Period,
    *,
    as_of: dt.date | None = None,
    units: Iterable[Organisation] | None = None,
    cal: WorkCalendar | None = None,
) -> list[UnitStats]:
    """Per unit (tree order; the unrouted letters last) the figures of ``period`` as of
    ``as_of``. With ``units``, exactly those units (a row of zeros for a unit without letters)
    and no unrouted row; without, every unit that has letters in the period."""
    as_of = as_of or timezone.localdate()
    chosen = list(units) if units is not None else None
    letters = valid_letters(period, as_of=as_of, units=chosen)
    answered = _answered(as_of)
    grouped = letters.values("organisation_id").annotate(
        received=Count("pk"),
        answered=Count("pk", filter=answered),
        on_time=Count("pk", filter=answered & Q(answered_on__lte=F("due_on"))),
        late=Count("pk", filter=answered & Q(answered_on__gt=F("due_on"))),
        open_past_due=Count("pk", filter=~answered & Q(due_on__lt=as_of)),
        **{
            f"rated_{value}": Count("pk", filter=answered & Q(satisfaction=value))
            for value in Satisfaction.values
        },
    )
    rows: dict[int | None, UnitStats] = {}
    for g in grouped.order_by():
        counts = cast("dict[str, int]", g)  # the annotations; a TypedDict to django-stubs
        rows[g["organisation_id"]] = UnitStats(
            unit=None,
            received=g["received"],
            answered=g["answered"],
            on_time=g["on_time"],
            overdue=g["late"] + g["open_past_due"],
            satisfaction={v: counts[f"rated_{v}"] for v in Satisfaction.values},
        )
    _add_calendar_parts(rows, letters, as_of, cal or DatabaseCalendar())
    if chosen is not None:
        for unit in chosen:
            rows.setdefault(unit.pk, UnitStats(unit=None))
    unit_by_id = Organisation.objects.in_bulk([pk for pk in rows if pk is not None])
    for pk, row in rows.items():
        row.unit = unit_by_id.get(pk) if pk is not None else None
    return sorted(rows.values(), key=lambda r: (r.unit is None, r.unit.path if r.unit else ""))


def _add_calendar_parts(
    rows: dict[int | None, UnitStats],
    letters: QuerySet[Letter],
    as_of: dt.date,
    cal: WorkCalendar,
) -> None:
    """Average working days taken and the veto count, in Python over value lists."""
    answered: list[tuple[int | None, dt.date, dt.date]] = [
        (unit_id, received_on, answered_on)
        for unit_id, received_on, answered_on in letters.filter(_answered(as_of)).values_list(
            "organisation_id", "received_on", "answered_on"
        )
        if answered_on is not None
    ]
    if answered:
        start = min(r for _, r, _ in answered)
        end = max(a for _, _, a in answered)
        counter = WorkdayCounter(cal, start, max(start, end))
        days: dict[int | None, list[int]] = defaultdict(list)
        for unit_id, received_on, answered_on in answered:
            days[unit_id].append(counter.between(received_on, answered_on))
        for unit_id, taken in days.items():
            rows[unit_id].working_days_total = sum(taken)
            rows[unit_id].average_working_days = one_decimal(sum(taken), len(taken))
    # Three months are at least 89 days (months_later): a cheap superset in SQL, the exact rule
    # (periods.over_veto_period) in Python.
    for unit_id, received_on in (
        letters.exclude(_answered(as_of))
        .filter(received_on__lt=as_of - dt.timedelta(days=VETO_MIN_DAYS))
        .values_list("organisation_id", "received_on")
    ):
        if over_veto_period(received_on, as_of):
            rows[unit_id].unanswered_over_3_months += 1


@dataclass(frozen=True)
class VetoLetter:
    """A valid letter unanswered for more than three months: the inspection's 单项否决."""

    pk: int
    number: str
    subject: str
    unit: str
    received_on: dt.date
    due_on: dt.date | None
    days_waiting: int  # calendar days since receipt, as of the day asked
    working_days_waiting: int


def veto_letters(
    *,
    as_of: dt.date | None = None,
    units: Iterable[Organisation] | None = None,
    include_unrouted: bool = False,
    since: dt.date | None = None,
    cal: WorkCalendar | None = None,
) -> list[VetoLetter]:
    """Every valid letter unanswered by ``as_of`` for more than three months (over_veto_period),
    oldest first; ``since`` limits to letters received from that day (the inspection looks at
    "the past year"). With ``units``, theirs (and the unrouted ones if asked)."""
    as_of = as_of or timezone.localdate()
    letters = (
        Letter.objects.exclude(status=LetterStatus.INVALID)
        .exclude(_answered(as_of))
        .filter(received_on__lte=as_of)
        .select_related("organisation")
        .order_by("received_on", "pk")
    )
    if since is not None:
        letters = letters.filter(received_on__gte=since)
    if units is not None:
        condition = Q(organisation__in=list(units))
        if include_unrouted:
            condition |= Q(organisation__isnull=True)
        letters = letters.filter(condition)
    candidates = [letter for letter in letters if over_veto_period(letter.received_on, as_of)]
    if not candidates:
        return []
    counter = WorkdayCounter(cal or DatabaseCalendar(), candidates[0].received_on, as_of)
    return [
        VetoLetter(
            pk=letter.pk,
            number=letter.number,
            subject=letter.subject,
            unit=letter.organisation.name if letter.organisation else UNROUTED_LABEL,
            received_on=letter.received_on,
            due_on=letter.due_on,
            days_waiting=(as_of - letter.received_on).days,
            working_days_waiting=counter.between(letter.received_on, as_of),
        )
        for letter in candidates
    ]


def totals(rows: list[UnitStats]) -> UnitStats:
    """The sum of rows (the table's 合计 line), the average over all answered letters."""
    total = UnitStats(unit=None)
    for row in rows:
        total.received += row.received
        total.answered += row.answered
        total.on_time += row.on_time
        total.overdue += row.overdue
        total.unanswered_over_3_months += row.unanswered_over_3_months
        total.working_days_total += row.working_days_total
        for key, n in row.satisfaction.items():
            total.satisfaction[key] = total.satisfaction.get(key, 0) + n
    if total.answered:
        total.average_working_days = one_decimal(total.working_days_total, total.answered)
    return total
