"""Password rules: complexity (口令复杂度) and the record of each change for expiry.

GB/T 22239-2019 8.1.4.1 a): 身份标识具有唯一性，身份鉴别信息具有复杂度要求并定期更换.
Length is Django's MinimumLengthValidator (GONGKAI_PASSWORD_MIN_LENGTH); the kinds of
characters are checked here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

REQUIRED_CLASSES = 3


def character_classes(password: str) -> int:
    """How many of the four kinds (upper case, lower case, digit, symbol) the password uses."""
    kinds = [
        any(c.isupper() for c in password),
        any(c.islower() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() for c in password),
    ]
    return sum(kinds)


class CharacterClassValidator:
    """At least three of: upper-case letters, lower-case letters, digits, symbols."""

    def validate(self, password: str, user: Any = None) -> None:
        if character_classes(password) < REQUIRED_CLASSES:
            raise ValidationError(
                _("密码须包含大写字母、小写字母、数字、符号四类中的至少三类。"),
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return _("密码须包含大写字母、小写字母、数字、符号四类中的至少三类。")


class PasswordChangeRecorder:
    """Checks nothing; Django calls ``password_changed`` after every saved password change
    (set_password + save: the account page, createsuperuser, changepassword, the user editor),
    and the time is recorded for the expiry rule."""

    def validate(self, password: str, user: Any = None) -> None:
        return None

    def password_changed(self, password: str, user: Any = None) -> None:
        if user is not None and user.pk:
            # local import: services import models; password validators load before the registry
            from gongkai.accounts import services

            services.password_change_record(user=user)

    def get_help_text(self) -> str:
        return ""
