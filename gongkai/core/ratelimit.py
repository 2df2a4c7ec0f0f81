"""Rate limits of public forms and the open API: who the client is, and a counter per client.

Counters live in Django's default cache, shared by the server processes when the cache is
(file or Redis, see CACHES). Behind a reverse proxy every request comes from the proxy, so the
client's address is read from the header named by settings.GONGKAI["CLIENT_IP_HEADER"] (e.g.
HTTP_X_REAL_IP, or HTTP_X_FORWARDED_FOR where the proxy appends the address it saw last).
"""

from __future__ import annotations

import hashlib
import math
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

_PLAIN_ADDRESS = re.compile(r"[0-9A-Fa-f:.]{1,45}")


def client_ip(request: HttpRequest) -> str:
    """The client's address as a short string safe to put in a cache key."""
    header = settings.GONGKAI.get("CLIENT_IP_HEADER") or ""
    value = request.META.get(header, "") if header else ""
    # X-Forwarded-For style lists: the proxy appends the client it saw last.
    value = value.split(",")[-1].strip() if value else ""
    value = value or request.META.get("REMOTE_ADDR", "") or "unknown"
    if not _PLAIN_ADDRESS.fullmatch(value):
        value = hashlib.sha256(value.encode()).hexdigest()[:32]
    return value


@dataclass(frozen=True)
class Limit:
    """At most ``count`` actions of one kind per client in a fixed window of ``seconds``,
    aligned to the clock (the wait follows from the time alone)."""

    scope: str
    count: int
    seconds: int

    def _key(self, request: HttpRequest) -> str:
        window = int(time.time() // max(1, self.seconds))
        return f"gongkai:rate:{self.scope}:{client_ip(request)}:{window}"

    def exceeded(self, request: HttpRequest) -> bool:
        """True when the client has used up the window (does not count this request)."""
        if self.count <= 0:
            return False
        return int(cache.get(self._key(request), 0)) >= self.count

    def hit(self, request: HttpRequest) -> bool:
        """Counts one action; True while the client is within the limit."""
        if self.count <= 0:
            return True
        key = self._key(request)
        cache.add(key, 0, self.seconds + 1)
        try:
            used = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, self.seconds + 1)
            used = 1
        return used <= self.count

    def retry_after(self) -> int:
        """Seconds until the current window ends (for a Retry-After header)."""
        seconds = max(1, self.seconds)
        return max(1, math.ceil(seconds - time.time() % seconds))
