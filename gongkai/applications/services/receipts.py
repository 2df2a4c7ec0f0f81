"""The receipt, shown once.

The number and query code are a credential (GB/T 22239-2019 8.1.4.8 数据保密性): the view keeps
them in the submitting browser's session and shows them once. The only other copy is this
hand-off for a double submission, keyed by the form's one-time token (which only the browser
that loaded the form knows, and which no URL carries), taken at most once.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache

RECEIPT_SECONDS = 600


def _pending_key(token: str) -> str:
    return f"gongkai:receipt:{hashlib.sha256(token.encode()).hexdigest()}"


def keep_pending_receipt(*, token: str, case_id: int, code: str) -> None:
    """Leave the receipt of a first POST of this form for a second one."""
    cache.set(_pending_key(token), {"id": case_id, "code": code}, RECEIPT_SECONDS)


def take_pending_receipt(*, token: str) -> dict[str, Any] | None:
    """The receipt a first POST of this form left for a second one, removed as it is taken;
    None once taken or shown, or for any other token."""
    if not token:
        return None
    key = _pending_key(token)
    data = cache.get(key)
    cache.delete(key)
    return data if isinstance(data, dict) else None


def mark_receipt_shown(*, case_id: int, token: str = "") -> bool:
    """Record that the receipt of ``case_id`` is being shown; False if it was shown before (by
    any browser). The pending copy for a double submission goes with it."""
    if token:
        cache.delete(_pending_key(token))
    return bool(cache.add(f"gongkai:receipt-shown:{case_id}", 1, 24 * 3600))
