"""A unit's checker terms (本单位检查词) are written only through review.term_services."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from wagtail.models import ModelLogEntry

from gongkai.review import term_services
from gongkai.review.models import UnitTerm

pytestmark = pytest.mark.django_db


def _logged(pk: int, action: str, user: Any) -> bool:
    return ModelLogEntry.objects.filter(
        content_type__model="unitterm", object_id=str(pk), action=action, user=user
    ).exists()


def test_a_reviewer_keeps_the_units_terms_with_audit_entries(city: Any) -> None:
    reviewer = city.users.reviewer_a

    entry = term_services.unit_term_create(
        actor=reviewer, organisation=city.a, kind="sensitive", term="内部资料"
    )
    term_services.unit_term_update(
        actor=reviewer,
        entry=entry,
        organisation=city.a,
        kind="wrong",
        term="新冠肺炎",
        correction="新冠病毒感染",
        note="",
    )
    pk = entry.pk
    term_services.unit_term_delete(actor=reviewer, entry=entry)

    assert _logged(pk, "wagtail.create", reviewer)
    assert _logged(pk, "wagtail.edit", reviewer)
    assert _logged(pk, "wagtail.delete", reviewer)
    assert not UnitTerm.objects.filter(pk=pk).exists()


def test_editors_and_other_units_are_refused(city: Any) -> None:
    entry = UnitTerm.objects.create(organisation=city.a, kind="sensitive", term="内部资料")

    with pytest.raises(PermissionDenied):  # an editor is not a reviewer
        term_services.unit_term_create(
            actor=city.users.editor_a, organisation=city.a, kind="sensitive", term="甲"
        )
    with pytest.raises(PermissionDenied):  # another unit's head
        term_services.unit_term_delete(actor=city.users.head_b, entry=entry)
    with pytest.raises(PermissionDenied):  # moving the term to a unit the reviewer does not serve
        term_services.unit_term_update(
            actor=city.users.reviewer_a,
            entry=entry,
            organisation=city.b,
            kind="sensitive",
            term="内部资料",
            correction="",
            note="",
        )
    assert UnitTerm.objects.get(pk=entry.pk).organisation == city.a


def test_the_admin_screens_save_through_the_service(client: Client, city: Any) -> None:
    client.force_login(city.users.reviewer_a)
    form = {
        "organisation": city.a.pk,
        "kind": "sensitive",
        "term": " 内部资料 ",
        "correction": "",
        "note": "",
    }

    assert client.post("/admin/checker-terms/new/", form).status_code == 302

    entry = UnitTerm.objects.get(organisation=city.a, term="内部资料")
    assert _logged(entry.pk, "wagtail.create", city.users.reviewer_a)
    assert client.post(f"/admin/checker-terms/delete/{entry.pk}/").status_code == 302
    assert not UnitTerm.objects.filter(pk=entry.pk).exists()
