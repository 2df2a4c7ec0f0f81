"""Letter templates and appeal records: the admin's generic screens save and delete through
services/records.py, which checks the actor's permission and leaves Wagtail's audit log entry;
the services refuse anyone else."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from wagtail.models import ModelLogEntry

from gongkai.applications import services
from gongkai.applications.models import Appeal, LetterTemplate
from gongkai.letters.templates import default_template

pytestmark = pytest.mark.django_db

CODE = "notice.correction"


def _actions(instance: Any) -> list[str]:
    return list(
        ModelLogEntry.objects.for_instance(instance).order_by("pk").values_list("action", flat=True)
    )


def test_a_letter_template_is_saved_and_deleted_on_screen_with_an_audit_entry(
    client: Client, city: Any
) -> None:
    client.force_login(city.users.head_a)
    text = default_template(CODE)
    response = client.post(
        "/admin/letter-templates/new/", {"organisation": city.a.pk, "code": CODE, "text": text}
    )
    assert response.status_code == 302
    template = LetterTemplate.objects.get()
    assert _actions(template) == ["wagtail.create"]
    entry = ModelLogEntry.objects.for_instance(template).get()
    assert entry.user == city.users.head_a

    edited = client.post(
        f"/admin/letter-templates/edit/{template.pk}/",
        {"organisation": city.a.pk, "code": CODE, "text": text + "\n"},
    )
    assert edited.status_code == 302
    assert _actions(template) == ["wagtail.create", "wagtail.edit"]

    deleted = client.post(f"/admin/letter-templates/delete/{template.pk}/")
    assert deleted.status_code == 302
    assert not LetterTemplate.objects.exists()
    assert ModelLogEntry.objects.filter(action="wagtail.delete").count() == 1


def test_the_letter_template_services_refuse_another_units_staff(city: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.letter_template_save(
            actor=city.users.head_b,
            template=LetterTemplate(),
            organisation=city.a,
            code=CODE,
            text=default_template(CODE),
        )
    with pytest.raises(PermissionDenied):  # the city's wording: administrators only
        services.letter_template_save(
            actor=city.users.head_a,
            template=LetterTemplate(),
            organisation=None,
            code=CODE,
            text=default_template(CODE),
        )
    template = services.letter_template_save(
        actor=city.users.head_a,
        template=LetterTemplate(),
        organisation=city.a,
        code=CODE,
        text=default_template(CODE),
    )
    with pytest.raises(PermissionDenied):
        services.letter_template_delete(actor=city.users.head_b, template=template)
    assert LetterTemplate.objects.filter(pk=template.pk).exists()


def test_an_appeal_is_recorded_on_screen_and_deleted_only_by_the_head(
    client: Client, city: Any
) -> None:
    client.force_login(city.users.officer_a)
    data = {"organisation": city.a.pk, "year": 2026, "kind": "reconsideration",
            "result": "upheld", "lesson": ""}  # fmt: skip
    assert client.post("/admin/appeals/new/", data).status_code == 302
    appeal = Appeal.objects.get()
    assert _actions(appeal) == ["wagtail.create"]
    with pytest.raises(PermissionDenied):  # a handler records; the head deletes
        services.appeal_delete(actor=city.users.officer_a, appeal=appeal)
    services.appeal_delete(actor=city.users.head_a, appeal=appeal)
    assert not Appeal.objects.exists()
    assert ModelLogEntry.objects.filter(action="wagtail.delete").count() == 1


def test_an_appeal_of_another_unit_is_refused(city: Any) -> None:
    data = services.AppealData(organisation=city.a, year=2026, kind="reconsideration",
                               result="upheld")  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.appeal_save(actor=city.users.head_b, appeal=Appeal(), data=data)
    assert not Appeal.objects.exists()
