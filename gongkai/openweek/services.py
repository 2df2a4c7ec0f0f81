"""Writes of 政府开放周: every screen, the demo and the benchmark call these.

Staff services are keyword-only, ask openweek.policies, run in one transaction and write a Wagtail
log entry (actions registered in openweek.wagtail_hooks). Citizens' services (register, cancel
with number and query code, feedback) need no account.

Capacity under concurrent sign-up: ``register`` locks the event row first — ``SELECT … FOR
UPDATE`` on PostgreSQL; on SQLite the project opens every transaction with ``BEGIN IMMEDIATE``
(settings.DATABASES OPTIONS transaction_mode), which takes the database write lock — and only
then counts the confirmed seats, checks for an active registration with the same phone or ID
number and allocates the event's next serial. Two sign-ups of one event therefore run one after
the other; the conditional unique constraints of models.Registration stop a double registration
even if a code path forgot the lock. A cancellation moves the first waiting registration up in
the same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from gongkai.checker.engine import redact
from gongkai.core.querycodes import CODE_ALPHABET, code_digest, digest_matches, new_query_code
from gongkai.core.types import User
from gongkai.openweek import policies
from gongkai.openweek.models import (
    ACTIVE_STATUSES,
    EventStatus,
    Feedback,
    OpenEvent,
    Registration,
    RegistrationStatus,
)
from gongkai.openweek.validators import normal_id, normal_phone, valid_id_number, valid_mobile
from gongkai.organisations.models import Organisation

# Audit actions (registered with Wagtail in openweek.wagtail_hooks).
EVENT_SAVE = "gongkai.openweek_event_save"
EVENT_PUBLISH = "gongkai.openweek_event_publish"
EVENT_CANCEL = "gongkai.openweek_event_cancel"
SUMMARY_SAVE = "gongkai.openweek_summary_save"
REGISTRATION_CANCEL = "gongkai.openweek_registration_cancel"
REGISTRATION_PROMOTE = "gongkai.openweek_registration_promote"
CHECK_IN = "gongkai.openweek_check_in"
EXPORT = "gongkai.openweek_export"

MAX_CAPACITY = 100_000
MAX_FEEDBACK_CHARS = 2_000
CHECKIN_CODE_LENGTH = 6

DUPLICATE_PHONE = "该手机号码已报名本场活动，不能重复报名。如需查看或取消，请到“我的报名”。"
DUPLICATE_ID = "该身份证号码已报名本场活动，不能重复报名。"


def _deny() -> PermissionDenied:
    return PermissionDenied(_("您没有权限进行此操作。"))


def _require_host(actor: User, unit: Organisation) -> None:
    if not policies.can_host(actor, unit):
        raise _deny()


def _user(actor: User) -> User | None:
    return actor if actor.is_authenticated else None


# --- Events ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventFields:
    title: str
    description: str
    venue: str
    address: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int
    registration_opens_at: dt.datetime
    registration_closes_at: dt.datetime
    needs_id: bool


def _check_fields(fields: EventFields) -> None:
    errors: dict[str, str] = {}
    if not fields.title.strip():
        errors["title"] = _("请填写活动名称。")
    if not fields.venue.strip():
        errors["venue"] = _("请填写活动场所。")
    if fields.ends_at <= fields.starts_at:
        errors["ends_at"] = _("结束时间须晚于开始时间。")
    if fields.registration_closes_at <= fields.registration_opens_at:
        errors["registration_closes_at"] = _("报名截止时间须晚于报名开始时间。")
    elif fields.registration_closes_at > fields.starts_at:
        errors["registration_closes_at"] = _("报名截止时间不能晚于活动开始时间。")
    if not 1 <= fields.capacity <= MAX_CAPACITY:
        errors["capacity"] = _("名额应在1至%(n)s之间。") % {"n": MAX_CAPACITY}
    if errors:
        raise ValidationError(errors)


def event_save(
    *,
    actor: User,
    unit: Organisation,
    fields: EventFields,
    event: OpenEvent | None = None,
    now: dt.datetime | None = None,
) -> OpenEvent:
    """Create an event of ``unit`` (a draft) or change one. A larger capacity moves waiting
    registrations up at once; a smaller one never drops anybody already confirmed."""
    _require_host(actor, unit)
    _check_fields(fields)
    with transaction.atomic():
        if event is None:
            event = OpenEvent(unit=unit)
        else:
            event = OpenEvent.objects.select_for_update().get(pk=event.pk)
            if event.unit_id != unit.pk:
                raise _deny()
            if event.status == EventStatus.CANCELLED:
                raise ValidationError(_("活动已取消，不能修改。"))
        for name, value in vars(fields).items():
            setattr(event, name, value.strip() if isinstance(value, str) else value)
        event.save()
        moved = _fill_seats(event, now=now or timezone.now())
        log(instance=event, action=EVENT_SAVE, user=_user(actor), data={"moved_up": moved})
    return event


def event_publish(*, actor: User, event: OpenEvent) -> OpenEvent:
    _require_host(actor, event.unit)
    with transaction.atomic():
        event = OpenEvent.objects.select_for_update().get(pk=event.pk)
        if event.status != EventStatus.DRAFT:
            raise ValidationError(_("只有草稿状态的活动可以发布。"))
        event.status = EventStatus.PUBLISHED
        event.save(update_fields=["status", "updated_at"])
        log(instance=event, action=EVENT_PUBLISH, user=_user(actor))
    return event


def event_cancel(*, actor: User, event: OpenEvent, reason: str) -> OpenEvent:
    """Cancel the whole event (registrations stay on record; the public page says why)."""
    _require_host(actor, event.unit)
    if not reason.strip():
        raise ValidationError(_("取消活动须填写原因。"))
    with transaction.atomic():
        event = OpenEvent.objects.select_for_update().get(pk=event.pk)
        if event.status == EventStatus.CANCELLED:
            raise ValidationError(_("活动已取消。"))
        event.status = EventStatus.CANCELLED
        event.cancel_reason = reason.strip()[:300]
        event.save(update_fields=["status", "cancel_reason", "updated_at"])
        log(instance=event, action=EVENT_CANCEL, user=_user(actor), data={"reason": reason})
    return event


def summary_save(
    *, actor: User, event: OpenEvent, summary: str, publish: bool, now: dt.datetime | None = None
) -> OpenEvent:
    """The public summary (活动总结), published once the event has ended."""
    _require_host(actor, event.unit)
    now = now or timezone.now()
    if publish and now < event.ends_at:
        raise ValidationError(_("活动结束后才能公开活动总结。"))
    if publish and not summary.strip():
        raise ValidationError(_("请填写活动总结。"))
    with transaction.atomic():
        event = OpenEvent.objects.select_for_update().get(pk=event.pk)
        event.summary = redact(summary.strip()) if publish else summary.strip()
        event.summary_published = publish
        event.save(update_fields=["summary", "summary_published", "updated_at"])
        log(instance=event, action=SUMMARY_SAVE, user=_user(actor), data={"published": publish})
    return event


# --- Registration ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Registered:
    registration: Registration
    code: str  # the query code, shown once ("" when the same form was submitted before)
    created: bool


def submitter_key(*, phone: str = "", client: str = "") -> str:
    """A non-reversible key of the sender, for counting and abuse checks."""
    basis = "p:" + phone if phone else "c:" + client
    return hashlib.sha256(basis.encode()).hexdigest()[:32]


def _clean_person(event: OpenEvent, name: str, phone: str, id_number: str) -> tuple[str, str, str]:
    errors: dict[str, str] = {}
    name = " ".join(name.split())
    if not name:
        errors["name"] = _("请填写姓名。")
    elif len(name) > 60:
        errors["name"] = _("姓名不能超过60字。")
    phone = normal_phone(phone)
    if not valid_mobile(phone):
        errors["phone"] = _("请填写11位手机号码。")
    id_number = normal_id(id_number) if event.needs_id else ""
    if event.needs_id and not valid_id_number(id_number, timezone.localdate()):
        errors["id_number"] = _("身份证号码不正确（18位，最后一位为校验码）。")
    if errors:
        raise ValidationError(errors)
    return name, phone, id_number


def _new_checkin_code(event: OpenEvent) -> str:
    """Short enough to read out at the door; unique within the event (checked under the
    event's lock, and by the constraint ow_checkin_code)."""
    taken = set(Registration.objects.filter(event=event).values_list("checkin_code", flat=True))
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CHECKIN_CODE_LENGTH))
        if code not in taken:
            return code


