"""The topic taxonomy (主题分类) is written only through library.topic_services."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from wagtail.models import ModelLogEntry

from gongkai.library import topic_services
from gongkai.library.models import Topic
from gongkai.testing import make_user

pytestmark = pytest.mark.django_db


def _logged(pk: int, action: str, user: Any) -> bool:
    return ModelLogEntry.objects.filter(
        content_type__model="topic", object_id=str(pk), action=action, user=user
    ).exists()


def test_a_superuser_keeps_the_taxonomy_with_audit_entries(city: Any) -> None:
    admin = make_user("root", is_superuser=True)

    topic = topic_services.topic_create(actor=admin, parent=None, name="数字政府")
    topic_services.topic_update(
        actor=admin, topic=topic, parent=None, name="数字政府建设", sort_order=5
    )
    pk = topic.pk
    topic_services.topic_delete(actor=admin, topic=topic)

    assert _logged(pk, "wagtail.create", admin)
    assert _logged(pk, "wagtail.edit", admin)
    assert _logged(pk, "wagtail.delete", admin)
    assert not Topic.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("username", ["editor_a", "head_a", "city_office"])
def test_unit_staff_are_refused(city: Any, username: str) -> None:
    user = getattr(city.users, username)
    topic = Topic.objects.create(name="数字政府")

    with pytest.raises(PermissionDenied):
        topic_services.topic_create(actor=user, parent=None, name="其他")
    with pytest.raises(PermissionDenied):
        topic_services.topic_update(actor=user, topic=topic, parent=None, name="改", sort_order=0)
    with pytest.raises(PermissionDenied):
        topic_services.topic_delete(actor=user, topic=topic)
    assert Topic.objects.get(pk=topic.pk).name == "数字政府"


def test_the_admin_screens_save_through_the_service(client: Client, city: Any) -> None:
    admin = make_user("root", is_superuser=True)
    client.force_login(admin)

    response = client.post(
        "/admin/topics/new/", {"parent": "", "name": "数字政府", "sort_order": 3}
    )

    assert response.status_code == 302
    topic = Topic.objects.get(name="数字政府", parent=None)
    assert _logged(topic.pk, "wagtail.create", admin)
    response = client.post(
        f"/admin/topics/edit/{topic.pk}/", {"parent": "", "name": "数字政府建设", "sort_order": 3}
    )
    assert response.status_code == 302
    assert _logged(topic.pk, "wagtail.edit", admin)
    assert client.post(f"/admin/topics/delete/{topic.pk}/").status_code == 302
    assert not Topic.objects.filter(pk=topic.pk).exists()
