"""Properties of the working-day arithmetic, and a cross-check of the seeded calendar and the
engine against chinese_calendar itself."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.workdays.calendar import DatabaseCalendar, FixedCalendar
from gongkai.workdays.deadlines import (
    CaseClock,
    add_workdays,
    compute,
    next_workday_on_or_after,
    subtract_workdays,
    workdays_between,
)

CAL = FixedCalendar.from_chinesecalendar()
dates = st.dates(min_value=date(2004, 1, 1), max_value=date(2025, 12, 31))
counts = st.integers(min_value=0, max_value=60)


@given(dates, counts)
def test_add_then_count_gives_n(start, n):
    end = add_workdays(CAL, start, n)
    assert workdays_between(CAL, start, end) == n
    assert workdays_between(CAL, end, start) == -n
    if n:
        assert CAL.is_workday(end)
        assert end > start


@given(dates, counts)
def test_subtract_undoes_add_from_a_working_day(start, n):
    start = next_workday_on_or_after(CAL, start)
    assert subtract_workdays(CAL, add_workdays(CAL, start, n), n) == start


@given(dates, counts, counts)
def test_add_is_additive_and_monotone(start, m, n):
    assert add_workdays(CAL, add_workdays(CAL, start, m), n) == add_workdays(CAL, start, m + n)
    if m <= n:
        assert add_workdays(CAL, start, m) <= add_workdays(CAL, start, n)


@settings(max_examples=50)
@given(dates, st.integers(min_value=1, max_value=60))
def test_add_matches_chinese_calendar(start, n):
    following = chinese_calendar.get_workdays(
        start + timedelta(days=1), start + timedelta(days=200)
    )
    assert add_workdays(CAL, start, n) == following[n - 1]


def test_negative_counts_go_the_other_way():
    assert add_workdays(CAL, date(2026, 3, 9), -1) == date(2026, 3, 6)
    assert subtract_workdays(CAL, date(2026, 3, 6), -1) == date(2026, 3, 9)


def test_fallback_is_monday_to_friday_minus_statutory_holidays():
    empty = FixedCalendar()
    assert not empty.is_workday(date(2027, 1, 1))  # a Friday, but 元旦 (放假办法 第二条)
    assert not empty.is_workday(date(2027, 1, 2))
    assert empty.is_workday(date(2027, 1, 4))
    assert not empty.is_official(2027)


@pytest.mark.django_db
def test_seeded_table_matches_chinese_calendar_for_every_day():
    cal = DatabaseCalendar()
    day = date(2004, 1, 1)
    while day.year <= 2026:
        assert cal.is_workday(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)
    assert all(cal.is_official(y) for y in range(2004, 2027))
    assert not cal.is_official(2027)


@pytest.mark.django_db
def test_every_2026_receipt_against_chinese_calendar():
    # Independent counting: list 2026–27 working days with chinese_calendar, take the receipt
    # day (first working day on or after arrival) and the 20th and 40th working days after it.
    cal = DatabaseCalendar()
    workdays = chinese_calendar.get_workdays(date(2026, 1, 1), date(2026, 12, 31))
    day = date(2026, 1, 1)
    while day <= date(2026, 10, 31):
        receipt = next(w for w in workdays if w >= day)
        i = workdays.index(receipt)
        result = compute(CaseClock(received=day), cal)
        assert result.received == receipt, day
        assert result.due == workdays[i + 20], day
        assert result.extended_due == workdays[i + 40], day
        assert result.correction_request_due == workdays[i + 7], day
        assert not result.provisional
        day += timedelta(days=1)
