"""Routes of the open API (mounted at /api/v1/ by gongkai/urls.py).

Every route of the django-ninja API, including the OpenAPI document and the docs page, is
wrapped so that the API behaves the same everywhere: GET (and HEAD) only, else 405; empty
query parameters count as absent (``?q=&organ=`` as an HTML form sends them); values with
control characters are refused; unknown addresses under /api/v1/ are a JSON 404.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.urls import URLPattern, URLResolver, path, re_path, reverse
from django.utils.cache import patch_cache_control

from gongkai.api.api import api
from gongkai.api.errors import error_response

ALLOWED_METHODS = ("GET", "HEAD")
MAX_VALUE_LENGTH = 1000


def _bad_value(query: QueryDict) -> tuple[str, str] | None:
    for name, values in query.lists():
        for value in values:
            if len(value) > MAX_VALUE_LENGTH:
                return name, f"参数 {name} 过长。"
            if any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in value):
                return name, f"参数 {name} 含有控制字符。"
    return None


def _without_empty(query: QueryDict) -> QueryDict:
    cleaned = QueryDict(mutable=True)
    for name, values in query.lists():
        kept = [v for v in values if v.strip()]
        if kept:
            cleaned.setlist(name, kept)
    cleaned._mutable = False
    return cleaned


def guarded(view: Callable[..., Any]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ALLOWED_METHODS:
            response = error_response(405, "开放接口只读，只支持 GET 请求。")
            response["Allow"] = ", ".join(ALLOWED_METHODS)
            return response
        bad = _bad_value(request.GET)
        if bad is not None:
            return error_response(400, bad[1], bad[0])
        request.GET = _without_empty(request.GET)  # type: ignore[assignment]
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            response = error_response(404, "未找到。")
        if head:
            response.content = b""
        # Each request is answered (and counted by the rate limit), never from a shared cache
        # such as core.pagecache: the answer carries absolute URLs built from the request.
        patch_cache_control(response, private=True)
        return response

    wrapper.csrf_exempt = True  # type: ignore[attr-defined]  # no writes, no cookies trusted
    return wrapper


def index(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    """/api/v1/: where the documentation and the endpoints are."""
    docs = request.build_absolute_uri(reverse("api-v1:openapi-view"))
    base = request.build_absolute_uri(reverse("api-v1:api-root"))
    body = {
        "name": api.title,
        "version": api.version,
        "docs": docs,
        "openapi": request.build_absolute_uri(reverse("api-v1:openapi-json")),
        "endpoints": [
            base + p for p in ("policies", "interpretations", "consultations", "organisations")
        ],
    }
    return api.create_response(request, body, status=200)


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    docs = reverse("api-v1:openapi-view")
    return error_response(404, f"没有这个接口地址。可用的接口见 {docs}。")


not_found.csrf_exempt = True  # type: ignore[attr-defined]


def _patterns() -> list[URLPattern | URLResolver]:
    patterns, _, _ = api.urls
    wrapped: list[URLPattern | URLResolver] = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            callback = index if pattern.name == "api-root" else pattern.callback
            wrapped.append(
                URLPattern(pattern.pattern, guarded(callback), pattern.default_args, pattern.name)
            )
        else:
            wrapped.append(pattern)
    return wrapped


urlpatterns: list[URLPattern | URLResolver] = [
    path("", (_patterns(), "ninja", "api-v1")),
    re_path(r"", not_found),
]
