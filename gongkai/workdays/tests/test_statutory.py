"""Statutory holidays by rule (《全国年节及纪念日放假办法》第二条、第六条, in force from 2025) and the
provisional deadlines of years without the official arrangement."""

from __future__ import annotations

from datetime import date

import chinese_calendar
import pytest

from gongkai.workdays.calendar import DatabaseCalendar, FixedCalendar
from gongkai.workdays.deadlines import CaseClock, add_workdays, compute
from gongkai.workdays.statutory import is_statutory_holiday, statutory_holidays


def test_2027_new_year_is_a_day_off():
    assert statutory_holidays(2027)[date(2027, 1, 1)] == "元旦"
    assert is_statutory_holiday(date(2027, 1, 1))
    assert not is_statutory_holiday(date(2026, 12, 31))
    assert not is_statutory_holiday(date(2027, 1, 4))


def test_2027_spring_festival_four_days_from_chuxi_and_make_up_days():
    # 正月初一 2027 is Sat 02-06: 除夕 Fri 02-05 to 初三 Mon 02-08; two of them on the weekend
    # are made up on Tue 02-09 and Wed 02-10 (第六条).
    days = statutory_holidays(2027)
    assert [d.day for d in days if d.month == 2] == [5, 6, 7, 8, 9, 10]
    assert days[date(2027, 2, 9)] == "春节补假"
    assert not is_statutory_holiday(date(2027, 2, 4))
    assert not is_statutory_holiday(date(2027, 2, 11))


def test_the_other_2027_holidays():
    days = statutory_holidays(2027)
    assert days[date(2027, 4, 5)] == "清明节"
    assert days[date(2027, 6, 9)] == "端午节"
    assert days[date(2027, 9, 15)] == "中秋节"
    assert [d for d in days if d.month == 10] == [date(2027, 10, d) for d in range(1, 6)]
    # 13 days of 第二条 (劳动节 2027 is Sat–Sun, 国庆 ends on a Sunday: 2 + 2 made up).
    assert len([n for n in days.values() if not n.endswith("补假")]) == 13


@pytest.mark.parametrize("year", [2025, 2026])
def test_rule_agrees_with_the_published_arrangements(year):
    # Every weekday the rule gives off was off in the 国务院办公厅's arrangement.
    for day in statutory_holidays(year):
        if day.weekday() < 5:
            assert not chinese_calendar.is_workday(day), day


def test_no_rule_for_years_of_the_old_version():
    assert statutory_holidays(2024) == {}


def test_official_years_ignore_the_rule():
    # An official year is exactly its table: the arrangement may differ from the rule.
    cal = FixedCalendar(official_years=[2027])
    assert cal.is_workday(date(2027, 1, 1))


def test_provisional_deadline_across_2027_new_year():
    cal = FixedCalendar.from_chinesecalendar()
    r = compute(CaseClock(received=date(2026, 12, 10)), cal)
    assert r.due == date(2027, 1, 8)  # 2027-01-01 is not counted
    assert r.provisional
    assert any("法定节假日" in s for s in r.derivation)


def test_provisional_deadline_across_2027_spring_festival():
    # Received Mon 2027-01-25: days 1–8 are 01-26..29 and 02-01..04, then 02-05..02-10 are off;
    # days 9–20 are 02-11, 02-12, 02-15..19, 02-22..26 → Fri 2027-02-26.
    cal = FixedCalendar.from_chinesecalendar()
    r = compute(CaseClock(received=date(2027, 1, 25)), cal)
    assert r.due == date(2027, 2, 26)
    assert r.provisional
    assert add_workdays(cal, date(2027, 2, 4), 1) == date(2027, 2, 11)


@pytest.mark.django_db
def test_database_calendar_uses_the_rule_for_unofficial_years():
    cal = DatabaseCalendar()
    assert not cal.is_official(2027)
    assert not cal.is_workday(date(2027, 1, 1))
    assert not cal.is_workday(date(2027, 2, 9))
    assert cal.is_workday(date(2027, 2, 11))
    assert cal.is_workday(date(2026, 2, 14))  # official 2026: its 调休上班 Saturday stays
