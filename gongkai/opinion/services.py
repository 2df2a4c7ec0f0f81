"""Writes of the public-opinion register (政务舆情回应, 国办发〔2016〕61号): registering an
incident, deciding its responsible unit ("谁主管谁回应"), recording responses, closing, the
periods of 较大/一般 incidents, and the escalation of overdue incidents to the overseer.

Keyword-only, checked against opinion.policies (``actor=None`` is the system: the CLI, the demo,
the scheduled escalation), one transaction each, a Wagtail log entry each.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from gongkai.checker.engine import check_text
from gongkai.core.sequences import sequence_next_value
from gongkai.core.types import User
from gongkai.opinion import deadlines, policies
from gongkai.opinion.models import (
    CONFIGURABLE_LEVELS,
    Incident,
    IncidentAssignment,
    IncidentStatus,
    Level,
    Response,
    ResponseKind,
    ResponsePeriod,
    Source,
)
from gongkai.organisations.models import Membership, Organisation, Role

INCIDENT_REGISTER = "gongkai.incident_register"
INCIDENT_ASSIGN = "gongkai.incident_assign"
RESPONSE_RECORD = "gongkai.response_record"
INCIDENT_CLOSE = "gongkai.incident_close"
INCIDENT_ESCALATE = "gongkai.incident_escalate"
RESPONSE_PERIOD_SET = "gongkai.response_period_set"

# A clock a few minutes fast on a staff member's computer is not an incident from the future.
CLOCK_SKEW = dt.timedelta(minutes=10)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def _check_choice(value: str, choices: list[str], field_name: str, message: str) -> None:
    if value not in choices:
        raise ValidationError({field_name: message}, code="invalid_choice")


def _apply_deadlines(incident: Incident) -> None:
    due = deadlines.deadlines_for(incident.level, incident.first_seen_at)
    incident.respond_by, incident.conference_by = due.respond_by, due.conference_by


def _all_met(incident: Incident) -> bool:
    reqs = deadlines.requirements(incident.level, incident.respond_by, incident.conference_by)
    kinds = set(incident.responses.values_list("kind", flat=True))
    return all(kinds & req.kinds for req in reqs)


# --- Registering and assigning ----------------------------------------------------------------------


@transaction.atomic
def incident_register(
    *,
    actor: User | None,
    office: Organisation,
    source: str,
    first_seen_at: dt.datetime,
    summary: str,
    level: str,
    matter: str,
    link: str = "",
    unit: Organisation | None = None,
    reason: str = "",
    now: dt.datetime | None = None,
) -> Incident:
    """Register an incident for ``office``'s disclosure office; with ``unit`` (and ``reason``),
    decide its responsible unit at once. Deadlines run from ``first_seen_at`` (deadlines.py)."""
    if actor is not None and not policies.can_register_for(actor, office):
        raise PermissionDenied(_("您没有权限为该单位登记政务舆情。"))
    now = now or timezone.now()
    _check_choice(level, Level.values, "level", _("舆情级别不正确。"))
    _check_choice(source, Source.values, "source", _("舆情来源不正确。"))
    first_seen_at = _aware(first_seen_at)
    if first_seen_at > now + CLOCK_SKEW:
        raise ValidationError({"first_seen_at": _("首次发现时间不能晚于现在。")})
    year = timezone.localtime(first_seen_at).year
    serial = sequence_next_value(scope="opinion", key="incident", year=year)
    incident = Incident(
        number=f"YQ{year}-{serial:04d}",
        year=year,
        serial=serial,
        office=office,
        source=source,
        link=link.strip(),
        first_seen_at=first_seen_at,
        summary=summary.strip(),
        level=level,
        matter=matter.strip(),
        registered_by=actor if isinstance(actor, AuthUser) else None,
        registered_at=now,
    )
    _apply_deadlines(incident)
    incident.full_clean()
    incident.save()
    log(
        instance=incident,
        action=INCIDENT_REGISTER,
        user=actor,
        data={"number": incident.number, "level": level, "office": office.pk},
    )
    if unit is not None:
        incident_assign(actor=actor, incident=incident, unit=unit, reason=reason, now=now)
    return incident


@transaction.atomic
def incident_assign(
    *,
    actor: User | None,
    incident: Incident,
    unit: Organisation,
    reason: str,
    now: dt.datetime | None = None,
) -> Incident:
    """谁主管谁回应: the office decides which unit answers, saying why; a reassignment keeps the
    earlier decision in the record (IncidentAssignment) and the deadlines stay (they run from
    the incident, not from the assignment)."""
    if actor is not None and not policies.can_assign(actor, incident, unit):
        raise PermissionDenied(_("您没有权限确定该舆情的回应责任单位。"))
    if incident.status == IncidentStatus.CLOSED:
        raise ValidationError(_("该舆情已关闭。"), code="closed")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("请说明确定责任单位的理由（谁主管谁回应）。")})
    if incident.unit_id == unit.pk:
        raise ValidationError({"unit": _("该单位已是回应责任单位。")})
    now = now or timezone.now()
    decider = actor if isinstance(actor, AuthUser) else None
    IncidentAssignment.objects.create(
        incident=incident,
        unit=unit,
        previous_unit_id=incident.unit_id,
        decided_by=decider,
        decided_at=now,
        reason=reason[:1000],
    )
    previous = incident.unit_id
    incident.unit, incident.assigned_by, incident.assigned_at = unit, decider, now
    incident.assignment_reason = reason[:1000]
    incident.save(update_fields=["unit", "assigned_by", "assigned_at", "assignment_reason"])
    log(
        instance=incident,
        action=INCIDENT_ASSIGN,
        user=actor,
        data={"unit": unit.pk, "previous_unit": previous, "reason": reason[:200]},
    )
    return incident


# --- Responses and closing ----------------------------------------------------------------------------


@transaction.atomic
def response_record(
    *,
    actor: User | None,
    incident: Incident,
    kind: str,
    published_at: dt.datetime,
    title: str,
    url: str = "",
    page: Page | None = None,
    public: bool = True,
    now: dt.datetime | None = None,
) -> Response:
    """Record a response the unit published. Public ones are shown on /zwyq/, so their title
    passes the content checker first (as every publication does); a page of ours must be live."""
    if actor is not None and not policies.can_respond(actor, incident):
        raise PermissionDenied(_("只有回应责任单位可以记录回应。"))
    if incident.status == IncidentStatus.CLOSED:
        raise ValidationError(_("该舆情已关闭。"), code="closed")
    _check_choice(kind, ResponseKind.values, "kind", _("回应方式不正确。"))
    now = now or timezone.now()
    published_at = _aware(published_at)
    if published_at > now + CLOCK_SKEW:
        raise ValidationError({"published_at": _("发布时间不能晚于现在。")})
    if published_at < incident.first_seen_at:
        raise ValidationError({"published_at": _("发布时间不能早于舆情首次发现时间。")})
    url = url.strip()
    if not url and page is None:
        raise ValidationError({"url": _("请填写回应的发布网址或选择本站页面。")})
    if page is not None and not page.live:
        raise ValidationError({"page": _("所选本站页面尚未发布。")})
    title = title.strip()
    if public:
        blocking = [f.message for f in check_text(title) if f.severity == "block"]
        if blocking:
            raise ValidationError({"title": blocking})
    response = Response(
        incident=incident,
        kind=kind,
        published_at=published_at,
        title=title,
        url=url,
        page=page,
        public=public,
        recorded_by=actor if isinstance(actor, AuthUser) else None,
        recorded_at=now,
    )
    response.full_clean()
    response.save()
    if incident.status == IncidentStatus.OPEN and _all_met(incident):
        incident.status = IncidentStatus.RESPONDED
        incident.save(update_fields=["status"])
    log(
        instance=incident,
        action=RESPONSE_RECORD,
        user=actor,
        data={"response": response.pk, "kind": kind, "public": public},
    )
    return response


@transaction.atomic
def incident_close(
    *, actor: User | None, incident: Incident, reason: str, now: dt.datetime | None = None
) -> Incident:
    """The office closes an incident (answered, or settled without one: the reason says which)."""
    if actor is not None and not policies.can_close(actor, incident):
        raise PermissionDenied(_("只有政务公开办可以关闭舆情。"))
    if incident.status == IncidentStatus.CLOSED:
        raise ValidationError(_("该舆情已关闭。"), code="closed")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("请说明关闭理由。")})
    incident.status = IncidentStatus.CLOSED
    incident.closed_at = now or timezone.now()
    incident.close_reason = reason[:1000]
    incident.save(update_fields=["status", "closed_at", "close_reason"])
    log(instance=incident, action=INCIDENT_CLOSE, user=actor, data={"reason": reason[:200]})
    return incident


@transaction.atomic
def response_period_set(*, actor: User | None, level: str, hours: int) -> ResponsePeriod:
    """The period of 较大 or 一般 incidents (the 特别重大/重大 periods are statutory). Applies to
    incidents registered afterwards."""
    if actor is not None and not policies.can_set_periods(actor):
        raise PermissionDenied(_("只有市政务公开办可以设置舆情回应时限。"))
    if level not in CONFIGURABLE_LEVELS:
        raise ValidationError(
            {"level": _("特别重大、重大舆情的回应时限由国办发〔2016〕61号规定，不能修改。")}
        )
    period = ResponsePeriod.objects.filter(level=level).first() or ResponsePeriod(level=level)
    period.hours = hours
    period.full_clean()
    period.save()
    log(instance=period, action=RESPONSE_PERIOD_SET, user=actor, data={"hours": hours})
    return period


# --- Escalation ---------------------------------------------------------------------------------------


@dataclass
class EscalationStats:
    escalated: int = 0
    messages: list[tuple[str, list[str]]] = field(default_factory=list)  # (number, to)


def _chain(unit: Organisation) -> list[str]:
    return [unit.path[:i] for i in range(4, len(unit.path) + 1, 4)]


def escalation_recipients(incident: Incident) -> list[AuthUser]:
    """The overseers (政务公开办) of the office and of the responsible unit up the tree, and the
    responsible unit's heads — as the applications' overdue notices (applications/services/
    reminders.py) tell the heads and the overseeing offices."""
    prefixes = set(_chain(incident.office))
    if incident.unit is not None:
        prefixes |= set(_chain(incident.unit))
    members = Membership.objects.filter(role=Role.OVERSEER, organisation__path__in=prefixes)
    users = [m.user for m in members.select_related("user").order_by("pk")]
    if incident.unit is not None:
        heads = Membership.objects.filter(organisation=incident.unit, role=Role.UNIT_HEAD)
        users += [m.user for m in heads.select_related("user").order_by("pk")]
    return users


def _addresses(users: list[AuthUser]) -> list[str]:
    seen: list[str] = []
    for user in users:
        if user.is_active and user.email and user.email not in seen:
            seen.append(user.email)
    return seen


def _escalation_mail(incident: Incident, missing: tuple[str, ...], to: list[str]) -> EmailMessage:
    unit = incident.unit.name if incident.unit is not None else "（尚未确定责任单位）"
    seen = timezone.localtime(incident.first_seen_at).strftime("%Y-%m-%d %H:%M")
    subject = f"【政务舆情·逾期】{incident.number} {incident.matter} 未按时回应"
    body = (
        f"政务舆情 {incident.number}（{incident.get_level_display()}，首次发现于 {seen}，"
        f"回应责任单位：{unit}）已超过回应时限，尚缺：{'、'.join(missing)}"
        "（国办发〔2016〕61号）。请督促回应。"
    )
    return EmailMessage(subject, body, None, to)


def incidents_escalate(*, now: dt.datetime | None = None) -> EscalationStats:
    """Escalate every open incident with a deadline passed and its response missing, once: the
    row's ``escalated_at`` is set by one conditional UPDATE, so a second run (or two at once)
    sends nothing more. Incidents already answered (even late) are not escalated."""
    now = now or timezone.now()
    stats = EscalationStats()
    candidates = (
        Incident.objects.filter(status=IncidentStatus.OPEN, escalated_at__isnull=True)
        .filter(respond_by__lt=now)
        .select_related("office", "unit")
        .prefetch_related("responses")
    )
    # The conference deadline comes after respond_by, so every overdue incident is in this set.
    mails: list[EmailMessage] = []
    for incident in candidates.order_by("pk").iterator(chunk_size=500):
        reqs = deadlines.requirements(incident.level, incident.respond_by, incident.conference_by)
        answered = [(r.kind, r.published_at) for r in incident.responses.all()]
        missing = tuple(
            req.label
            for req in reqs
            if now > req.due and not any(kind in req.kinds for kind, _at in answered)
        )
        if not missing:
            continue
        with transaction.atomic():
            won = Incident.objects.filter(pk=incident.pk, escalated_at__isnull=True).update(
                escalated_at=now
            )
            if won != 1:
                continue
            incident.escalated_at = now
            log(
                instance=incident,
                action=INCIDENT_ESCALATE,
                user=None,
                data={"missing": list(missing)},
            )
        to = _addresses(escalation_recipients(incident))
        if to:
            mails.append(_escalation_mail(incident, missing, to))
        stats.escalated += 1
        stats.messages.append((incident.number, to))
    if mails:
        get_connection(fail_silently=True).send_messages(mails)
    return stats
