"""The section "在线访谈与发布会" on a linked policy's page and on its interpretations' pages
(library.related): published events only, newest first."""

from __future__ import annotations

from django.utils import timezone
from wagtail.models import Page

from gongkai.events import selectors
from gongkai.library.models import InterpretationPage, PolicyDocumentPage
from gongkai.library.related import RelatedLink, RelatedSection

MAX_LINKS = 20


def events_section(page: Page) -> RelatedSection | None:
    specific = page.specific
    if isinstance(specific, PolicyDocumentPage):
        events = selectors.events_linked_to_policy(specific.pk)
    elif isinstance(specific, InterpretationPage):
        events = selectors.events_linked_to_interpretation(specific.pk, specific.policy_id)
    else:
        return None
    links = [
        RelatedLink(
            title=event.title,
            url=event.get_absolute_url(),
            note=f"{event.get_kind_display()} {timezone.localtime(event.starts_at):%Y-%m-%d}",
        )
        for event in events[:MAX_LINKS]
    ]
    if not links:
        return None
    return RelatedSection(key="events", heading="在线访谈与发布会", links=links)
