"""Checks of what a citizen types into the registration form: mobile numbers and the 18-digit
citizen ID number (公民身份号码, GB 11643-1999)."""

from __future__ import annotations

import datetime as dt
import re

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_ID = re.compile(r"^\d{17}[\dX]$")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def normal_phone(value: str) -> str:
    """Digits only, a leading +86/86 dropped: '139 0791-1234' -> '13907911234'."""
    digits = "".join(c for c in value if c.isdigit() and c.isascii())
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    return digits


def valid_mobile(value: str) -> bool:
    return bool(_MOBILE.match(value))


def normal_id(value: str) -> str:
    return "".join(value.split()).upper()


def valid_id_number(value: str, today: dt.date) -> bool:
    """GB 11643-1999: 17 digits, the birth date (digits 7-14) a real day not in the future, and
    the check digit of ISO 7064 MOD 11-2 over the first 17 (X stands for 10)."""
    if not _ID.match(value):
        return False
    try:
        born = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if not dt.date(1880, 1, 1) <= born <= today:
        return False
    total = sum(int(c) * w for c, w in zip(value[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == value[17]


def with_check_digit(first17: str) -> str:
    """The full number for 17 digits (tests and the demo make valid numbers with it)."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return first17 + _ID_CHECK[total % 11]
