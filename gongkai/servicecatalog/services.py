"""Writes to the service catalogue (办事事项). The admin screens call these; each checks the
actor's permission (policies.py), runs in one transaction and leaves an entry in the item's
history (Wagtail's log, GB/T 22239-2019 8.1.4.3 安全审计)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.services import record_delete, record_save
from gongkai.core.types import User
from gongkai.organisations.models import Organisation
from gongkai.servicecatalog import policies
from gongkai.servicecatalog.models import ServiceItem


def _check(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("您没有权限执行此操作。"))


@transaction.atomic
def service_item_create(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    code: str,
    kind: str,
    url: str,
    summary: str = "",
    is_active: bool = True,
) -> ServiceItem:
    _check(policies.can_file_service_item(actor, organisation))
    item = ServiceItem(
        organisation=organisation,
        name=name,
        code=code,
        kind=kind,
        url=url,
        summary=summary,
        is_active=is_active,
    )
    return record_save(item, actor=actor, created=True)


@transaction.atomic
def service_item_update(
    *,
    actor: User,
    item: ServiceItem,
    organisation: Organisation,
    name: str,
    code: str,
    kind: str,
    url: str,
    summary: str,
    is_active: bool,
) -> ServiceItem:
    """``item`` as stored; the other arguments are its new values."""
    _check(policies.can_change_service_item(actor, item))
    if organisation.pk != item.organisation_id:
        _check(policies.can_file_service_item(actor, organisation))
    item.organisation = organisation
    item.name, item.code, item.kind, item.url = name, code, kind, url
    item.summary, item.is_active = summary, is_active
    return record_save(item, actor=actor, created=False)


@transaction.atomic
def service_item_delete(*, actor: User, item: ServiceItem) -> None:
    _check(policies.can_delete_service_item(actor, item))
    record_delete(item, actor=actor)
