"""Working-day calendars for the deadline engine: the protocol, the database-backed calendar used in
production and an in-memory one for tests and the benchmark.

A day is a working day by the Monday–Friday rule unless the calendar lists it as an exception
(法定节假日 on a weekday, 调休上班 on a weekend). Years without the official arrangement use the
weekday rule minus the statutory holidays fixed by 《全国年节及纪念日放假办法》 第二条、第六条
(gongkai.workdays.statutory; only the 调休 swaps are unknown) and are reported as not official,
which makes deadlines that touch them provisional.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Protocol

from gongkai.workdays.models import CalendarDay, CalendarYear
from gongkai.workdays.statutory import is_statutory_holiday

HOLIDAY = "holiday"
WORKDAY = "workday"


class WorkCalendar(Protocol):
    def is_workday(self, d: date, /) -> bool: ...

    def is_official(self, year: int, /) -> bool: ...


def _is_workday(exceptions: Mapping[date, str], d: date, official: bool = True) -> bool:
    kind = exceptions.get(d)
    if kind == HOLIDAY:
        return False
    if kind == WORKDAY:
        return True
    if d.weekday() >= 5:
        return False
    # 《全国年节及纪念日放假办法》第二条、第六条: the statutory holidays are known years ahead; a
    # year without the official arrangement still has them off (provisional, docs/deadlines.md).
    return official or not is_statutory_holiday(d)


class FixedCalendar:
    """An in-memory calendar: ``exceptions`` maps a date to ``"holiday"`` or ``"workday"``."""

    def __init__(
        self, exceptions: Mapping[date, str] | None = None, official_years: Iterable[int] = ()
    ) -> None:
        self.exceptions = dict(exceptions or {})
        self.official_years = frozenset(official_years)
        bad = {k for k in self.exceptions.values() if k not in (HOLIDAY, WORKDAY)}
        if bad:
            raise ValueError(f"未知的日期类型：{sorted(bad)}")

    @classmethod
    def from_chinesecalendar(cls, years: Iterable[int] | None = None) -> FixedCalendar:
        """The official arrangements shipped with the ``chinesecalendar`` package."""
        # local import: chinesecalendar is loaded only by the calendars that read it
        from gongkai.workdays.sources import chinesecalendar_exceptions, chinesecalendar_years

        chosen = list(chinesecalendar_years() if years is None else years)
        exceptions = {e.date: e.kind for y in chosen for e in chinesecalendar_exceptions(y)}
        return cls(exceptions, official_years=chosen)

    def is_workday(self, d: date, /) -> bool:
        return _is_workday(self.exceptions, d, d.year in self.official_years)

    def is_official(self, year: int, /) -> bool:
        return year in self.official_years


class DatabaseCalendar:
    """The calendar table (CalendarDay, CalendarYear), read once per instance on first use.

    Create one per request or per batch of computations; it does not see later changes.
    """

    def __init__(self) -> None:
        self._exceptions: dict[date, str] | None = None
        self._official: frozenset[int] = frozenset()

    def _load(self) -> dict[date, str]:
        if self._exceptions is None:
            # local import: the pure deadline engine and FixedCalendar import this module
            # without Django set up (tests, the benchmark); only this calendar needs the models

            self._exceptions = dict(CalendarDay.objects.values_list("date", "kind"))
            self._official = frozenset(
                CalendarYear.objects.filter(official=True).values_list("year", flat=True)
            )
        return self._exceptions

    def is_workday(self, d: date, /) -> bool:
        exceptions = self._load()
        return _is_workday(exceptions, d, d.year in self._official)

    def is_official(self, year: int, /) -> bool:
        self._load()
        return year in self._official
