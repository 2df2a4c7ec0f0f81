"""Publication, unpublication and withdrawal go into the review record as they happen."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, workflow_cancelled

from gongkai.library.models import UnitContentPage
from gongkai.review.models import ReviewAction
from gongkai.review.services import record_event


def _is_unit_content(page: Any) -> bool:

    return isinstance(page, UnitContentPage)


@receiver(page_published)
def record_publication(sender: Any, instance: Any, revision: Any = None, **kwargs: Any) -> None:

    if _is_unit_content(instance):
        actor = getattr(revision, "user", None) if revision is not None else None
        record_event(page=instance, action=ReviewAction.PUBLISHED, revision=revision, actor=actor)


@receiver(page_unpublished)
def record_unpublication(sender: Any, instance: Any, **kwargs: Any) -> None:

    if _is_unit_content(instance):
        record_event(page=instance, action=ReviewAction.UNPUBLISHED)


@receiver(workflow_cancelled)
def record_withdrawal(sender: Any, instance: Any, user: Any = None, **kwargs: Any) -> None:

    page = instance.content_object
    if page is not None and _is_unit_content(page.specific):
        record_event(page=page.specific, action=ReviewAction.CANCELLED, actor=user)
