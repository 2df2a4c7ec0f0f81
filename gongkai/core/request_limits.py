"""Refuse an oversized request body before anything reads it (GB/T 22239-2019 8.1.4.4 入侵防范,
resource control): the declared Content-Length is compared with the limit of the address's
prefix (MAX_REQUEST_BYTES_BY_PREFIX, else MAX_REQUEST_BYTES) and a 413 page in Chinese goes
out without reading a byte of the body. nginx's client_max_body_size is the first line
(docs/deployment.md); this one also holds under `make run` and behind any other proxy.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from gongkai.core.config import gongkai_config


def body_limit(path: str) -> int:
    """The largest body accepted at ``path``: the longest matching prefix's limit wins."""
    by_prefix: dict[str, int] = gongkai_config().max_request_bytes_by_prefix
    matches = [prefix for prefix in by_prefix if path.startswith(prefix)]
    if matches:
        return int(by_prefix[max(matches, key=len)])
    return int(gongkai_config().max_request_bytes)


class RequestBodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0  # Django reads no body from a malformed length
        limit = body_limit(request.path)
        if declared > limit:
            html = render_to_string(
                "core/request_too_large.html",
                {"limit_mb": max(1, limit // (1024 * 1024))},
                request=None,
            )
            # The WSGI server discards the unread body (hop-by-hop headers are not ours to set).
            return HttpResponse(html, status=413)
        return self.get_response(request)