def registration_refusal(event: OpenEvent, now: dt.datetime) -> str:
    """Why nobody may sign up for ``event`` at ``now`` ("" when they may)."""
    if event.status == EventStatus.CANCELLED:
        return _("该活动已取消，不能报名。")
    if event.status != EventStatus.PUBLISHED:
        return _("该活动尚未发布。")
    if now < event.registration_opens_at:
        return _("报名尚未开始。")
    if now > event.registration_closes_at or now >= event.starts_at:
        return _("报名已截止。")
    return ""


def register(
    *,
    event: OpenEvent,
    name: str,
    phone: str,
    id_number: str = "",
    key: str = "",
    token: str = "",
    now: dt.datetime | None = None,
) -> Registered:
    """Sign one person up: confirmed while seats are left, otherwise on the waiting list.

    ValidationError (code "closed") outside the registration period or for a cancelled event,
    a field error for a bad name, phone or ID number, and code "duplicate" when the phone or ID
    number already holds an active registration of this event. The same form sent twice (its
    one-time ``token``) gives the first registration back with ``created=False``."""
    now = now or timezone.now()
    name, phone, id_number = _clean_person(event, name, phone, id_number)
    token = token[:64]
    try:
        with transaction.atomic():
            # The lock: see the module's docstring.
            locked = OpenEvent.objects.select_for_update().get(pk=event.pk)
            if token:
                earlier = Registration.objects.filter(token=token).first()
                if earlier is not None:
                    return Registered(earlier, "", created=False)
            refusal = registration_refusal(locked, now)
            if refusal:
                raise ValidationError(refusal, code="closed")
            active = Registration.objects.filter(event=locked, status__in=ACTIVE_STATUSES)
            if active.filter(phone=phone).exists():
                raise ValidationError(_(DUPLICATE_PHONE), code="duplicate")
            if id_number and active.filter(id_number=id_number).exists():
                raise ValidationError(_(DUPLICATE_ID), code="duplicate")
            confirmed = active.filter(status=RegistrationStatus.CONFIRMED).count()
            serial = (
                Registration.objects.filter(event=locked).aggregate(m=Max("serial"))["m"] or 0
            ) + 1
            code = new_query_code()
            registration = Registration.objects.create(
                event=locked,
                number=f"KF{locked.pk}-{serial:04d}",
                serial=serial,
                name=name,
                phone=phone,
                id_number=id_number,
                status=RegistrationStatus.CONFIRMED
                if confirmed < locked.capacity
                else RegistrationStatus.WAITING,
                checkin_code=_new_checkin_code(locked),
                query_digest=code_digest(code),
                created_at=now,
                submitter_key=key[:64],
                token=token or None,
            )
    except IntegrityError as error:
        # Only reachable if a writer bypassed the lock: the constraints still hold.
        if token and (earlier := Registration.objects.filter(token=token).first()):
            return Registered(earlier, "", created=False)
        raise ValidationError(_(DUPLICATE_PHONE), code="duplicate") from error
    return Registered(registration, code, created=True)


