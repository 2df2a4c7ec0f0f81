"""Writes of the core app: releasing an admin document or image to the public (公开发布), and
saving or deleting one record with its audit entry (used by the services of simple records)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.log_actions import log

from gongkai.core import policies
from gongkai.core.models import MediaRelease
from gongkai.core.types import User

RELEASE_ACTION = "gongkai.media_release"
WITHDRAW_ACTION = "gongkai.media_withdraw"


@transaction.atomic
def media_release(
    *, actor: Any | None, obj: AbstractDocument | AbstractImage, public: bool
) -> bool:
    """Mark ``obj`` public without any page (``public=True``) or withdraw that mark. Returns
    whether anything changed; each change is in the object's history (GB/T 22239-2019
    8.1.4.3 安全审计). ``actor`` None is the system (CLI, demo data)."""
    if actor is not None and not policies.can_release(actor, obj):
        raise PermissionDenied(_("您没有权限公开该文件。"))
    target = {"document": obj} if isinstance(obj, AbstractDocument) else {"image": obj}
    if public:
        changed = MediaRelease.objects.get_or_create(**target, defaults={"released_by": actor})[1]
    else:
        changed = MediaRelease.objects.filter(**target).delete()[0] > 0
    if changed:
        log(instance=obj, action=RELEASE_ACTION if public else WITHDRAW_ACTION, user=actor)
    return changed


# --- Saving one record with its audit entry -----------------------------------------------------

M = TypeVar("M", bound=Model)


def record_save(instance: M, *, actor: User | None, created: bool) -> M:
    """Validate and save ``instance`` and write the audit entry Wagtail's own generic views
    write (``wagtail.create`` / ``wagtail.edit``; GB/T 22239-2019 8.1.4.3 安全审计). For the
    services of simple records, inside their transaction, after their permission check."""
    instance.full_clean()
    instance.save()
    action = "wagtail.create" if created else "wagtail.edit"
    log(instance=instance, action=action, user=actor, content_changed=True)
    return instance


def record_delete(instance: Model, *, actor: User | None) -> None:
    """Write the ``wagtail.delete`` audit entry, then delete ``instance`` (the entry keeps its
    label, as Wagtail's delete view does)."""
    log(instance=instance, action="wagtail.delete", user=actor, deleted=True)
    instance.delete()
