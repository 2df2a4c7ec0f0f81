"""Reminders before deadlines and escalation after them (run daily: ``gongkai applications
remind``; idempotent — each reminder is sent once per case and deadline — and locked).

- N working days before a case's current deadline (GONGKAI["REMINDER_WORKDAYS"], default 3): the
  handler and the unit's heads are reminded;
- the day after the deadline, if the case is still open: the heads and the overseeing offices of
  the unit (政务公开办 of its subtree) are told it is overdue (逾期).
The scan reads the index (status, current_due_on): only cases in the two date windows are
loaded, however many cases there are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import User as AuthUser
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from gongkai.applications.models import OPEN_STATUSES, Application, Reminder
from gongkai.organisations.models import Membership, Organisation, Role
from gongkai.workdays.calendar import DatabaseCalendar, WorkCalendar
from gongkai.workdays.deadlines import add_workdays


@dataclass
class ReminderStats:
    due_soon: int = 0
    overdue: int = 0
    messages: list[tuple[str, list[str], str]] = field(default_factory=list)  # (kind, to, case)


class _People:
    """Heads and overseeing offices per unit, looked up once per run."""

    def __init__(self) -> None:
        self.heads: dict[int, list[AuthUser]] = {}
        self.overseers: dict[int, list[AuthUser]] = {}

    def heads_of(self, case: Application) -> list[AuthUser]:
        unit = case.organisation_id
        if unit not in self.heads:
            self.heads[unit] = [
                m.user
                for m in Membership.objects.filter(organisation_id=unit, role=Role.UNIT_HEAD)
                .select_related("user")
                .order_by("pk")
            ]
        return self.heads[unit]

    def overseers_of(self, case: Application) -> list[AuthUser]:
        unit = case.organisation_id
        if unit not in self.overseers:
            path = case.organisation.path
            prefixes = [path[:i] for i in range(4, len(path) + 1, 4)]
            self.overseers[unit] = [
                m.user
                for m in Membership.objects.filter(
                    role=Role.OVERSEER, organisation__path__in=prefixes
                )
                .select_related("user")
                .order_by("pk")
            ]
        return self.overseers[unit]


def _addresses(users: list[AuthUser | None]) -> list[str]:
    seen: list[str] = []
    for user in users:
        if user is not None and user.is_active and user.email and user.email not in seen:
            seen.append(user.email)
    return seen


def _message(
    case: Application, kind: str, deadline: dt.date, today: dt.date, to: list[str]
) -> EmailMessage:
    if kind == "due_soon":
        subject = f"【依申请公开】{case.number} 将于 {deadline} 到期"
        body = (
            f"{case.organisation.name}受理的政府信息公开申请 {case.number} 答复期限为 {deadline}，"
            "请及时办理。"
        )
    else:
        subject = f"【依申请公开·逾期】{case.number} 已超过答复期限"
        body = (
            f"{case.organisation.name}受理的政府信息公开申请 {case.number} 答复期限为 {deadline}，"
            f"截至 {today} 尚未办结（条例第三十三条）。请督促办理。"
        )
    return EmailMessage(subject, body, None, to)


BATCH = 1000


def _not_sent(kind: str) -> Exists:
    return Exists(
        Reminder.objects.filter(
            application=OuterRef("pk"), kind=kind, deadline=OuterRef("current_due_on")
        )
    )


def _send_all(
    cases: QuerySet[Application], kind: str, today: dt.date, people: _People, stats: ReminderStats
) -> int:
    """One reminder per case and deadline: rows in batches (the unique constraint keeps it once
    even if two runs overlapped), mail over one connection."""
    rows: list[Reminder] = []
    mails: list[EmailMessage] = []
    connection = get_connection(fail_silently=True)
    sent = 0

    def flush() -> None:
        Reminder.objects.bulk_create(rows, ignore_conflicts=True)
        if mails:
            connection.send_messages(mails)
        rows.clear()
        mails.clear()

    for case in cases.iterator(chunk_size=BATCH):
        users = [case.handler, *people.heads_of(case)]
        if kind == "overdue":
            users += people.overseers_of(case)
        deadline = case.current_due_on or today
        rows.append(
            Reminder(
                application=case,
                kind=kind,
                deadline=deadline,
                sent_on=today,
                recipients=", ".join(u.get_username() for u in users if u is not None),
            )
        )
        to = _addresses(users)
        if to:
            mails.append(_message(case, kind, deadline, today, to))
        stats.messages.append((kind, to, case.number))
        sent += 1
        if len(rows) >= BATCH:
            flush()
    flush()
    return sent


def run(
    *,
    today: dt.date | None = None,
    days_before: int | None = None,
    calendar: WorkCalendar | None = None,
) -> ReminderStats:
    today = today or timezone.localdate()
    days = int(
        days_before if days_before is not None else settings.GONGKAI.get("REMINDER_WORKDAYS", 3)
    )
    calendar = calendar or DatabaseCalendar()
    stats, people = ReminderStats(), _People()
    # Due within N working days: today ≤ deadline ≤ the N-th working day after today, i.e.
    # today is on or after "N working days before the deadline".
    horizon = add_workdays(calendar, today, days)
    soon = (
        Application.objects.filter(
            status__in=OPEN_STATUSES, current_due_on__gte=today, current_due_on__lte=horizon
        )
        .exclude(_not_sent("due_soon"))
        .select_related("organisation", "handler")
        .order_by("pk")
    )
    overdue = (
        Application.objects.filter(status__in=OPEN_STATUSES, current_due_on__lt=today)
        .exclude(_not_sent("overdue"))
        .select_related("organisation", "handler")
        .order_by("pk")
    )
    with transaction.atomic():
        stats.due_soon = _send_all(soon, "due_soon", today, people, stats)
        stats.overdue = _send_all(overdue, "overdue", today, people, stats)
    return stats


def overdue_counts(
    units: QuerySet[Organisation], today: dt.date | None = None
) -> dict[int, dict[str, int]]:
    """Per unit: open cases, due within N working days, overdue (the dashboards)."""

    today = today or timezone.localdate()
    horizon = add_workdays(
        DatabaseCalendar(), today, int(settings.GONGKAI.get("REMINDER_WORKDAYS", 3))
    )
    rows = (
        Application.objects.filter(organisation__in=units, status__in=OPEN_STATUSES)
        .values("organisation")
        .annotate(
            open=Count("pk"),
            soon=Count("pk", filter=Q(current_due_on__gte=today, current_due_on__lte=horizon)),
            overdue=Count("pk", filter=Q(current_due_on__lt=today)),
        )
    )
    return {
        r["organisation"]: {"open": r["open"], "soon": r["soon"], "overdue": r["overdue"]}
        for r in rows
    }
