"""An attachment uploaded in the policy form becomes a document through attachment_services."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import ModelLogEntry

from gongkai.library import attachment_services

pytestmark = pytest.mark.django_db


def _upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("fujian.txt", "附件一：申请表".encode(), "text/plain")


def test_an_editor_adds_a_file_to_the_units_collection_with_an_audit_entry(city: Any) -> None:
    editor = city.users.editor_a

    document = attachment_services.attachment_document_create(
        actor=editor, unit=city.a, title="附件一：申请表", upload=_upload()
    )

    assert document.collection == city.a.collection
    assert document.uploaded_by_user == editor
    assert ModelLogEntry.objects.filter(
        object_id=str(document.pk), action="wagtail.create", user=editor
    ).exists()


def test_another_units_editor_is_refused(city: Any) -> None:
    count = get_document_model().objects.count()

    with pytest.raises(PermissionDenied):
        attachment_services.attachment_document_create(
            actor=city.users.editor_b, unit=city.a, title="附件", upload=_upload()
        )
    with pytest.raises(PermissionDenied):  # outside any unit: superusers only
        attachment_services.attachment_document_create(
            actor=city.users.city_office, unit=None, title="附件", upload=_upload()
        )
    assert get_document_model().objects.count() == count
