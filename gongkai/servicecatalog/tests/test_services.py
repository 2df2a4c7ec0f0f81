"""Service items are written only through servicecatalog.services: permission, audit entry."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from wagtail.models import ModelLogEntry

from gongkai.servicecatalog import services
from gongkai.servicecatalog.models import ServiceItem

pytestmark = pytest.mark.django_db


def _values(unit: Any, code: str = "11360100MB0000001X") -> dict[str, Any]:
    return {
        "organisation": unit,
        "name": "义务教育学校入学登记",
        "code": code,
        "kind": "public_service",
        "url": "https://www.jxzwfww.gov.cn/item/1",
    }


def _logged(item: ServiceItem, action: str, user: Any) -> bool:
    return ModelLogEntry.objects.filter(
        content_type__model="serviceitem", object_id=str(item.pk), action=action, user=user
    ).exists()


def test_an_editor_files_changes_and_a_head_deletes_an_item_with_audit_entries(city: Any) -> None:
    editor, head = city.users.editor_a, city.users.head_a

    item = services.service_item_create(actor=editor, **_values(city.a))
    services.service_item_update(
        actor=editor, item=item, summary="新生入学", is_active=True, **_values(city.a)
    )
    assert _logged(item, "wagtail.create", editor)
    assert _logged(item, "wagtail.edit", editor)
    assert ServiceItem.objects.get(pk=item.pk).summary == "新生入学"

    pk = item.pk
    services.service_item_delete(actor=head, item=item)
    assert not ServiceItem.objects.filter(pk=pk).exists()
    assert ModelLogEntry.objects.filter(
        object_id=str(pk), action="wagtail.delete", user=head
    ).exists()


def test_another_units_staff_are_refused(city: Any) -> None:
    item = services.service_item_create(actor=city.users.editor_a, **_values(city.a))

    with pytest.raises(PermissionDenied):
        services.service_item_create(actor=city.users.editor_b, **_values(city.a, code="X2"))
    with pytest.raises(PermissionDenied):
        services.service_item_update(
            actor=city.users.editor_b, item=item, summary="", is_active=False, **_values(city.a)
        )
    with pytest.raises(PermissionDenied):  # an editor drafts but does not delete (PUBLISH)
        services.service_item_delete(actor=city.users.editor_a, item=item)
    with pytest.raises(PermissionDenied):  # moving it to a unit the editor does not work for
        services.service_item_update(
            actor=city.users.editor_a, item=item, summary="", is_active=True, **_values(city.b)
        )
    assert ServiceItem.objects.get(pk=item.pk).organisation == city.a


def test_the_admin_screens_save_through_the_service(client: Client, city: Any) -> None:
    client.force_login(city.users.editor_a)
    form = {**_values(city.a), "organisation": city.a.pk, "summary": "", "is_active": "on"}

    response = client.post("/admin/services/new/", form)

    assert response.status_code == 302
    item = ServiceItem.objects.get(code=form["code"])
    assert _logged(item, "wagtail.create", city.users.editor_a)
    response = client.post(f"/admin/services/edit/{item.pk}/", {**form, "name": "入学登记"})
    assert response.status_code == 302
    assert ServiceItem.objects.get(pk=item.pk).name == "入学登记"
    client.force_login(city.users.head_a)
    assert client.post(f"/admin/services/delete/{item.pk}/").status_code == 302
    assert not ServiceItem.objects.filter(pk=item.pk).exists()
