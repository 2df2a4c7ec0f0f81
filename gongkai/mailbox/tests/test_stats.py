"""The letters' statistics against a hand count over 国庆 2026, on the real calendar.

The 2026 arrangement in the calendar table (workdays migration, 国务院办公厅 notice of
2025-11-04): 9/25 (Fri, 中秋) and 10/1–10/7 are holidays; Sunday 9/20 and Saturday 10/10 are
working days (调休上班); 10/11 (Sun) is a rest day. So around the holiday the working days are
… 9/24 Thu | 9/28 Mon, 9/29 Tue, 9/30 Wed | 10/8 Thu, 10/9 Fri, 10/10 Sat | 10/12 Mon, 10/13 …

Periods: 网上咨询 (consult) 5 working days, 投诉建议 (complaint) 15 (models.DEFAULT_RESPONSE_WORKDAYS);
the day of receipt is not counted (民法典第二百零一条).
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.utils import timezone

from gongkai.mailbox import periods, stats
from gongkai.mailbox.models import Channel, Letter, LetterStatus, Satisfaction, Transfer
from gongkai.workdays.models import CalendarDay

pytestmark = pytest.mark.django_db

D = dt.date
AS_OF = D(2026, 12, 7)
_serial = itertools.count(9000)


def make_letter(
    unit: Any,
    channel: str,
    received_on: dt.date,
    *,
    answered_on: dt.date | None = None,
    status: str | None = None,
    satisfaction: str = "",
    received_by: Any = None,
) -> Letter:
    serial = next(_serial)
    if status is None:
        status = LetterStatus.ANSWERED if answered_on else LetterStatus.ASSIGNED
    return Letter.objects.create(
        organisation=unit,
        received_by=received_by or unit,
        channel=channel,
        year=received_on.year,
        serial=serial,
        number=f"T{received_on.year}-{serial}",
        subject="关于入学政策的咨询",
        body="请问……",
        name="张三",
        submitted_at=timezone.make_aware(dt.datetime.combine(received_on, dt.time(9))),
        received_on=received_on,
        due_on=periods.due_on(channel, received_on),
        status=status,
        answered_on=answered_on,
        answered_at=timezone.make_aware(dt.datetime.combine(answered_on, dt.time(16)))
        if answered_on
        else None,
        satisfaction=satisfaction,
    )


@pytest.fixture
def letters(city: Any) -> dict[str, Letter]:
    a, b = city.a, city.b
    out = {
        # L1: received Tue 9/29; 5 working days: 9/30, 10/8, 10/9, 10/10 (Sat, 调休), 10/12 → due
        # 10/12. Answered on Saturday 10/10 (a working day): 4 working days, on time. 满意.
        "L1": make_letter(
            a,
            Channel.CONSULT,
            D(2026, 9, 29),
            answered_on=D(2026, 10, 10),
            satisfaction="satisfied",
        ),
        # L2: received Wed 9/30; 10/8, 10/9, 10/10, 10/12, 10/13 → due 10/13. Answered 10/14:
        # 10/8, 9, 10, 12, 13, 14 = 6 working days, one day late. 不满意.
        "L2": make_letter(
            a,
            Channel.CONSULT,
            D(2026, 9, 30),
            answered_on=D(2026, 10, 14),
            satisfaction="unsatisfied",
        ),
        # L3: 投诉建议 received Sat 10/3 (in the holiday); 15 working days from 10/8: 10/8, 9, 10,
        # 12–16, 19–23, 26, 27 → due 10/27. Not answered: overdue on 12/7.
        "L3": make_letter(a, Channel.COMPLAINT, D(2026, 10, 3)),
        # L4: received 10/1, invalid: counted nowhere.
        "L4": make_letter(a, Channel.CONSULT, D(2026, 10, 1), status=LetterStatus.INVALID),
        # L5: unit B, received Thu 10/8, answered the same day: 0 working days, on time. 基本满意.
        "L5": make_letter(
            b, Channel.CONSULT, D(2026, 10, 8), answered_on=D(2026, 10, 8), satisfaction="basic"
        ),
        # L6: received Fri 9/25 (中秋, a holiday): a September letter. 9/28, 29, 30, 10/8, 10/9 →
        # due 10/9; answered 10/9: 5 working days, on time.
        "L6": make_letter(a, Channel.CONSULT, D(2026, 9, 25), answered_on=D(2026, 10, 9)),
        # L7: written to B on Fri 10/9, transferred to A: A's letter now, due date unchanged:
        # 10/10, 12, 13, 14, 15 → due 10/15. Answered 10/16: 6 working days, late.
        "L7": make_letter(
            a, Channel.CONSULT, D(2026, 10, 9), answered_on=D(2026, 10, 16), received_by=b
        ),
    }
    Transfer.objects.create(letter=out["L7"], from_unit=b, to_unit=a, reason="属教育局职责")
    return out


def test_the_calendar_holds_the_2026_arrangement() -> None:
    days = dict(CalendarDay.objects.filter(date__year=2026).values_list("date", "kind"))
    assert days[D(2026, 10, 1)] == "holiday" and days[D(2026, 10, 7)] == "holiday"
    assert days[D(2026, 10, 10)] == "workday" and days[D(2026, 9, 25)] == "holiday"


def test_due_dates_are_counted_by_hand(letters: dict[str, Letter]) -> None:
    due = {key: letter.due_on for key, letter in letters.items()}
    assert due["L1"] == D(2026, 10, 12)
    assert due["L2"] == D(2026, 10, 13)
    assert due["L3"] == D(2026, 10, 27)
    assert due["L5"] == D(2026, 10, 14)
    assert due["L6"] == D(2026, 10, 9)
    assert due["L7"] == D(2026, 10, 15)


def test_october_per_unit_equals_the_hand_count(letters: dict[str, Letter], city: Any) -> None:
    rows = stats.unit_stats(stats.Period(2026, 10), as_of=AS_OF)
    by_unit = {row.unit: row for row in rows}
    assert set(by_unit) == {city.a, city.b}  # the invalid L4 adds no row or count
    a = by_unit[city.a]
    # L1 and L2 were received in September (they count there). October letters of A: L3
    # (10/3) and L7 (10/9, transferred from B). L4 is invalid.
    assert a.received == 2
    assert a.answered == 1  # L7
    assert a.on_time == 0
    assert a.overdue == 2  # L7 answered late; L3 unanswered past its due day 10/27
    assert a.unanswered_over_3_months == 0  # L3: three months end on 2027-01-03
    assert a.average_working_days == 6.0  # L7: 6
    assert a.satisfaction == {"satisfied": 0, "basic": 0, "unsatisfied": 0}
    b = by_unit[city.b]
    # B: L5 only (L7 counts for A, its unit now).
    assert (b.received, b.answered, b.on_time, b.overdue) == (1, 1, 1, 0)
    assert b.average_working_days == 0.0
    assert b.satisfaction_rate == 100.0  # 基本满意 counts as satisfied


def test_september_counts_the_letters_received_in_the_holiday_week(
    letters: dict[str, Letter], city: Any
) -> None:
    (a,) = stats.unit_stats(stats.Period(2026, 9), as_of=AS_OF)
    assert a.unit == city.a
    # L1 (on time, 4 days), L2 (late, 6 days), L6 (on time, 5 days).
    assert (a.received, a.answered, a.on_time, a.overdue) == (3, 3, 2, 1)
    assert a.average_working_days == 5.0  # (4 + 6 + 5) / 3
    assert a.satisfaction == {"satisfied": 1, "basic": 0, "unsatisfied": 1}
    assert a.satisfaction_rate == 50.0


def test_the_year_sums_the_months(letters: dict[str, Letter], city: Any) -> None:
    rows = stats.unit_stats(stats.Period(2026), as_of=AS_OF, units=[city.a])
    (a,) = rows
    # L1, L2, L3, L6, L7: 5 received; 4 answered; on time L1, L6; overdue L2, L7, L3.
    assert (a.received, a.answered, a.on_time, a.overdue) == (5, 4, 2, 3)
    assert a.average_working_days == 5.3  # (4 + 6 + 5 + 6) / 4 = 5.25, rounded half up
    total = stats.totals(stats.unit_stats(stats.Period(2026), as_of=AS_OF))
    assert (total.received, total.answered) == (6, 5)
    assert total.average_working_days == 4.2  # (4 + 6 + 5 + 6 + 0) / 5 = 4.2


def test_as_of_reproduces_an_earlier_day(letters: dict[str, Letter], city: Any) -> None:
    # On 10/13 L2 and L7 were not answered yet; L2 was due that day (not overdue yet); L7 was
    # received, due 10/15. L1 was answered on 10/10.
    (a,) = stats.unit_stats(stats.Period(2026, 9), as_of=D(2026, 10, 13), units=[city.a])
    assert (a.received, a.answered, a.on_time, a.overdue) == (3, 2, 2, 0)
    (a,) = stats.unit_stats(stats.Period(2026, 9), as_of=D(2026, 10, 14), units=[city.a])
    # 10/14: L2 answered that day, after its due day: late.
    assert (a.answered, a.on_time, a.overdue) == (3, 2, 1)


def test_the_veto_edge_exactly_three_months_and_one_day_more(
    letters: dict[str, Letter], city: Any
) -> None:
    # L3, received 2026-10-03, unanswered: three months end on 2027-01-03.
    on_the_day = stats.unit_stats(stats.Period(2026, 10), as_of=D(2027, 1, 3), units=[city.a])
    assert on_the_day[0].unanswered_over_3_months == 0
    assert stats.veto_letters(as_of=D(2027, 1, 3)) == []
    day_after = stats.unit_stats(stats.Period(2026, 10), as_of=D(2027, 1, 4), units=[city.a])
    assert day_after[0].unanswered_over_3_months == 1
    (veto,) = stats.veto_letters(as_of=D(2027, 1, 4))
    assert veto.number == letters["L3"].number and veto.unit == city.a.name
    assert veto.received_on == D(2026, 10, 3) and veto.days_waiting == 93
    # Another unit's list does not show it.
    assert stats.veto_letters(as_of=D(2027, 1, 4), units=[city.b]) == []


def test_month_end_three_months(city: Any) -> None:
    # 11/30 + 3 months = 2027-02-28 (no 2月30日, 民法典第二百零二条): over from 3/1.
    make_letter(city.a, Channel.CONSULT, D(2026, 11, 30))
    assert stats.veto_letters(as_of=D(2027, 2, 28)) == []
    assert len(stats.veto_letters(as_of=D(2027, 3, 1))) == 1


def test_unrouted_letters_have_their_own_row(city: Any) -> None:
    make_letter(None, Channel.LEADER, D(2026, 10, 12), status=LetterStatus.RECEIVED)
    rows = stats.unit_stats(stats.Period(2026, 10), as_of=AS_OF)
    assert [(r.unit, r.received, r.name) for r in rows] == [(None, 1, stats.UNROUTED_LABEL)]
    # Asked for named units, the unrouted row is not there.
    assert [r.received for r in stats.unit_stats(stats.Period(2026, 10), units=[city.a])] == [0]
    assert Satisfaction.values == ["satisfied", "basic", "unsatisfied"]
