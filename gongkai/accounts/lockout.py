"""登录失败处理 (GB/T 22239-2019 8.1.4.1 b): django-axes counts failed logins per account and,
separately, per client address (AXES_LOCKOUT_PARAMETERS) and refuses logins while either is
locked. The client address is ours (gongkai.core.ratelimit.client_ip, which honours
GONGKAI_CLIENT_IP_HEADER behind a proxy)."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LockoutBackend(AxesStandaloneBackend):
    """axes' check before the password backend. A login that is not an HTTP request
    (``authenticate()`` from code, a command or the test client) has no address to count and
    is left to the next backend rather than refused."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
