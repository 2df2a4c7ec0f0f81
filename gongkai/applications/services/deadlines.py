"""A case's deadlines, as the engine (workdays.deadlines, 条例 第三十至三十三条) computes them
from the case's dates and pauses, stored on the case for lists, reminders and the report."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.applications.models import OPEN_STATUSES, Application, EventKind
from gongkai.applications.services.events import log
from gongkai.workdays.calendar import DatabaseCalendar, WorkCalendar
from gongkai.workdays.deadlines import CaseClock, Deadlines, compute
from gongkai.workdays.deadlines import Pause as ClockPause


def clock_for(case: Application, *, today: dt.date | None = None) -> CaseClock:
    pauses = (
        tuple(ClockPause(kind=p.kind, start=p.start, end=p.end) for p in case.pauses.all())
        if case.pk
        else ()
    )
    return CaseClock(
        received=case.received_on,
        correction_requested=case.correction_requested_on,
        corrected=case.corrected_on,
        pauses=pauses,
        extended=case.extended,
        correction_period=int(settings.GONGKAI.get("CORRECTION_PERIOD_WORKDAYS", 15)),
        today=today or timezone.localdate(),
    )


def compute_deadlines(case: Application, calendar: WorkCalendar | None = None) -> Deadlines:
    return compute(clock_for(case), calendar or DatabaseCalendar())


def recompute_deadlines(
    case: Application, *, save: bool = True, calendar: WorkCalendar | None = None
) -> bool:
    """Store the case's deadlines as the engine computes them now. Returns whether they
    changed."""
    result = compute_deadlines(case, calendar)
    before = (case.due_on, case.extended_due_on, case.correction_due_on, case.current_due_on)
    case.due_on = result.due
    case.extended_due_on = result.extended_due
    # Once the correction has arrived its deadline is spent: no screen shows it any longer.
    case.correction_due_on = None if case.corrected_on else result.correction_answer_due
    case.current_due_on = result.due  # the engine's deadline in force (extended once extended)
    case.deadline_provisional = result.provisional
    case.deadline_derivation = list(result.derivation)
    after = (case.due_on, case.extended_due_on, case.correction_due_on, case.current_due_on)
    if save:
        case.save(
            update_fields=[
                "due_on",
                "extended_due_on",
                "correction_due_on",
                "current_due_on",
                "deadline_provisional",
                "deadline_derivation",
            ]
        )
    return before != after


def recompute_open_cases(reason: str) -> int:
    """After a change of the working-day calendar: recompute every open case and note the change
    on each case whose deadline moved (DOMAIN.md §1.2)."""
    calendar = DatabaseCalendar()
    changed = 0
    for case in Application.objects.filter(status__in=OPEN_STATUSES).prefetch_related("pauses"):
        old = case.current_due_on
        with transaction.atomic():
            if recompute_deadlines(case, calendar=calendar):
                changed += 1
                log(
                    case,
                    EventKind.DEADLINE_RECOMPUTED,
                    note=_("工作日历变更（%(r)s）：期限由 %(a)s 改为 %(b)s。")
                    % {"r": reason, "a": old or "—", "b": case.current_due_on or "—"},
                    public=False,
                )
    return changed
