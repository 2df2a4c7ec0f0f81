"""Bounds of query-string parameters of pages, and the Chinese 400 page for a bad value.

Every parameter a view reads is bounded (numbers to a range, text to a length, choices to their
values): a bad value is a 400 that says which parameter and why, never a 500 from the database
(GB/T 22239-2019 8.1.4.4 软件容错: 数据有效性检验).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

# Largest value of a 64-bit database key: anything bigger cannot name a row.
MAX_ID = 2**63 - 1


class BadParameter(ValueError):
    """A query-string value outside what the view accepts; ``message`` is shown to the user."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


def int_param(
    request: HttpRequest, name: str, *, default: int | None, low: int, high: int, label: str
) -> int | None:
    """The parameter as a whole number from ``low`` to ``high``; ``default`` when absent or
    empty."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    digits = raw[1:] if raw[0] in "+-" else raw
    if not (digits.isascii() and digits.isdigit()):
        raise BadParameter(name, _("%(label)s应为整数。") % {"label": label})
    # Past 20 digits the value is out of any range; int() of a huge string is not free.
    value = int(raw) if len(digits) <= 20 else high + 1
    if not low <= value <= high:
        raise BadParameter(
            name,
            _("%(label)s应在 %(low)s 至 %(high)s 之间。")
            % {"label": label, "low": low, "high": high},
        )
    return value


def bad_parameter_response(
    request: HttpRequest, error: BadParameter, *, admin: bool = False
) -> HttpResponse:
    """The 400 page: the site's layout for the public, the admin's for staff views."""
    template = "core/bad_parameter_admin.html" if admin else "core/bad_parameter.html"
    return TemplateResponse(
        request, template, {"message": error.message, "parameter": error.name}, status=400
    )


def text_param(request: HttpRequest, name: str, *, max_length: int, label: str) -> str:
    """The parameter as text of at most ``max_length`` characters without control characters
    (PostgreSQL refuses NUL in text); "" when absent."""
    value = request.GET.get(name, "").strip()
    if len(value) > max_length:
        raise BadParameter(
            name, _("%(label)s不能超过 %(n)s 个字符。") % {"label": label, "n": max_length}
        )
    if any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in value):
        raise BadParameter(name, _("%(label)s含有控制字符。") % {"label": label})
    return value
