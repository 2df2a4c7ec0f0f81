"""The index follows publishing at once: publish, unpublish, edit (a new publish), delete,
and changes of 有效性 made by other documents."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from gongkai.library.models import InterpretationPage, PolicyDocumentPage
from gongkai.library.signals import validity_changed
from gongkai.search import indexing


@receiver(page_published, sender=PolicyDocumentPage)
@receiver(page_unpublished, sender=PolicyDocumentPage)
def _policy_changed(sender: Any, instance: PolicyDocumentPage, **kwargs: Any) -> None:
    # Its interpretations become visible or invisible with it.
    indexing.reindex_policy_and_interpretations(instance)


@receiver(page_published, sender=InterpretationPage)
@receiver(page_unpublished, sender=InterpretationPage)
def _interpretation_changed(sender: Any, instance: InterpretationPage, **kwargs: Any) -> None:
    indexing.index_page(instance)


@receiver(post_delete, sender=PolicyDocumentPage)
@receiver(post_delete, sender=InterpretationPage)
def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    indexing.remove_page(instance.pk)


@receiver(validity_changed)
def _validity_changed(sender: Any, document: PolicyDocumentPage, **kwargs: Any) -> None:
    indexing.index_page(document)
