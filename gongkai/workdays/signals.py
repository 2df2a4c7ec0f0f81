"""``calendar_changed``: sent, after the transaction commits, whenever working-day data changes.

Receivers get ``years`` (a set of ints): the years whose deadlines may have moved. The applications
app listens to recompute open cases' deadlines and log the change on each case (DOMAIN §1.2).
Admin edits and deletes are caught through the model signals below; the import and seed services
change many rows at once and send a single signal for all of them (``collecting_changes``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from gongkai.workdays.models import CalendarDay, CalendarYear

calendar_changed = Signal()  # sent with years=set[int]

_collector: ContextVar[set[int] | None] = ContextVar("workdays_calendar_collector", default=None)


def announce_change(years: Iterable[int]) -> None:
    """Send ``calendar_changed`` for ``years`` once the current transaction commits."""
    changed = {int(y) for y in years}
    if not changed:
        return
    collected = _collector.get()
    if collected is not None:
        collected |= changed
        return
    transaction.on_commit(
        lambda: calendar_changed.send(sender=CalendarDay, years=changed), robust=False
    )


@contextmanager
def collecting_changes() -> Iterator[set[int]]:
    """Gather the changes made inside the block; the caller announces them once."""
    years: set[int] = set()
    token = _collector.set(years)
    try:
        yield years
    finally:
        _collector.reset(token)


def _years_of_day(instance: CalendarDay) -> set[int]:
    years = {instance.date.year}
    if instance._loaded_year is not None:
        years.add(instance._loaded_year)
    return years


@receiver(post_save, sender=CalendarDay, dispatch_uid="workdays_day_saved")
@receiver(post_delete, sender=CalendarDay, dispatch_uid="workdays_day_deleted")
def _day_changed(sender: Any, instance: CalendarDay, **kwargs: Any) -> None:
    announce_change(_years_of_day(instance))
    instance._loaded_year = instance.date.year


@receiver(post_save, sender=CalendarYear, dispatch_uid="workdays_year_saved")
@receiver(post_delete, sender=CalendarYear, dispatch_uid="workdays_year_deleted")
def _year_changed(sender: Any, instance: CalendarYear, **kwargs: Any) -> None:
    years = {instance.year}
    if instance._loaded_year is not None:
        years.add(instance._loaded_year)
    announce_change(years)
    instance._loaded_year = instance.year