def find_registration(*, number: str, code: str) -> Registration | None:
    """The registration named by its number, if ``code`` is its query code (constant time,
    the same work for a missing number)."""
    number = number.strip().upper()[:32]
    registration = (
        Registration.objects.select_related("event", "event__unit").filter(number=number).first()
        if number
        else None
    )
    stored = registration.query_digest if registration is not None else None
    return registration if digest_matches(stored, code) else None


def _fill_seats(event: OpenEvent, *, now: dt.datetime) -> list[str]:
    """Move waiting registrations up, first come first served, while seats are free. Runs
    under the event's lock. Returns the numbers moved up."""
    if event.status == EventStatus.CANCELLED or now >= event.starts_at:
        return []
    confirmed = Registration.objects.filter(
        event=event, status=RegistrationStatus.CONFIRMED
    ).count()
    free = event.capacity - confirmed
    if free <= 0:
        return []
    waiting = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).order_by(
            "serial"
        )[:free]
    )
    for registration in waiting:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        log(
            instance=event,
            action=REGISTRATION_PROMOTE,
            user=None,
            data={"registration": registration.number},
        )
    return [r.number for r in waiting]


def _cancel(registration: Registration, *, now: dt.datetime, by_host: bool) -> Registration:
    event = OpenEvent.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status not in ACTIVE_STATUSES:
        raise ValidationError(_("该报名已取消。"))
    if registration.attended_at is not None:
        raise ValidationError(_("已签到的报名不能取消。"))
    if not by_host and now >= event.starts_at:
        raise ValidationError(_("活动已开始，不能在网上取消报名。"))
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    registration.cancelled_by_host = by_host
    registration.save(update_fields=["status", "cancelled_at", "cancelled_by_host"])
    _fill_seats(event, now=now)
    return registration


