"""Who maintains the service catalogue (办事事项): the units' staff, in terms of the unit
capabilities of gongkai.organisations.policies. The admin's permission policy for ServiceItem
(wagtail_hooks.py) and the services (services.py) read the same table."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.core.types import User
from gongkai.organisations.models import Organisation
from gongkai.organisations.policies import Capability, has_capability, organisations_with_capability
from gongkai.servicecatalog.models import ServiceItem

# Which capability each admin action needs on the item's unit (实施机构).
SERVICE_ITEM_CAPABILITY: dict[str, Capability] = {
    "add": Capability.DRAFT,
    "change": Capability.DRAFT,
    "delete": Capability.PUBLISH,
}


def units_for_service_items(user: User) -> QuerySet[Organisation]:
    """The units the user may file service items under (the form's choices)."""
    return organisations_with_capability(user, SERVICE_ITEM_CAPABILITY["add"]).order_by("path")


def can_file_service_item(user: User, unit: Organisation) -> bool:
    """File an item under ``unit`` (a new one, or an existing one moved there)."""
    return has_capability(user, unit, SERVICE_ITEM_CAPABILITY["add"])


def can_change_service_item(user: User, item: ServiceItem) -> bool:
    return has_capability(user, item.organisation, SERVICE_ITEM_CAPABILITY["change"])


def can_delete_service_item(user: User, item: ServiceItem) -> bool:
    return has_capability(user, item.organisation, SERVICE_ITEM_CAPABILITY["delete"])
