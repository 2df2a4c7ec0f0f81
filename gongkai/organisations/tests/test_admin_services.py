"""Units are deleted in the admin only through organisations.services.organisation_delete."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from wagtail.models import ModelLogEntry

from gongkai.organisations import services
from gongkai.organisations.models import Organisation, OrganisationKind
from gongkai.testing import next_org_code

pytestmark = pytest.mark.django_db


def _bare_unit(parent: Organisation, slug: str) -> Organisation:
    return services.organisation_create(
        actor=None,
        parent=parent,
        name="南昌市教育考试院",
        slug=slug,
        kind=OrganisationKind.INSTITUTION,
        org_code=next_org_code(),
    )


def test_the_head_above_deletes_a_unit_with_an_audit_entry(city: Any) -> None:
    unit = _bare_unit(city.a, "kaoshiyuan")
    pk = unit.pk

    services.organisation_delete(actor=city.users.city_office, organisation=unit)

    assert not Organisation.objects.filter(pk=pk).exists()
    assert ModelLogEntry.objects.filter(
        content_type__model="organisation",
        object_id=str(pk),
        action="wagtail.delete",
        user=city.users.city_office,
    ).exists()


@pytest.mark.parametrize("username", ["editor_a", "head_b", "district_office"])
def test_others_are_refused(city: Any, username: str) -> None:
    unit = _bare_unit(city.a, "kaoshiyuan")

    with pytest.raises(PermissionDenied):
        services.organisation_delete(actor=getattr(city.users, username), organisation=unit)
    assert Organisation.objects.filter(pk=unit.pk).exists()


def test_the_admin_delete_goes_through_the_service(client: Client, city: Any) -> None:
    unit = _bare_unit(city.a, "kaoshiyuan")
    client.force_login(city.users.city_office)

    assert client.post(f"/admin/organisations/delete/{unit.pk}/").status_code == 302

    assert ModelLogEntry.objects.filter(
        object_id=str(unit.pk), action="wagtail.delete", user=city.users.city_office
    ).exists()
    client.force_login(city.users.editor_a)
    client.post(f"/admin/organisations/delete/{city.a.pk}/")  # refused (Wagtail redirects)
    assert Organisation.objects.filter(pk=city.a.pk).exists()
