"""The answer's page and its review drive the letter's state (mailbox.services does the work):

- the reply page published (the review's last step publishes it): the letter is answered;
- the review sent it back, or it was withdrawn: the letter is being handled again;
- the page resubmitted from Wagtail's editor after a return: the letter is in review again.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from wagtail.signals import page_published, task_submitted, workflow_cancelled, workflow_rejected

from gongkai.mailbox import services
from gongkai.mailbox.models import LetterReplyPage


def _reply_page(workflow_state: Any) -> LetterReplyPage | None:
    obj = getattr(workflow_state, "content_object", None)
    specific = getattr(obj, "specific", obj)
    return specific if isinstance(specific, LetterReplyPage) else None


@receiver(page_published, sender=LetterReplyPage, dispatch_uid="mailbox-answered")
def reply_published(sender: Any, instance: LetterReplyPage, **kwargs: Any) -> None:
    services.letter_answered(page=instance)


@receiver(workflow_rejected, dispatch_uid="mailbox-review-rejected")
@receiver(workflow_cancelled, dispatch_uid="mailbox-review-cancelled")
def reply_returned(sender: Any, instance: Any, **kwargs: Any) -> None:
    page = _reply_page(instance)
    if page is not None:
        services.letter_review_returned(page=page)


@receiver(task_submitted, dispatch_uid="mailbox-review-resumed")
def reply_resubmitted(sender: Any, instance: Any, **kwargs: Any) -> None:
    page = _reply_page(getattr(instance, "workflow_state", None))
    if page is not None:
        services.letter_review_resumed(page=page)
