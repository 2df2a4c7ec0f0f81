"""Keep derived state in step with publishing: the 有效性 of documents a document acts on."""

# write-guard: module — the derived 有效性 of documents a deleted document acted on.

from __future__ import annotations

from typing import Any

from django.db.models.signals import pre_delete
from django.dispatch import Signal, receiver
from wagtail.signals import page_published, page_unpublished

from gongkai.library.models import DocumentRelation, PolicyDocumentPage

# Sent with ``document=`` when a document's derived 有效性 changed without it being published
# (another document abolished it, or its period ended); the search index listens.
validity_changed = Signal()


@receiver(page_published, sender=PolicyDocumentPage)
@receiver(page_unpublished, sender=PolicyDocumentPage)
def _refresh_acted_on(sender: Any, instance: PolicyDocumentPage, **kwargs: Any) -> None:
    # local import: library.services imports this module
    from gongkai.library.services import refresh_validity_around

    refresh_validity_around(instance)


@receiver(pre_delete, sender=PolicyDocumentPage)
def _before_delete(sender: Any, instance: PolicyDocumentPage, **kwargs: Any) -> None:
    # local import: library.services imports this module
    from gongkai.library.services import apply_derived_validity

    # Drop the deleted document's acts first, then recompute what they had changed.
    targets = list(
        PolicyDocumentPage.objects.filter(incoming_relations__source=instance).distinct()
    ) + list(PolicyDocumentPage.objects.filter(superseded_by=instance))
    DocumentRelation.objects.filter(source=instance).delete()
    for doc in targets:
        if doc.superseded_by_id == instance.pk:
            doc.superseded_by_id = None
            PolicyDocumentPage.objects.filter(pk=doc.pk).update(superseded_by=None)
        apply_derived_validity(doc)
