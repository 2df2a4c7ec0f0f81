"""Serving of admin files with their access rule (gongkai.core.policies): documents through
Wagtail's view behind the `before_serve_document` hook (core.wagtail_hooks), image originals
and renditions (everything under MEDIA_URL) through `serve_media` — neither nginx nor
`make run` serves MEDIA_ROOT directly.

Responses depend on who asks when the file is not public: those are marked private so that no
shared cache (nginx, Gongkai's page cache, which skips these paths anyway) keeps them.
Public ones must be revalidated (an unpublished page takes its files with it).
"""

from __future__ import annotations

import mimetypes
import posixpath
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.static import serve as serve_file
from wagtail.documents.views.serve import serve as wagtail_serve_document
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import ReferenceIndex
from wagtail.signals import page_published

from gongkai.core import policies
from gongkai.core.config import gongkai_config
from gongkai.core.sendfile import accel_redirect

# Set by the document hook when a file went out because of who asked, not because it is public.
PRIVATE_FLAG = "_gongkai_private_media"


def _cache_headers(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    if response.status_code != 200:
        return response
    if getattr(request, PRIVATE_FLAG, False):
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
    else:
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    return response


def serve_document(
    request: HttpRequest, document_id: str, document_filename: str
) -> HttpResponseBase:
    """Wagtail's document view (its hooks run the access rule) with our cache headers."""
    response = wagtail_serve_document(request, document_id, document_filename)
    return _cache_headers(request, response)


def _image_for(path: str) -> AbstractImage | None:
    image_model = get_image_model()
    image = image_model.objects.filter(file=path).first()
    if image is not None:
        return image
    rendition = (
        image_model.get_rendition_model().objects.filter(file=path).select_related("image").first()
    )
    return rendition.image if rendition is not None else None


def serve_media(request: HttpRequest, path: str) -> HttpResponseBase:
    """An image original or rendition under MEDIA_ROOT, if the asker may see the image; any
    other file under MEDIA_ROOT (documents are served by their own view) is never served."""
    normalised = posixpath.normpath(path).lstrip("/")
    if normalised != path or normalised.startswith(".."):
        raise Http404
    image = _image_for(normalised)
    if image is None:
        raise Http404
    if not policies.is_public(image):
        if not policies.staff_may_see(request.user, image):
            raise Http404
        setattr(request, PRIVATE_FLAG, True)
    accel_prefix = gongkai_config().media_accel_redirect
    if accel_prefix:
        # nginx sends the file from an `internal` location (docs/deployment.md).
        response: HttpResponseBase = accel_redirect(normalised)
        response["Content-Type"] = mimetypes.guess_type(normalised)[0] or "application/octet-stream"
    else:
        response = serve_file(request, normalised, document_root=str(settings.MEDIA_ROOT))
    response["Content-Security-Policy"] = "default-src 'none'"
    return _cache_headers(request, response)


def index_references_now(sender: Any, instance: Any, **kwargs: Any) -> None:
    """On publication, bring the page's entry in Wagtail's reference index up to date at once:
    Wagtail does it in a background task, and with a task worker the files of a page just
    published would stay 404 for the public until the worker ran."""
    page = type(instance).objects.get(pk=instance.pk)
    ReferenceIndex.create_or_update_for_object(page)


def connect_reference_indexing() -> None:
    page_published.connect(index_references_now, dispatch_uid="gk-media-references")
