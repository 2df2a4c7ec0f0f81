"""The statutory public holidays (法定节假日) of a year, known years before the yearly arrangement.

《全国年节及纪念日放假办法》 (国务院令第798号修订, in force from 2025-01-01) 第二条 fixes the holidays
every citizen has off:

- 元旦 1 day (1 January); 春节 4 days (除夕 to 正月初三); 清明节 1 day (the 清明 solar term);
  劳动节 2 days (1–2 May); 端午节 1 day (五月初五); 中秋节 1 day (八月十五); 国庆节 3 days (1–3 October).

第六条: a holiday of 第二条 that falls on a Saturday or Sunday is made up on a working day (补假).
We take the make-up day to be the first Monday–Friday day after the holiday block that is not itself
a holiday — what every arrangement since 2008 has done. Only the 调休 swaps (weekend days worked in
exchange for a longer break) cannot be known before the 国务院办公厅 publishes the arrangement.

A year without the official arrangement is therefore counted as Monday–Friday minus these days
(provisional; docs/deadlines.md §2 decision 8). Lunar dates come from ``lunardate`` (1900–2099), the
清明 solar term from ``chinesecalendar``'s solar-term table. Years before 2025 followed the earlier
version of the 办法; they are all official in the calendar table, so no fallback is given for them.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

FIRST_YEAR = 2025  # the amended 办法 (国务院令第798号) is in force from 2025-01-01
LAST_YEAR = 2099  # lunardate's range

ONE_DAY = timedelta(days=1)


def _lunar(year: int, month: int, day: int) -> date:
    from lunardate import LunarDate  # local import: needed only for years not yet official

    solar: date = LunarDate(year, month, day).to_solar_date()
    return solar


def _qingming(year: int) -> date:
    # local import: needed only beyond the official calendar
    from chinese_calendar import get_solar_terms

    terms: list[tuple[date, str]] = get_solar_terms(date(year, 4, 1), date(year, 4, 10))
    for day, name in terms:
        if name == "清明":
            return day
    raise ValueError(f"{year} 年清明节气不在已知范围内。")


def _block(first: date, days: int) -> list[date]:
    return [first + timedelta(days=i) for i in range(days)]


@lru_cache(maxsize=128)
def statutory_holidays(year: int) -> dict[date, str]:
    """The days off of 第二条 in ``year`` and their 第六条 make-up days, each with its name.

    Empty for years outside FIRST_YEAR–LAST_YEAR.
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return {}
    new_year = _lunar(year, 1, 1)
    blocks: list[tuple[str, list[date]]] = [
        ("元旦", [date(year, 1, 1)]),
        ("春节", _block(new_year - ONE_DAY, 4)),  # 除夕 (the day before 正月初一) to 初三
        ("清明节", [_qingming(year)]),
        ("劳动节", _block(date(year, 5, 1), 2)),
        ("端午节", [_lunar(year, 5, 5)]),
        ("中秋节", [_lunar(year, 8, 15)]),
        ("国庆节", _block(date(year, 10, 1), 3)),
    ]
    days: dict[date, str] = {}
    for name, block in blocks:
        for d in block:
            days.setdefault(d, name)
    for name, block in blocks:
        # 第六条: a holiday on a Saturday or Sunday is made up on the next free weekday.
        owed = sum(1 for d in block if d.weekday() >= 5)
        d = block[-1]
        while owed:
            d += ONE_DAY
            if d.weekday() < 5 and d not in days:
                days[d] = f"{name}补假"
                owed -= 1
    # 春节 of the year may start on 31 December of the year before (除夕); keep only this year.
    return {d: n for d, n in sorted(days.items()) if d.year == year}


def is_statutory_holiday(d: date) -> bool:
    """Whether ``d`` is a statutory holiday or make-up day (第二条, 第六条), computed by rule."""
    return d in statutory_holidays(d.year) or (
        d.month == 12 and d in statutory_holidays(d.year + 1)
    )
