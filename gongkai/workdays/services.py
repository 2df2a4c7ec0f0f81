"""Writes to the working-day calendar: the admin screens' days and years, seeding from
chinesecalendar and importing a CSV.

Each runs in one transaction, checks the actor through policies.can_manage_calendar (``actor``
None is the system: the CLI, demo data) and leaves entries in Wagtail's log (GB/T 22239-2019
8.1.4.3 安全审计). The seed and the import announce a single ``calendar_changed`` for the years
they changed; single rows announce through the model signals (signals.py).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from gongkai.core.services import record_delete, record_save
from gongkai.core.types import User
from gongkai.workdays import policies
from gongkai.workdays.models import CalendarDay, CalendarSource, CalendarYear, DayKind
from gongkai.workdays.signals import announce_change, collecting_changes
from gongkai.workdays.sources import chinesecalendar_exceptions, chinesecalendar_years

# A file "covers" a year — and marks it official — only if it has rows both in January (元旦) and
# in October (国庆). Both holidays always put at least one weekday off (《全国年节及纪念日放假办法》
# 第六条 moves a weekend holiday to a weekday), so a complete arrangement always has both.
COVERAGE_MONTHS = (1, 10)

IMPORT_ACTION = "gongkai.calendar_import"
SEED_ACTION = "gongkai.calendar_seed"


@dataclass(frozen=True)
class CalendarRow:
    line: int
    date: date
    kind: str  # "holiday" or "workday" as the file says it


@dataclass
class ImportResult:
    stored: int = 0  # exception rows created or changed
    removed: int = 0  # stored exceptions removed because the file says the day is ordinary
    unchanged: int = 0
    official_years: list[int] = field(default_factory=list)
    partial_years: list[int] = field(default_factory=list)  # imported, left provisional
    changed_years: set[int] = field(default_factory=set)


class CalendarFileError(ValueError):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def parse_calendar_csv(text: str) -> list[CalendarRow]:
    """Parse ``date,type`` lines (header optional). Raise ``CalendarFileError`` listing every bad line."""
    rows: list[CalendarRow] = []
    errors: list[str] = []
    seen: dict[date, CalendarRow] = {}
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    for line_no, record in enumerate(reader, start=1):
        cells = [c.strip() for c in record]
        if not any(cells):
            continue
        if line_no == 1 and cells[0].lower() == "date":
            continue
        if len(cells) != 2:
            errors.append(f"第 {line_no} 行：应为“日期,类型”两列，实际为 {len(cells)} 列。")
            continue
        raw_date, kind = cells[0], cells[1].lower()
        try:
            day = date.fromisoformat(raw_date)
        except ValueError:
            errors.append(f"第 {line_no} 行：日期“{raw_date}”无效，应为 YYYY-MM-DD。")
            continue
        if kind not in DayKind.values:
            errors.append(f"第 {line_no} 行：类型“{cells[1]}”无效，应为 holiday 或 workday。")
            continue
        if not 2000 <= day.year <= 2100:
            errors.append(f"第 {line_no} 行：年份 {day.year} 超出范围。")
            continue
        earlier = seen.get(day)
        if earlier is not None and earlier.kind != kind:
            errors.append(f"第 {line_no} 行：{raw_date} 与第 {earlier.line} 行的类型矛盾。")
            continue
        row = CalendarRow(line_no, day, kind)
        seen[day] = row
        rows.append(row)
    if errors:
        raise CalendarFileError(errors)
    return rows


def covered_years(rows: Iterable[CalendarRow]) -> tuple[list[int], list[int]]:
    """(years the rows cover completely, years they touch only partly)."""
    months: dict[int, set[int]] = {}
    for r in rows:
        months.setdefault(r.date.year, set()).add(r.date.month)
    full = sorted(y for y, m in months.items() if set(COVERAGE_MONTHS) <= m)
    partial = sorted(y for y in months if y not in full)
    return full, partial


def _check(actor: User | None) -> None:
    if actor is not None and not policies.can_manage_calendar(actor):
        raise PermissionDenied(_("您没有权限执行此操作。"))


def _audit_years(
    years: Iterable[int], *, action: str, actor: User | None, result: ImportResult, source: str
) -> None:
    """One log entry per year the import or seed touched, on the year's CalendarYear row (or,
    for a year imported only in part, which has no such row, on one of its days)."""
    data = {
        "source": source,
        "stored": result.stored,
        "removed": result.removed,
        "official_years": result.official_years,
    }
    for year in sorted(years):
        target: CalendarYear | CalendarDay | None = (
            CalendarYear.objects.filter(year=year).first()
            or CalendarDay.objects.filter(date__year=year).first()
        )
        if target is not None:
            log(instance=target, action=action, user=actor, data={**data, "year": year})


def calendar_import(
    *,
    rows: list[CalendarRow],
    actor: User | None = None,
    official_years: Iterable[int] | None = None,
    replace: bool = False,
    source: str = CalendarSource.IMPORT,
) -> ImportResult:
    """Store the rows. A row on a day that the weekday rule already gets right removes any stored
    exception for that day. ``official_years`` (default: the years the file covers completely) are
    marked official; ``replace`` first deletes the stored exceptions of those years."""
    _check(actor)
    full, _partial = covered_years(rows)
    chosen = sorted(set(full if official_years is None else official_years))
    result = ImportResult(
        official_years=chosen,
        partial_years=[y for y in sorted({r.date.year for r in rows}) if y not in chosen],
    )
    with transaction.atomic(), collecting_changes() as changed:
        if replace and chosen:
            deleted, _ = CalendarDay.objects.filter(date__year__in=chosen).delete()
            result.removed += deleted
        existing = {d.date: d for d in CalendarDay.objects.filter(date__in=[r.date for r in rows])}
        for r in rows:
            weekend = r.date.weekday() >= 5
            exception = (r.kind == DayKind.HOLIDAY) != weekend  # differs from Mon–Fri
            current = existing.get(r.date)
            if not exception:
                if current is not None:
                    current.delete()
                    result.removed += 1
                else:
                    result.unchanged += 1
                continue
            if current is not None and current.kind == r.kind:
                result.unchanged += 1
                continue
            if current is None:
                current = CalendarDay(date=r.date)
            current.kind = r.kind
            current.source = source
            current.save()
            result.stored += 1
        for year in chosen:
            entry, _ = CalendarYear.objects.get_or_create(year=year)
            if not entry.official or entry.source != source:
                entry.official = True
                entry.source = source
                entry.save()
        result.changed_years = set(changed)
        _audit_years(
            result.changed_years | set(chosen),
            action=IMPORT_ACTION,
            actor=actor,
            result=result,
            source=source,
        )
    announce_change(result.changed_years)
    return result


def calendar_seed(*, actor: User | None = None) -> ImportResult:
    """(Re-)seed every year chinesecalendar knows. Idempotent: an unchanged table sends no signal.

    Rows entered by an administrator or imported later for the same day are overwritten only where
    they disagree with the package; run ``calendar import`` again afterwards if they must win.
    """
    _check(actor)
    result = ImportResult(official_years=list(chinesecalendar_years()))
    with transaction.atomic(), collecting_changes() as changed:
        for year in chinesecalendar_years():
            wanted = {e.date: e for e in chinesecalendar_exceptions(year)}
            stored = {d.date: d for d in CalendarDay.objects.filter(date__year=year)}
            for day, old in stored.items():
                if day not in wanted:
                    old.delete()
                    result.removed += 1
            for day, e in wanted.items():
                found = stored.get(day)
                if found is not None and found.kind == e.kind and found.note == e.note:
                    result.unchanged += 1
                    continue
                row = found or CalendarDay(date=day)
                row.kind, row.note, row.source = e.kind, e.note, CalendarSource.CHINESECALENDAR
                row.save()
                result.stored += 1
            entry, _ = CalendarYear.objects.get_or_create(
                year=year, defaults={"source": CalendarSource.CHINESECALENDAR}
            )
            if not entry.official:
                entry.official = True
                entry.source = CalendarSource.CHINESECALENDAR
                entry.save()
        result.changed_years = set(changed)
        _audit_years(
            result.changed_years,
            action=SEED_ACTION,
            actor=actor,
            result=result,
            source=CalendarSource.CHINESECALENDAR,
        )
    announce_change(result.changed_years)
    return result


# --- The admin screens (工作日历): one day or one year at a time ----------------------------------


@transaction.atomic
def calendar_day_create(*, actor: User, date: date, kind: str, note: str = "") -> CalendarDay:
    """An exception entered by an administrator (source "admin")."""
    _check(actor)
    day = CalendarDay(date=date, kind=kind, note=note, source=CalendarSource.ADMIN)
    return record_save(day, actor=actor, created=True)


@transaction.atomic
def calendar_day_update(
    *, actor: User, day: CalendarDay, date: date, kind: str, note: str
) -> CalendarDay:
    """``day`` as stored; an administrator's edit makes the row theirs (source "admin")."""
    _check(actor)
    day.date, day.kind, day.note, day.source = date, kind, note, CalendarSource.ADMIN
    return record_save(day, actor=actor, created=False)


@transaction.atomic
def calendar_day_delete(*, actor: User, day: CalendarDay) -> None:
    _check(actor)
    record_delete(day, actor=actor)


@transaction.atomic
def calendar_year_create(*, actor: User, year: int, official: bool) -> CalendarYear:
    _check(actor)
    entry = CalendarYear(year=year, official=official)
    return record_save(entry, actor=actor, created=True)


@transaction.atomic
def calendar_year_update(
    *, actor: User, entry: CalendarYear, year: int, official: bool
) -> CalendarYear:
    """``entry`` as stored; its source stays what it was."""
    _check(actor)
    entry.year, entry.official = year, official
    return record_save(entry, actor=actor, created=False)


@transaction.atomic
def calendar_year_delete(*, actor: User, entry: CalendarYear) -> None:
    _check(actor)
    record_delete(entry, actor=actor)
