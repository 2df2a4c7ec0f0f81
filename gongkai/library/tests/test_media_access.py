"""Admin documents and images reach the public only while a live public page uses them, or
after an editor released them (issue 11, item 1). Staff see their own units' files through
their collection permission; everyone else gets the same 404 as for a file that does not
exist. Nothing serves MEDIA_ROOT directly."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry, Page, PageViewRestriction

from gongkai.core.models import MediaRelease
from gongkai.core.services import RELEASE_ACTION, media_release
from gongkai.library.models import PolicyAttachment
from gongkai.library.services import policy_save
from gongkai.testing import make_policy, page_without_path, publish_directly, real_image, real_pdf

pytestmark = pytest.mark.django_db

Document = get_document_model()
Image = get_image_model()


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def upload_document(unit: Any, name: str = "fujian.pdf") -> Any:
    return Document.objects.create(
        title="附件", file=ContentFile(real_pdf(), name=name), collection=unit.collection
    )


def upload_image(unit: Any, name: str = "tujie.png") -> Any:
    return Image.objects.create(
        title="图解", file=ContentFile(real_image("PNG"), name=name), collection=unit.collection
    )


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def missing_document_answer() -> tuple[int, bytes]:
    response = Client().get("/documents/999999/nothing.pdf")
    return response.status_code, page_without_path(response)


def assert_hidden(client: Client, url: str) -> None:
    """The same answer as for a document id that does not exist."""
    response = client.get(url)
    status, content = missing_document_answer()
    assert response.status_code == status == 404
    assert page_without_path(response) == content


def attach(unit: Any, document: Any, *, publish: bool) -> Any:
    return make_policy(unit, publish=publish, attachments=[PolicyAttachment(document=document)])


# --- Documents -----------------------------------------------------------------------------------


def test_an_unused_document_is_hidden_from_the_public_and_other_units(city: Any) -> None:
    document = upload_document(city.a)

    assert_hidden(Client(), document.url)
    assert_hidden(as_user(city.users.editor_b), document.url)
    assert_hidden(as_user(city.users.head_b), document.url)
    own = as_user(city.users.editor_a).get(document.url)
    assert own.status_code == 200
    assert b"".join(own.streaming_content).startswith(b"%PDF-")
    # The answer depended on who asked: no shared cache may keep it.
    assert "private" in own["Cache-Control"]


def test_a_document_on_a_draft_page_stays_hidden_until_the_page_is_published(city: Any) -> None:
    document = upload_document(city.a)
    page = attach(city.a, document, publish=False)

    assert_hidden(Client(), document.url)
    assert_hidden(as_user(city.users.editor_b), document.url)

    publish_directly(page.get_latest_revision())
    response = Client().get(document.url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response  # never kept by the page cache (core/pagecache)
    assert "private" not in response["Cache-Control"]
    assert "must-revalidate" in response["Cache-Control"]
    assert as_user(city.users.editor_b).get(document.url).status_code == 200


def test_unpublishing_the_page_takes_its_documents_back(city: Any) -> None:
    document = upload_document(city.a)
    page = attach(city.a, document, publish=True)
    assert Client().get(document.url).status_code == 200

    Page.objects.get(pk=page.pk).specific.unpublish()

    assert_hidden(Client(), document.url)
    assert_hidden(as_user(city.users.editor_b), document.url)
    assert as_user(city.users.editor_a).get(document.url).status_code == 200


def test_a_draft_of_a_live_page_does_not_publish_the_documents_it_adds(city: Any) -> None:
    published = upload_document(city.a, "yifabu.pdf")
    added_in_draft = upload_document(city.a, "caogao.pdf")
    page = attach(city.a, published, publish=True)

    policy_save(
        actor=None,
        unit=city.a,
        issuers=[city.a],
        publish=False,
        existing=page,
        attachments=[
            PolicyAttachment(document=published),
            PolicyAttachment(document=added_in_draft),
        ],
    )

    assert Client().get(published.url).status_code == 200
    assert_hidden(Client(), added_in_draft.url)


def test_a_link_in_the_body_of_a_live_page_publishes_the_document(city: Any) -> None:
    document = upload_document(city.a)
    make_policy(
        city.a,
        body=f'<p>下载<a linktype="document" id="{document.pk}">附件</a></p>',
    )
    assert Client().get(document.url).status_code == 200


def test_a_page_behind_a_view_restriction_publishes_nothing(city: Any) -> None:
    document = upload_document(city.a)
    page = attach(city.a, document, publish=True)
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert_hidden(Client(), document.url)


def test_an_editor_releases_a_document_and_withdraws_it(city: Any) -> None:
    document = upload_document(city.a)

    with pytest.raises(Exception, match="没有权限"):
        media_release(actor=city.users.editor_b, obj=document, public=True)
    assert_hidden(Client(), document.url)

    media_release(actor=city.users.editor_a, obj=document, public=True)
    assert Client().get(document.url).status_code == 200
    assert ModelLogEntry.objects.filter(
        object_id=str(document.pk), action=RELEASE_ACTION, user=city.users.editor_a
    ).exists()

    media_release(actor=city.users.editor_a, obj=document, public=False)
    assert_hidden(Client(), document.url)


def test_documents_are_not_served_from_media(city: Any) -> None:
    document = upload_document(city.a)
    attach(city.a, document, publish=True)
    assert Client().get(document.url).status_code == 200
    assert Client().get(f"/media/{document.file.name}").status_code == 404
    assert as_user(city.users.editor_a).get(f"/media/{document.file.name}").status_code == 404


def test_a_wrong_filename_and_a_missing_id_look_the_same(city: Any) -> None:
    document = upload_document(city.a)
    attach(city.a, document, publish=True)
    assert_hidden(Client(), f"/documents/{document.pk}/other.pdf")


# --- Images --------------------------------------------------------------------------------------


def embed(image: Any) -> str:
    return f'<p>图解：</p><embed embedtype="image" format="fullwidth" id="{image.pk}" alt="图解"/>'


def rendition_url(html: str) -> str:
    found = re.search(r'src="(/media/images/[^"]+)"', html)
    assert found, html
    return found.group(1)


def test_images_of_a_live_page_are_shown_and_go_with_it(city: Any) -> None:
    image = upload_image(city.a)
    page = make_policy(city.a, body=embed(image))
    html = Client().get(page.url).content.decode()
    rendition = rendition_url(html)
    original = image.file.url

    for url in (rendition, original):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/png"
        assert "private" not in response["Cache-Control"]

    Page.objects.get(pk=page.pk).specific.unpublish()

    for url in (rendition, original):
        assert Client().get(url).status_code == 404, url
        assert as_user(city.users.editor_b).get(url).status_code == 404, url
        own = as_user(city.users.editor_a).get(url)
        assert own.status_code == 200, url
        assert "private" in own["Cache-Control"]


def test_an_image_on_a_draft_page_is_hidden(city: Any) -> None:
    image = upload_image(city.a)
    make_policy(city.a, body=embed(image), publish=False)
    rendition = image.get_rendition("width-800")

    for url in (rendition.url, image.file.url):
        assert Client().get(url).status_code == 404
        assert as_user(city.users.editor_b).get(url).status_code == 404
        assert as_user(city.users.editor_a).get(url).status_code == 200


def test_a_released_image_is_public(city: Any) -> None:
    image = upload_image(city.a)
    media_release(actor=city.users.editor_a, obj=image, public=True)
    assert MediaRelease.objects.filter(image=image).exists()
    assert Client().get(image.file.url).status_code == 200


def test_no_route_serves_files_unchecked() -> None:
    """`make run` (DEBUG) used to serve all of MEDIA_ROOT with django.views.static.serve."""
    from django.urls import get_resolver
    from django.views.static import serve

    def callbacks(patterns: list[Any]) -> list[Any]:
        found = []
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                found += callbacks(pattern.url_patterns)
            else:
                found.append(pattern.callback)
        return found

    assert serve not in callbacks(get_resolver().url_patterns)


def test_nothing_else_under_media_is_served(city: Any, settings: Any) -> None:
    (settings.MEDIA_ROOT / "secret.txt").write_text("x")
    for url in ("/media/secret.txt", "/media/../settings.py", "/media/images/../secret.txt"):
        assert Client().get(url).status_code == 404, url
        assert as_user(city.users.editor_a).get(url).status_code == 404, url


# --- The admin's forms ---------------------------------------------------------------------------


def test_the_admin_refuses_a_pdf_carrying_html(city: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    editor = as_user(city.users.editor_a)
    polyglot = real_pdf() + b"<html><script>alert(1)</script></html>"
    response = editor.post(
        "/admin/documents/add/",
        {
            "title": "伪装的PDF",
            "collection": city.a.collection_id,
            "file": SimpleUploadedFile("a.pdf", polyglot),
        },
    )
    assert response.status_code == 200
    assert "内容与其类型不符" in response.content.decode()
    assert not Document.objects.filter(title="伪装的PDF").exists()

    response = editor.post(
        "/admin/documents/add/",
        {
            "title": "真的PDF",
            "collection": city.a.collection_id,
            "file": SimpleUploadedFile("a.pdf", real_pdf()),
        },
    )
    assert response.status_code == 302
    assert Document.objects.filter(title="真的PDF").exists()


def test_the_admin_refuses_an_image_that_is_not_one(city: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    editor = as_user(city.users.editor_a)
    response = editor.post(
        "/admin/images/add/",
        {
            "title": "假图",
            "collection": city.a.collection_id,
            "file": SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n<svg onload=alert(1)>"),
        },
    )
    assert response.status_code == 200
    assert not Image.objects.filter(title="假图").exists()


def test_the_admin_edit_form_releases_a_document_with_an_audit_entry(city: Any) -> None:
    document = upload_document(city.a)
    editor = as_user(city.users.editor_a)
    edit_url = f"/admin/documents/edit/{document.pk}/"
    page = editor.get(edit_url)
    assert "公开发布（不依赖页面）" in page.content.decode()
    data = {
        "title": document.title,
        "collection": str(city.a.collection_id),
        "released": "on",
    }
    response = editor.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert MediaRelease.objects.filter(document=document).exists()
    assert ModelLogEntry.objects.filter(object_id=str(document.pk), action=RELEASE_ACTION).exists()
    assert Client().get(document.url).status_code == 200


def test_behind_nginx_the_checked_file_goes_out_by_x_accel_redirect(
    city: Any, settings: Any
) -> None:
    settings.GONGKAI = {**settings.GONGKAI, "MEDIA_ACCEL_REDIRECT": "/_protected_media/"}
    settings.SENDFILE_BACKEND = "gongkai.core.sendfile"
    document = upload_document(city.a)
    image = upload_image(city.a)
    assert_hidden(Client(), document.url)
    assert Client().get(image.file.url).status_code == 404

    make_policy(
        city.a,
        body=embed(image),
        attachments=[PolicyAttachment(document=document)],
    )
    response = Client().get(document.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected_media/{document.file.name}"
    assert response["Content-Type"] == "application/pdf"
    response = Client().get(image.file.url)
    assert response["X-Accel-Redirect"] == f"/_protected_media/{image.file.name}"
    assert response["Content-Type"] == "image/png"


def test_an_interpretation_ahead_of_its_policy_publishes_neither_images_nor_video(
    city: Any,
) -> None:
    from gongkai.library.models import InterpretationImage
    from gongkai.library.services import interpretation_save

    image = upload_image(city.a)
    video = upload_document(city.a, "jiedu.mp4")
    policy = make_policy(city.a, is_major=True, publish=False)
    interpretation_save(
        actor=None,
        unit=city.a,
        policy=policy,
        publish=True,
        title="《通知》政策解读",
        body="<p>解读正文。</p>",
        video=video,
        images=[InterpretationImage(image=image, alt_text="图解")],
    )
    # Live, but not served until its policy is (三同步): nor are its files.
    assert Client().get(image.file.url).status_code == 404
    assert_hidden(Client(), video.url)

    publish_directly(policy.get_latest_revision())
    assert Client().get(image.file.url).status_code == 200
    assert Client().get(video.url).status_code == 200


def test_the_admin_multiple_upload_refuses_a_pdf_carrying_html(city: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    editor = as_user(city.users.editor_a)
    polyglot = b"%PDF-1.4\n<html><script>alert(1)</script></html>"
    response = editor.post(
        "/admin/documents/multiple/add/",
        {"collection": city.a.collection_id, "files[]": SimpleUploadedFile("b.pdf", polyglot)},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert not Document.objects.filter(title="b").exists()
    response = editor.post(
        "/admin/documents/multiple/add/",
        {"collection": city.a.collection_id, "files[]": SimpleUploadedFile("c.pdf", real_pdf())},
    )
    assert response.json()["success"] is True
