"""登录失败处理 (GB/T 22239-2019 8.1.4.1 b): django-axes counts failed logins per account and,
separately, per client address (AXES_LOCKOUT_PARAMETERS) and refuses logins while either is
locked. The client address is ours (gongkai.core.ratelimit.client_ip, which honours
GONGKAI_CLIENT_IP_HEADER behind a proxy)."""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest

from gongkai.core.ratelimit import client_ip


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


def login_client_ip(request: HttpRequest) -> str | None:
    """The client's address for axes (AXES_CLIENT_IP_CALLABLE), or None when there is no real
    one (a request built in code, a malformed proxy header): axes stores it in an address
    column, which PostgreSQL checks, so the rate limiter's hashed stand-in must not reach it.
    Without an address a failure still counts against the account."""
    value = client_ip(request)
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return None
    return value
