"""Template helpers for policy pages: the related records a detail page shows."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.library import related, selectors
from gongkai.library.related import RelatedSection
from gongkai.library.validity import RelationKind

register = template.Library()


@register.simple_tag
def policy_context(page: Any) -> dict[str, Any]:
    """发文机关, live interpretations, services and the acts of other documents on this one."""
    acts = list(selectors.incoming_acts(page))
    return {
        "units": [i.organisation for i in page.issuers.select_related("organisation")],
        "interpretations": list(page.interpretations.live().public()),
        "services": list(page.services.filter(is_active=True).select_related("organisation")),
        "amendments": [a for a in acts if a.kind == RelationKind.AMENDS],
        "superseded_by": page.superseded_by
        if page.superseded_by_id and page.superseded_by.live
        else None,
    }


@register.simple_tag
def related_sections(page: Any) -> list[RelatedSection]:
    """What the apps above the library link to this page (library.related)."""
    return related.related_sections(page)
