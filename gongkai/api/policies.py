"""Permission decisions of the open API."""

from __future__ import annotations

from gongkai.accounts.policies import second_factor_missing
from gongkai.core.types import User


def exempt_from_rate_limit(user: User | None) -> bool:
    """Staff with a full staff session (password and, where required, the second factor:
    GB/T 22239-2019 8.1.4.1 d) are not rate-limited; a password alone is not a staff session."""
    if user is None or not user.is_authenticated:
        return False
    if second_factor_missing(user):
        return False
    return bool(user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
