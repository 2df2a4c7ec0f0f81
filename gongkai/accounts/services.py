"""Writes of the accounts app: password-change records and TOTP devices (with audit entries)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from gongkai.accounts.models import PasswordChange

DEVICE_NAME = "身份验证器"


def _concrete(user: Any) -> Any:
    """request.user is a lazy proxy (twice, under django-otp); Wagtail's log looks up the log
    model by the instance's real type, so it needs the model instance itself."""
    return get_user_model()._default_manager.get(pk=user.pk)


def password_change_record(*, user: Any, at: dt.datetime | None = None) -> PasswordChange:
    """Notes that ``user`` changed their password (now, or ``at``)."""
    record, _created = PasswordChange.objects.update_or_create(
        user=user, defaults={"changed_at": at or timezone.now()}
    )
    return record


def password_clock_start(*, user: Any, now: dt.datetime | None = None) -> PasswordChange:
    """Starts the password-age clock of a user with no record yet (an account older than the
    rule, GB/T 22239-2019 8.1.4.1 a); an existing record is left as it is."""
    record, _created = PasswordChange.objects.get_or_create(
        user=user, defaults={"changed_at": now or timezone.now()}
    )
    return record


def totp_device_start(*, actor: Any, key: str | None = None) -> TOTPDevice:
    """The actor's TOTP device to enrol. Nothing is written until a code confirms it: an
    unfinished enrolment keeps its secret (``key``, from the enrolling session) so that a
    reload keeps the QR code valid; a device row that an earlier wrong code left behind is
    reused."""
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).order_by("pk").first()
    if device is not None:
        return device
    return TOTPDevice(
        user=actor, name=DEVICE_NAME, confirmed=False, **({"key": key} if key else {})
    )


def totp_device_confirm(*, actor: Any, device: TOTPDevice, token: str) -> bool:
    """Confirms the actor's new device with a code from the app; False if the code is wrong."""
    if device.user_id != actor.pk or device.confirmed:
        return False
    if not device.verify_token(token):
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save()
        TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
        log(instance=_concrete(actor), action="gongkai.otp_enrol", user=actor)
    return True


def totp_devices_reset(*, actor: Any, user: Any) -> int:
    """Removes all of ``user``'s TOTP devices (a lost phone); they enrol anew at next login."""
    with transaction.atomic():
        count, _ = TOTPDevice.objects.filter(user=user).delete()
        log(
            instance=_concrete(user),
            action="gongkai.otp_reset",
            user=actor,
            data={"devices": count},
        )
    return count
