"""Rate limit of the open API: API_RATE_LIMIT requests per API_RATE_WINDOW seconds for each
client address (gongkai_config()), counted in the database (core.ratelimit: one atomic
statement counts and answers); staff are not limited.

Fixed windows aligned to the clock: a client over the limit waits until the current window
ends, and that wait follows from the time alone (no per-request state on the shared object).
Every server process counts in the same table, so the limit holds across processes and servers.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from gongkai.api.policies import exempt_from_rate_limit
from gongkai.core.config import gongkai_config
from gongkai.core.ratelimit import Limit


def limit_and_window() -> tuple[int, int]:
    config = gongkai_config()
    return config.api_rate_limit, max(1, config.api_rate_window)


def _limit() -> Limit:
    count, window = limit_and_window()
    return Limit("api", count, window)


def _is_staff(request: HttpRequest) -> bool:
    return exempt_from_rate_limit(getattr(request, "user", None))


class ClientRateThrottle(BaseThrottle):
    def allow_request(self, request: HttpRequest) -> bool:
        if _is_staff(request):
            return True
        return _limit().take(request)

    def wait(self) -> float:
        return float(_limit().retry_after())
