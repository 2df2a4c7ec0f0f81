"""Staff reads of letters, scoped by who may see what (mailbox.policies)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from gongkai.core.queryparams import MAX_ID
from gongkai.core.types import User
from gongkai.mailbox import policies
from gongkai.mailbox.models import OPEN_STATUSES, Channel, ChannelSetting, FaqEntry, Letter
from gongkai.workdays.calendar import DatabaseCalendar, WorkCalendar
from gongkai.workdays.deadlines import add_workdays, workdays_between

DUE_FILTERS = ("overdue", "soon")
DEFAULT_REMIND_WORKDAYS = 2


def letters_for(user: User) -> QuerySet[Letter]:
    return policies.visible_letters(user).select_related(
        "organisation", "category", "handler", "received_by"
    )


def letter_for(user: User, pk: int) -> Letter | None:
    """The letter if the user may see it; None for another unit's and a missing one alike."""
    if not 0 < pk <= MAX_ID:
        return None
    return letters_for(user).filter(pk=pk).first()


def due_soon_condition(today: dt.date, cal: WorkCalendar | None = None) -> Q:
    """Open letters due within their channel's reminder window (ChannelSetting)."""
    cal = cal or DatabaseCalendar()
    before = dict(ChannelSetting.objects.values_list("channel", "remind_workdays_before"))
    condition = Q(pk__in=[])
    for channel in Channel.values:
        horizon = add_workdays(cal, today, before.get(channel, DEFAULT_REMIND_WORKDAYS))
        condition |= Q(channel=channel, due_on__gte=today, due_on__lte=horizon)
    return Q(status__in=OPEN_STATUSES) & condition


def filtered(
    letters: QuerySet[Letter],
    *,
    status: str = "",
    channel: str = "",
    due: str = "",
    unassigned: bool = False,
    today: dt.date,
) -> QuerySet[Letter]:
    if status:
        letters = letters.filter(status=status)
    if channel:
        letters = letters.filter(channel=channel)
    if due == "overdue":
        letters = letters.filter(status__in=OPEN_STATUSES, due_on__lt=today)
    elif due == "soon":
        letters = letters.filter(due_soon_condition(today))
    if unassigned:
        letters = letters.filter(organisation__isnull=True)
    return letters


@dataclass(frozen=True)
class DaysLeft:
    days: int | None  # working days to the due date (negative: overdue); None when not open
    text: str


def days_left(letter: Letter, today: dt.date, cal: WorkCalendar | None = None) -> DaysLeft:
    """Working days left to answer, on the working-day calendar."""
    if letter.status not in OPEN_STATUSES or letter.due_on is None:
        return DaysLeft(None, "—")
    n = workdays_between(cal or DatabaseCalendar(), today, letter.due_on)
    if letter.due_on < today:
        return DaysLeft(-abs(n), f"已逾期{abs(n)}个工作日")
    if n == 0:
        return DaysLeft(0, "今日到期")
    return DaysLeft(n, f"剩余{n}个工作日")


def faq_for(user: User) -> QuerySet[FaqEntry]:
    return policies.visible_faq(user).select_related("organisation", "source")
