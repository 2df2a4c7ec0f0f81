"""Attachments to an application are judged by their whole content (issue 11, item 9):
a "PDF" carrying HTML, a DOCX bomb and a mislabelled image are refused on the public form,
and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.applications.models import Application
from gongkai.applications.tests.helpers import form_post
from gongkai.core.tests.test_uploads import HTML, docx_bomb
from gongkai.testing import real_docx, real_image, real_pdf

pytestmark = pytest.mark.django_db


def apply(client: Client, unit: Any, *files: SimpleUploadedFile) -> str:
    response = client.post(f"/ysqgk/apply/{unit.slug}/", {**form_post(), "attachments": files})
    return response.content.decode()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("身份证.pdf", b"%PDF-1.7\n" + HTML),
        ("身份证.pdf", real_pdf() + HTML),
        ("照片.png", b"\x89PNG\r\n\x1a\n" + HTML),
        ("照片.jpg", real_image("PNG")),
        ("申请书.docx", b"PK\x03\x04" + HTML),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused(
    client: Client, city: Any, name: str, data: bytes
) -> None:
    page = apply(client, city.a, SimpleUploadedFile(name, data))
    assert "内容与其类型不符" in page or "已损坏" in page
    assert not Application.objects.exists()


def test_a_docx_bomb_is_refused(client: Client, city: Any) -> None:
    page = apply(client, city.a, SimpleUploadedFile("申请书.docx", docx_bomb()))
    assert "压缩炸弹" in page
    assert not Application.objects.exists()


def test_real_files_are_accepted(client: Client, city: Any) -> None:
    files = [
        SimpleUploadedFile("证明.pdf", real_pdf()),
        SimpleUploadedFile("申请书.docx", real_docx()),
        SimpleUploadedFile("照片.png", real_image("PNG")),
        SimpleUploadedFile("照片.jpg", real_image("JPEG")),
    ]
    client.post(f"/ysqgk/apply/{city.a.slug}/", {**form_post(), "attachments": files})
    case = Application.objects.get()
    assert sorted(a.content_type for a in case.attachments.all()) == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "image/jpeg",
        "image/png",
    ]
