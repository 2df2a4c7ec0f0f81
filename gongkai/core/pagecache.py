"""Full-page cache for anonymous readers, invalidated by a site-wide content version.

Government portals get sudden peaks (a school-enrolment notice, a subsidy list). Public pages
are the same for every anonymous reader (up to the elder-mode cookie), so a rendered page is
kept in the cache under ``(content version, elder mode, path and query)``. Anything that can
change a public page — publishing, unpublishing or deleting a page, a change of 有效性, a
unit's contact data, a service item, a topic — bumps the version, and every cached page is
stale at once: correctness first, a few re-renders after a publication are cheap. Responses
that set cookies, vary on the session/CSRF cookie, or are not 200 are never stored; logged-in
staff and non-GET requests bypass the cache. ETag/Last-Modified and 304s come from Django's
ConditionalGetMiddleware, placed before this one.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, set_response_etag
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from gongkai.core.config import gongkai_config

VERSION_KEY = "gongkai:content-version"
# The API has its own rate limits and Cache-Control; documents are served by their own view.
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/api/", "/documents/", "/static/", "/media/")


def _cache() -> Any:
    return caches[gongkai_config().page_cache_alias]


def content_version() -> int:
    """A value never used before: a lost key (FileBasedCache culls it like any entry) must
    not bring back an earlier version whose pages may still be in the cache."""
    version = _cache().get(VERSION_KEY)
    if version is None:
        _cache().add(VERSION_KEY, time.time_ns(), timeout=None)
        version = _cache().get(VERSION_KEY, 0)
    return int(version)


def bump_content_version(*_args: Any, **_kwargs: Any) -> None:
    """Make every cached page stale (connected to the signals of content changes).

    Bumped now, and again when the surrounding transaction commits: a reader that rendered
    the old content while the change was not yet committed would otherwise have cached it
    under the new version (measured: stale pages for as long as the cache kept them).
    """
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    _cache().set(VERSION_KEY, time.time_ns(), timeout=None)


class _LocalPages:
    """A small per-process copy of recently served entries. Keys carry the content version,
    read from the shared cache on every request, so a bump makes every copy unreachable at
    once; the copy only saves reading, decompressing and unpickling the shared entry."""

    def __init__(self, size: int = 256, seconds: float = 60) -> None:
        self.size, self.seconds = size, seconds
        self.entries: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self.lock:
            item = self.entries.get(key)
            if item is None or item[0] < time.monotonic():
                return None
            self.entries.move_to_end(key)
            return item[1]

    def put(self, key: str, entry: Any) -> None:
        with self.lock:
            self.entries[key] = (time.monotonic() + self.seconds, entry)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


_local = _LocalPages()


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.timeout = int(gongkai_config().page_cache_seconds)

    def _cacheable_request(self, request: HttpRequest) -> bool:
        return (
            self.timeout > 0
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(SKIP_PREFIXES)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    def _key(self, request: HttpRequest) -> str:
        elder = "1" if request.COOKIES.get("gk_elder") == "1" else "0"
        language = translation.get_language_from_request(request)
        # The host too: feeds, the sitemap and robots.txt carry absolute addresses.
        address = hashlib.sha256(
            f"{request.get_host()}{request.get_full_path()}".encode()
        ).hexdigest()
        return f"gongkai:page:{content_version()}:{elder}:{language}:{address}"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._cacheable_request(request):
            return self.get_response(request)
        key = self._key(request)
        cached = _local.get(key)
        if cached is None:
            cached = _cache().get(key)
            if cached is not None:
                _local.put(key, cached)
        if cached is not None:
            status, headers, content = cached
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._storable(response):
            set_response_etag(response)  # once, not on every hit (ConditionalGetMiddleware)
            headers = [(k, v) for k, v in response.items() if k.lower() not in ("set-cookie",)]
            entry = (response.status_code, headers, response.content)
            _cache().set(key, entry, self.timeout)
            _local.put(key, entry)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _storable(response: HttpResponse) -> bool:
        if response.status_code != 200 or response.cookies or getattr(response, "streaming", False):
            return False
        if "cookie" in response.get("Vary", "").lower():
            return False
        if "private" in response.get("Cache-Control", "") or "no-store" in response.get(
            "Cache-Control", ""
        ):
            return False
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return True


# Models whose rows appear on public pages. Each app adds its own in ``AppConfig.ready()``
# through ``watch_models`` (core knows no app above it); core watches Wagtail's pages.
_watched: list[type[Any]] = []


def watch_models(*models: type[Any]) -> None:
    """Saving or deleting a row of one of ``models`` makes every cached page stale."""
    for model in models:
        if model not in _watched:
            _watched.append(model)


def watch_signals(*signals: Signal) -> None:
    """Sending one of ``signals`` (an app's own, such as library's 有效性 change) makes every
    cached page stale."""
    for signal in signals:
        signal.connect(bump_content_version, dispatch_uid=f"gk-cache-{id(signal)}")


def _on_write(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Page subclasses send their own class as sender: filter on the instance instead.
    if isinstance(instance, tuple(_watched)):
        bump_content_version()


def connect_invalidation() -> None:
    """Every change that can alter a public page bumps the content version: publishing and
    unpublishing here, the apps' models and signals as they register (``watch_models``)."""
    watch_models(Page)
    page_published.connect(bump_content_version, dispatch_uid="gk-cache-published")
    page_unpublished.connect(bump_content_version, dispatch_uid="gk-cache-unpublished")
    post_save.connect(_on_write, dispatch_uid="gk-cache-saved", weak=False)
    post_delete.connect(_on_write, dispatch_uid="gk-cache-deleted", weak=False)
