"""Response periods of letters, counted on the working-day calendar (DOMAIN.md §9).

There is no national period for mailboxes; the disclosure office sets one per channel
(``ChannelSetting.response_workdays``; defaults in models.DEFAULT_RESPONSE_WORKDAYS). As for
applications, the day of receipt is not counted (民法典第二百零一条): the answer is due on the
N-th working day after the letter was received. A letter received on a rest day counts from the
next working day, which add_workdays does already (it only counts working days).
"""

from __future__ import annotations

import datetime as dt

from gongkai.mailbox.models import DEFAULT_RESPONSE_WORKDAYS, ChannelSetting
from gongkai.workdays.calendar import DatabaseCalendar, WorkCalendar
from gongkai.workdays.deadlines import add_workdays, workdays_between

# The website indicators fail a site for a valid message left unanswered over three months
# (国办秘函〔2019〕19号, DOMAIN.md §5): the inspection's veto item.
VETO_MONTHS = 3


def response_workdays(channel: str) -> int:
    setting = ChannelSetting.objects.filter(channel=channel).first()
    if setting is not None:
        return setting.response_workdays
    return DEFAULT_RESPONSE_WORKDAYS[channel]


def due_on(channel: str, received_on: dt.date, cal: WorkCalendar | None = None) -> dt.date:
    """The last day to answer a letter of ``channel`` received on ``received_on``."""
    return add_workdays(cal or DatabaseCalendar(), received_on, response_workdays(channel))


def working_days_taken(
    received_on: dt.date, answered_on: dt.date, cal: WorkCalendar | None = None
) -> int:
    """Working days after receipt up to and including the answer (0: answered the same day)."""
    return max(0, workdays_between(cal or DatabaseCalendar(), received_on, answered_on))


def months_later(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the month's last day when it has no such day (1月31日 +
    1 month = 2月28/29日, as 民法典第二百零二条 counts periods in months)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def over_veto_period(received_on: dt.date, today: dt.date) -> bool:
    """Unanswered for more than three months: past the day three months after receipt."""
    return today > months_later(received_on, VETO_MONTHS)
