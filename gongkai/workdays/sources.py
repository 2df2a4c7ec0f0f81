"""Where calendar data comes from: the ``chinesecalendar`` package (国务院办公厅 arrangements 2004–2026).

Pure functions, no Django: the data migration, the ``calendar seed`` command and the tests use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar
from chinese_calendar import constants

HOLIDAY = "holiday"
WORKDAY = "workday"

_CHINESE_NAMES = {h.value: h.chinese for h in constants.Holiday}


@dataclass(frozen=True)
class ExceptionDay:
    """A day that breaks the Monday–Friday rule."""

    date: date
    kind: str  # HOLIDAY or WORKDAY
    note: str


def chinesecalendar_years() -> range:
    """The years for which the installed package has official data (2004–2026 in version 1.11)."""
    first = min(constants.holidays)
    last = max(constants.holidays)
    return range(first.year, last.year + 1)


def chinesecalendar_exceptions(year: int) -> list[ExceptionDay]:
    """Every exception day of ``year`` according to chinesecalendar, with the holiday's Chinese name."""
    days: list[ExceptionDay] = []
    d = date(year, 1, 1)
    while d.year == year:
        weekend = d.weekday() >= 5
        workday = chinese_calendar.is_workday(d)  # raises NotImplementedError outside its range
        if weekend and workday:
            days.append(ExceptionDay(d, WORKDAY, _name(constants.workdays.get(d), "调休上班")))
        elif not weekend and not workday:
            days.append(ExceptionDay(d, HOLIDAY, _name(constants.holidays.get(d), "休息")))
        d += timedelta(days=1)
    return days


def _name(english: str | None, suffix: str) -> str:
    if not english:
        return suffix
    return f"{_CHINESE_NAMES.get(english, english)}{suffix if suffix == '调休上班' else ''}"
