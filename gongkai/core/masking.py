"""Masking of personal data for everyone who does not need to see it in full."""

from __future__ import annotations


def mask_keep(value: str, head: int, tail: int) -> str:
    """Hide the letters and digits of ``value`` except the first ``head`` and last ``tail``."""
    positions = [i for i, c in enumerate(value) if c.isalnum()]
    hidden = set(positions[head : len(positions) - tail if tail else None])
    return "".join("*" if i in hidden else c for i, c in enumerate(value))


def mask_id(value: str) -> str:
    """3601**********0013"""
    return mask_keep(value, 4, 4) if value else ""


def mask_phone(value: str) -> str:
    """139****1234; a landline keeps its area code and last 4 digits."""
    return mask_keep(value, 3, 4) if value else ""


def mask_address(value: str) -> str:
    """The first 6 characters (province/city/district), the rest hidden."""
    if not value:
        return ""
    return value[:6] + "*" * min(8, max(0, len(value) - 6))


def mask_email(value: str) -> str:
    if "@" not in value:
        return mask_keep(value, 1, 0)
    local, domain = value.split("@", 1)
    return f"{local[:1]}***@{domain}"


def mask_name(value: str) -> str:
    """张** — for lists; a case's handler sees the full name."""
    return value[:1] + "*" * max(1, len(value) - 1) if value else ""
