"""Who may see an admin document or image (GB/T 22239-2019 8.1.4.2 访问控制).

The public gets a file only while a live, publicly visible page references it, or after an
editor released it (`MediaRelease`, 公开发布). Staff get it through their Wagtail collection
permission on the file's collection (choose or change), which Gongkai derives from the role
table (gongkai.organisations). Everyone else gets the same 404 as for a file that does not
exist: missing and forbidden look alike.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from gongkai.core.models import MediaRelease
from gongkai.core.types import User


def referenced_by_live_public_page(obj: Model) -> bool:
    """Whether a live page without view restriction references ``obj`` (a FK, an inline such
    as an attachment, or a link or embed in rich text), per Wagtail's reference index. The
    index is computed from the page row, i.e. the published content: a draft that adds a file
    does not make it public (core.signals also re-indexes on publication, without waiting for
    a task worker)."""
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    ids = [int(i) for i in page_ids if str(i).isdigit()]
    if not ids:
        return False
    pages = Page.objects.live().public().filter(pk__in=ids).specific()
    # A live page may still refuse to be served (a page type's own rule, e.g. an
    # interpretation whose policy is not live yet): it then publishes none of its files.
    return any(getattr(page, "serves_publicly", True) for page in pages)


def is_released(obj: AbstractDocument | AbstractImage) -> bool:
    if isinstance(obj, AbstractDocument):
        return MediaRelease.objects.filter(document_id=obj.pk).exists()
    return MediaRelease.objects.filter(image_id=obj.pk).exists()


def staff_may_see(user: User, obj: AbstractDocument | AbstractImage) -> bool:
    policy = policy_registry.get_by_type(type(obj))
    return (
        user.is_authenticated
        and user.is_active
        and policy.user_has_any_permission_for_instance(user, ["choose", "change"], obj)
    )


def is_public(obj: AbstractDocument | AbstractImage) -> bool:
    """What the anonymous public may get, whoever asks."""
    if is_released(obj):
        return True
    return referenced_by_live_public_page(obj)


def can_view_document(user: User | None, document: AbstractDocument) -> bool:
    if is_public(document):
        return True
    return staff_may_see(user or AnonymousUser(), document)


def can_view_image(user: User | None, image: AbstractImage) -> bool:
    if is_public(image):
        return True
    return staff_may_see(user or AnonymousUser(), image)


def can_release(user: User, obj: AbstractDocument | AbstractImage) -> bool:
    """Releasing (or withdrawing) a file is an edit of it: change permission on its collection."""
    policy = policy_registry.get_by_type(type(obj))
    return (
        user.is_authenticated
        and user.is_active
        and policy.user_has_permission_for_instance(user, "change", obj)
    )
