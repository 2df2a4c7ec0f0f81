"""The minimum consultation periods of DOMAIN.md §9, counted on a working-day calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gongkai.participation.periods import check_period, earliest_close, minimum_period
from gongkai.workdays.calendar import HOLIDAY, WORKDAY, FixedCalendar

# A calendar with a National Day week (2026-10-01..07 off, Saturday 10-10 worked) and nothing else.
CAL = FixedCalendar(
    {
        **{date(2026, 10, d): HOLIDAY for d in range(1, 8)},
        date(2026, 10, 10): WORKDAY,
    },
    official_years=[2026],
)


def test_regulation_thirty_days_from_the_day_after_opening():
    # Opens Monday 2026-11-02: day 1 is 11-03, day 30 is Wednesday 12-02 (民法典第二百零一条).
    assert earliest_close("regulation", date(2026, 11, 2), CAL) == date(2026, 12, 2)


def test_calendar_period_ending_on_a_holiday_moves_past_it():
    # Day 30 after 2026-09-01 is 10-01, a statutory holiday: the period ends on the first working
    # day after the holidays, 10-08 (民法典第二百零三条).
    assert earliest_close("major-decision", date(2026, 9, 1), CAL) == date(2026, 10, 8)


def test_calendar_period_ending_on_a_weekend_moves_to_monday():
    # Day 30 after Thursday 2026-11-05 is Saturday 12-05 → Monday 12-07.
    assert earliest_close("regulation", date(2026, 11, 5), CAL) == date(2026, 12, 7)


def test_normative_seven_working_days():
    # Opens Friday 2026-12-04: working days 12-07..12-11 and 12-14, 12-15 → 12-15.
    assert earliest_close("normative", date(2026, 12, 4), CAL) == date(2026, 12, 15)


def test_normative_working_days_skip_the_holiday_week_and_count_the_makeup_saturday():
    # Opens Wednesday 2026-09-30: 10-08 (1), 10-09 (2), Saturday 10-10 worked (3), 10-12..10-15 (4-7).
    assert earliest_close("normative", date(2026, 9, 30), CAL) == date(2026, 10, 15)


def test_market_related_normative_is_thirty_days():
    rule = minimum_period("normative", market_related=True)
    assert rule is not None and rule.days == 30 and not rule.working_days
    assert "第六十二条" in rule.basis
    assert earliest_close("normative", date(2026, 11, 2), CAL, market_related=True) == date(
        2026, 12, 2
    )


def test_other_drafts_have_no_minimum():
    assert minimum_period("other") is None
    result = check_period("other", date(2026, 11, 2), date(2026, 11, 3), CAL)
    assert result.earliest_close is None and not result.shortened


@pytest.mark.parametrize("days_short", [1, 10])
def test_shortened_period_is_detected(days_short):
    opens = date(2026, 11, 2)
    result = check_period("regulation", opens, date(2026, 12, 2) - timedelta(days=days_short), CAL)
    assert result.shortened
    assert not check_period("regulation", opens, date(2026, 12, 2), CAL).shortened
