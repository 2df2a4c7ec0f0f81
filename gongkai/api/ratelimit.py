"""Rate limit of the open API: API_RATE_LIMIT requests per API_RATE_WINDOW seconds for each
client address (settings.GONGKAI), counted in Django's default cache; staff are not limited.

Fixed windows aligned to the clock: a client over the limit waits until the current window
ends, and that wait follows from the time alone (no per-request state on the shared object).
With several server processes, configure a shared cache so that they count together.
"""

from __future__ import annotations

import hashlib
import math
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

_PLAIN_ADDRESS = re.compile(r"[0-9A-Fa-f:.]{1,45}")


def limit_and_window() -> tuple[int, int]:
    config = settings.GONGKAI
    return int(config.get("API_RATE_LIMIT", 120)), max(1, int(config.get("API_RATE_WINDOW", 60)))


def client_address(request: HttpRequest) -> str:
    """The client's address; behind a proxy, from the header named by CLIENT_IP_HEADER (as the
    portal's 找错 form does), else REMOTE_ADDR."""
    header = settings.GONGKAI.get("CLIENT_IP_HEADER") or ""
    value = request.META.get(header, "") if header else ""
    # X-Forwarded-For style lists: the proxy appends the client it saw last.
    value = value.split(",")[-1].strip() if value else ""
    return value or request.META.get("REMOTE_ADDR", "") or "unknown"


def _is_staff(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return bool(user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


class ClientRateThrottle(BaseThrottle):
    def allow_request(self, request: HttpRequest) -> bool:
        limit, window = limit_and_window()
        if limit <= 0 or _is_staff(request):
            return True
        address = client_address(request)
        if not _PLAIN_ADDRESS.fullmatch(address):  # keep cache keys short and safe
            address = hashlib.sha256(address.encode()).hexdigest()[:32]
        key = f"gongkai:api:rate:{address}:{int(time.time() // window)}"
        cache.add(key, 0, window + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window + 1)
            count = 1
        return count <= limit

    def wait(self) -> float:
        _, window = limit_and_window()
        return max(1, math.ceil(window - time.time() % window))
