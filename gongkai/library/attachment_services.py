"""Writes of the policy form's attachments (附件): a file uploaded in the form itself becomes a
Wagtail document in the unit's collection. The form (admin_forms.PolicyPageForm) calls this; it
checks the actor (policies.can_attach_file), runs in one transaction and leaves an entry in the
document's history."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.log_actions import log
from wagtail.models import Collection

from gongkai.core.types import User
from gongkai.library import policies
from gongkai.organisations.models import Organisation


@transaction.atomic
def attachment_document_create(
    *, actor: User, unit: Organisation | None, title: str, upload: UploadedFile
) -> AbstractDocument:
    """A document for ``upload`` in ``unit``'s collection (the root collection outside units)."""
    if not policies.can_attach_file(actor, unit):
        raise PermissionDenied(_("您没有权限执行此操作。"))
    collection = unit.collection if unit is not None else None
    document = get_document_model()(
        title=title,
        file=upload,
        collection=collection or Collection.get_first_root_node(),
        uploaded_by_user=actor,
    )
    document.save()
    log(instance=document, action="wagtail.create", user=actor, content_changed=True)
    return document
