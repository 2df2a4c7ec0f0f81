"""A change of the working-day calendar moves open cases' deadlines (DOMAIN.md §1.2)."""

from __future__ import annotations

from collections.abc import Iterable

from django.dispatch import receiver

from gongkai.applications.services import recompute_open_cases
from gongkai.workdays.signals import calendar_changed


@receiver(calendar_changed)
def recompute_after_calendar_change(
    sender: object, years: Iterable[int] = (), **kwargs: object
) -> None:
    listed = "、".join(str(y) for y in sorted(years)) if years else ""
    recompute_open_cases(f"{listed}年工作日历" if listed else "工作日历")
