"""A Wagtail sendfile backend (SENDFILE_BACKEND) for production behind nginx: after Django
has checked access (core.wagtail_hooks), nginx sends the file itself from an `internal`
location named by GONGKAI["MEDIA_ACCEL_REDIRECT"] (docs/deployment.md), so that no Python
worker is held while a large document goes out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

from gongkai.core.config import gongkai_config


def accel_redirect(relative: str) -> HttpResponse:
    """An empty response telling nginx to send MEDIA_ROOT/``relative``."""
    response = HttpResponse()
    response["X-Accel-Redirect"] = (
        gongkai_config().media_accel_redirect.rstrip("/") + "/" + relative.lstrip("/")
    )
    return response


def sendfile(request: HttpRequest, filename: str, **kwargs: Any) -> HttpResponse:
    root = Path(settings.MEDIA_ROOT).resolve()
    path = Path(filename).resolve()
    if not path.is_relative_to(root):
        raise Http404
    response = accel_redirect(path.relative_to(root).as_posix())
    response["Content-Type"] = kwargs.get("mimetype") or "application/octet-stream"
    return response
