"""Create a unit with everything it needs to publish (the one door for the admin, the CLI
``gongkai org add``, the demo city and tests)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from wagtail.models import Collection

from gongkai.core.types import User
from gongkai.library.models import DisclosureIndexPage, UnitPage
from gongkai.library.services import unit_columns_ensure
from gongkai.organisations import services as org_services
from gongkai.organisations.models import Organisation
from gongkai.portal.services import site_ensure


@transaction.atomic
def unit_create(*, actor: User | None, parent: Organisation | None, **fields: Any) -> Organisation:
    """Create a unit with its 政府信息公开 column, file collection and role groups."""
    org = org_services.organisation_create(actor=actor, parent=parent, **fields)
    unit_site_ensure(org)
    return org


@transaction.atomic
def unit_site_ensure(org: Organisation) -> UnitPage:
    """Create (once) the site (with its 先审后发 workflow), the unit's column pages and its
    collection; attach the role groups."""
    site = site_ensure()
    disclosure_index = DisclosureIndexPage.objects.child_of(site.root_page).get()
    unit = unit_columns_ensure(org, disclosure_index)
    if org.collection_id is None:
        root = Collection.get_first_root_node()
        org.collection = root.add_child(name=f"{org.name}#{org.pk}")
    org.home_page = unit
    org.save(update_fields=["collection", "home_page"])
    org_services.organisation_groups_ensure(org)
    return unit
