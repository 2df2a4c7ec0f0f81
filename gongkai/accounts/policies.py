"""Decisions about a staff session: must it show a second factor, must the password change.

GB/T 22239-2019 8.1.4.1 a) 定期更换 and d) 两种或两种以上组合的鉴别技术.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_otp import user_has_device

from gongkai.accounts.models import PasswordChange
from gongkai.core.types import User


def has_second_factor(user: User) -> bool:
    """The user has a confirmed TOTP device (enrolled)."""
    return bool(user.is_authenticated and user_has_device(user, confirmed=True))


def second_factor_required(user: User) -> bool:
    """Two factors are required of every staff member (GONGKAI_REQUIRE_2FA), or of those who
    enrolled a device of their own accord."""
    if not user.is_authenticated:
        return False
    if settings.GONGKAI_REQUIRE_2FA:
        return True
    return has_second_factor(user)


def second_factor_missing(user: Any) -> bool:
    """The session has passed the password step but not (yet) the second factor. ``user`` is
    the request's user as django_otp's middleware decorates it (``is_verified``), hence Any."""
    if not second_factor_required(user):
        return False
    return not user.is_verified()


def password_age_applies(user: User) -> bool:
    """The password-age rule is on and concerns this user (signed in, with a password)."""
    if settings.GONGKAI_PASSWORD_MAX_AGE_DAYS <= 0:
        return False
    return bool(user.is_authenticated and user.has_usable_password())


def password_expired(user: User, *, now: dt.datetime | None = None) -> bool:
    """The staff member's password is older than GONGKAI_PASSWORD_MAX_AGE_DAYS.

    A user with no record yet (an account older than the rule) has not expired: the caller
    starts the clock with services.password_clock_start (a policy only decides)."""
    if not password_age_applies(user) or user.pk is None:
        return False
    days = settings.GONGKAI_PASSWORD_MAX_AGE_DAYS
    now = now or timezone.now()
    changed_at = (
        PasswordChange.objects.filter(user_id=user.pk).values_list("changed_at", flat=True).first()
    )
    return changed_at is not None and now - changed_at > dt.timedelta(days=days)
