"""Reads of units and staff roles, and the one way to find the unit of a page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from wagtail.models import Page

from gongkai.organisations.models import Membership, Organisation


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


def unit_of_page(page: Any, *, from_tree: bool = False) -> Organisation | None:
    """The unit whose content ``page`` is (a page, possibly unsaved or rebuilt from a revision):
    its own ``organisation`` when it has one (content pages, the unit's column page), else the
    unit whose column page (``Organisation.home_page``) is the page or one of its ancestors;
    None for the site's own pages (the operator's). The one way every app finds a page's unit.
    ``from_tree=True`` asks the tree only: the unit a page stands under now, which a page
    being saved (added or moved) takes as its own.
    """
    if page is None:
        return None
    specific = page.specific if isinstance(page, Page) and type(page) is Page else page
    organisation = None if from_tree else getattr(specific, "organisation", None)
    if isinstance(organisation, Organisation):
        return organisation
    path = getattr(specific, "path", "") or ""
    if not path:
        return None
    prefixes = [path[: Page.steplen * d] for d in range(1, len(path) // Page.steplen + 1)]
    nearest: Organisation | None = (
        Organisation.objects.filter(home_page__path__in=prefixes)
        .order_by("-home_page__depth")
        .first()
    )
    return nearest


def staff_of(unit: Organisation | None) -> QuerySet[User]:
    """The people with a role in ``unit`` (none for no unit), by user name."""
    members = Membership.objects.filter(organisation=unit).values_list("user_id", flat=True)
    return User.objects.filter(pk__in=members).order_by("username")