def registration_cancel(*, number: str, code: str, now: dt.datetime | None = None) -> Registration:
    """The citizen cancels with the registration number and query code; the first person
    waiting moves up in the same transaction."""
    now = now or timezone.now()
    registration = find_registration(number=number, code=code)
    if registration is None:
        raise ValidationError(_("报名编号或查询码不正确。"), code="not_found")
    with transaction.atomic():
        registration = _cancel(registration, now=now, by_host=False)
        log(
            instance=registration.event,
            action=REGISTRATION_CANCEL,
            user=None,
            data={"registration": registration.number, "by": "citizen"},
        )
    return registration


def registration_cancel_by_host(
    *, actor: User, registration: Registration, now: dt.datetime | None = None
) -> Registration:
    _require_host(actor, registration.event.unit)
    with transaction.atomic():
        registration = _cancel(registration, now=now or timezone.now(), by_host=True)
        log(
            instance=registration.event,
            action=REGISTRATION_CANCEL,
            user=_user(actor),
            data={"registration": registration.number, "by": "host"},
        )
    return registration


def check_in(
    *, actor: User, event: OpenEvent, code: str, now: dt.datetime | None = None
) -> Registration:
    """The organiser enters (or scans) a check-in code at the door: the confirmed registration
    is marked attended, once. Only on the day of the event."""
    _require_host(actor, event.unit)
    now = now or timezone.now()
    code = "".join(c for c in code.upper() if c.isalnum())[: CHECKIN_CODE_LENGTH + 2]
    if event.status != EventStatus.PUBLISHED:
        raise ValidationError(_("活动未发布或已取消，不能签到。"))
    local = timezone.localtime(now).date()
    if not (
        timezone.localtime(event.starts_at).date()
        <= local
        <= timezone.localtime(event.ends_at).date()
    ):
        raise ValidationError(_("只能在活动当天签到。"))
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update().filter(event=event, checkin_code=code).first()
            if code
            else None
        )
        if registration is None:
            raise ValidationError(_("签到码不存在，请核对。"), code="not_found")
        if registration.attended_at is not None:
            raise ValidationError(
                _("该签到码已于%(t)s签到，不能重复签到。")
                % {"t": timezone.localtime(registration.attended_at).strftime("%H:%M")},
                code="twice",
            )
        if registration.status == RegistrationStatus.WAITING:
            raise ValidationError(_("该报名仍在候补名单中，未获得名额。"), code="waiting")
        if registration.status != RegistrationStatus.CONFIRMED:
            raise ValidationError(_("该报名已取消。"), code="cancelled")
        registration.attended_at = now
        registration.checked_in_by = actor if actor.is_authenticated else None
        registration.save(update_fields=["attended_at", "checked_in_by"])
        log(
            instance=event,
            action=CHECK_IN,
            user=_user(actor),
            data={"registration": registration.number},
        )
    return registration


def feedback_submit(
    *, number: str, code: str, rating: int, text: str = "", now: dt.datetime | None = None
) -> Feedback:
    """Feedback from someone who attended, after the event, once per registration. The text is
    masked (身份证号、手机号…) by the content checker for everyone but the organiser."""
    now = now or timezone.now()
    registration = find_registration(number=number, code=code)
    if registration is None:
        raise ValidationError(_("报名编号或查询码不正确。"), code="not_found")
    if registration.attended_at is None:
        raise ValidationError(_("只有签到参加活动的报名可以评价。"))
    if now < registration.event.ends_at:
        raise ValidationError(_("活动结束后才能评价。"))
    if not 1 <= rating <= 5:
        raise ValidationError(_("请选择1至5分的满意度。"), code="rating")
    text = text.strip()
    if len(text) > MAX_FEEDBACK_CHARS:
        raise ValidationError(_("意见和建议不能超过2000字。"), code="text")
    try:
        with transaction.atomic():
            return Feedback.objects.create(
                registration=registration,
                rating=rating,
                text=text,
                public_text=redact(text) if text else "",
                created_at=now,
            )
    except IntegrityError as error:
        raise ValidationError(_("您已评价过本场活动。"), code="twice") from error


def export_logged(*, actor: User, event: OpenEvent, rows: int) -> None:
    """The full registration list leaves the system: who, when, how many rows (the CSV itself
    is built by the view)."""
    if not policies.sees_personal_data(actor, event.unit):
        raise _deny()
    with transaction.atomic():
        log(instance=event, action=EXPORT, user=_user(actor), data={"rows": rows})
