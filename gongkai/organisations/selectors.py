"""Reads of units and staff roles."""

from __future__ import annotations

from django.db.models import Q

from gongkai.organisations.models import Organisation


def find_organisation(name_or_code: str) -> Organisation | None:
    """A unit by its name, short name, slug, credit code or organisation code (the highest in
    the tree wins when a short name is shared)."""
    key = name_or_code.strip()
    if not key:
        return None
    found: Organisation | None = (
        Organisation.objects.filter(
            Q(name=key) | Q(short_name=key) | Q(credit_code=key) | Q(org_code=key) | Q(slug=key)
        )
        .order_by("depth", "path")
        .first()
    )
    return found
