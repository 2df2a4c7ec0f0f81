"""The minimum consultation period of a draft (DOMAIN.md §9). Pure functions of the kind, the
opening date and a working-day calendar; no Django.

- 规章 drafts: 30 days (《规章制定程序条例》, 2017 text: 一般不少于30日; DOMAIN.md §9).
- 行政规范性文件 affecting the public: 7 working days (国办发〔2018〕37号); when closely related to
  market entities' production and business: 30 days (《优化营商环境条例》第六十二条).
- 重大行政决策: 30 days (《重大行政决策程序暂行条例》第十五条).
- Other drafts: no statutory minimum.

All are "一般不少于": a shorter period is lawful only with the reason stated, which is published
with the consultation (the same articles).

Counting, as for the application deadlines: the opening day is not counted (民法典第二百零一条);
day 1 is the next day (calendar days) or the next working day (working days); the closing day is
included. A period in calendar days whose last day is a rest day or statutory holiday ends on the
first working day after it (民法典第二百零三条: 以法定休假日结束的次日为期间的最后一日).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.workdays.calendar import WorkCalendar
from gongkai.workdays.deadlines import add_workdays, next_workday_on_or_after

REGULATION = "regulation"
NORMATIVE = "normative"
MAJOR_DECISION = "major-decision"
OTHER = "other"


@dataclass(frozen=True)
class MinimumPeriod:
    days: int
    working_days: bool
    basis: str  # the rule, as shown to staff and in the refusal

    def describe(self) -> str:
        unit = "个工作日" if self.working_days else "日"
        return f"{self.days}{unit}（{self.basis}）"


def minimum_period(kind: str, *, market_related: bool = False) -> MinimumPeriod | None:
    if kind == REGULATION:
        return MinimumPeriod(30, False, "《规章制定程序条例》")
    if kind == NORMATIVE and market_related:
        return MinimumPeriod(30, False, "《优化营商环境条例》第六十二条")
    if kind == NORMATIVE:
        return MinimumPeriod(7, True, "国办发〔2018〕37号")
    if kind == MAJOR_DECISION:
        return MinimumPeriod(30, False, "《重大行政决策程序暂行条例》第十五条")
    return None


def earliest_close(
    kind: str, opens_on: date, cal: WorkCalendar, *, market_related: bool = False
) -> date | None:
    """The first closing date that gives the full minimum period, or None without a minimum."""
    rule = minimum_period(kind, market_related=market_related)
    if rule is None:
        return None
    if rule.working_days:
        return add_workdays(cal, opens_on, rule.days)
    return next_workday_on_or_after(cal, opens_on + timedelta(days=rule.days))


@dataclass(frozen=True)
class PeriodCheck:
    earliest_close: date | None
    shortened: bool  # closes before earliest_close (lawful only with a reason)
    rule: MinimumPeriod | None


def check_period(
    kind: str, opens_on: date, closes_on: date, cal: WorkCalendar, *, market_related: bool = False
) -> PeriodCheck:
    earliest = earliest_close(kind, opens_on, cal, market_related=market_related)
    rule = minimum_period(kind, market_related=market_related)
    return PeriodCheck(
        earliest_close=earliest,
        shortened=earliest is not None and closes_on < earliest,
        rule=rule,
    )
