"""Uploads are judged by their content (gongkai.core.uploads), zip bombs are refused before
anything inflates them, and oversized bodies are refused before they are read."""

from __future__ import annotations

import io
import time
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.checker.extract import UnusableInput, extract_text
from gongkai.core.uploads import UploadRejected, check_upload, check_upload_bytes, check_zip
from gongkai.testing import real_docx, real_image, real_pdf

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
MB = 1024 * 1024


def docx_bomb(inflated: int = 200 * MB) -> bytes:
    """A real DOCX with one extra member of ``inflated`` zero bytes: ~200 KB on disk."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(real_docx())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb,
    ):
        for item in source.infolist():
            bomb.writestr(item, source.read(item))
        with bomb.open("word/media/padding.bin", "w", force_zip64=True) as member:
            block = bytes(MB)
            for _ in range(inflated // MB):
                member.write(block)
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return docx_bomb()


# --- What passes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (real_pdf(), "证明.pdf"),
        (real_docx(), "申请书.docx"),
        (real_image("PNG"), "照片.png"),
        (real_image("JPEG"), "照片.jpg"),
        (real_image("JPEG"), "照片.JPEG"),
        ("说明文字".encode(), "说明.txt"),
    ],
)
def test_real_files_pass(data: bytes, name: str) -> None:
    check_upload_bytes(data, name=name)


def test_the_file_is_rewound_after_the_check() -> None:
    upload = SimpleUploadedFile("a.pdf", real_pdf())
    check_upload(upload, name="a.pdf")
    assert upload.read(5) == b"%PDF-"


# --- What is refused -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name"),
    [
        # Issue 11 item 9: a file starting with %PDF that carries an HTML page.
        (b"%PDF-1.4\n" + HTML, "身份证.pdf"),
        (real_pdf() + HTML, "身份证.pdf"),
        (real_pdf()[:400] + HTML + real_pdf()[400:], "身份证.pdf"),
        (b"%PDF-1.4 garbage without any structure", "a.pdf"),
        (HTML, "a.pdf"),
        (real_docx(), "a.pdf"),
        # Images must open with Pillow, as the format their name says.
        (b"\x89PNG\r\n\x1a\n" + HTML, "a.png"),
        (real_image("JPEG"), "a.png"),
        (real_image("PNG"), "a.jpg"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "a.jpg"),
        # DOCX: a real zip with word/document.xml.
        (b"PK\x03\x04 not a zip", "a.docx"),
        (real_pdf(), "a.docx"),
        # Plain text carrying script.
        (HTML, "a.txt"),
    ],
)
def test_files_whose_content_is_not_their_type_are_refused(data: bytes, name: str) -> None:
    with pytest.raises(UploadRejected) as caught:
        check_upload_bytes(data, name=name)
    assert "与其类型不符" in caught.value.messages[0] or "损坏" in caught.value.messages[0]


def test_a_zip_without_the_document_is_not_a_docx() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(UploadRejected, match="与其类型不符"):
        check_upload_bytes(out.getvalue(), name="a.docx")


def test_a_docx_bomb_is_refused_from_its_directory_alone(bomb: bytes) -> None:
    assert len(bomb) < MB  # 200 MB of content in a small file
    started = time.monotonic()
    with pytest.raises(UploadRejected, match="压缩炸弹"):
        check_upload_bytes(bomb, name="申请书.docx")
    assert time.monotonic() - started < 1  # nothing was inflated


def test_many_small_members_add_up(settings: Any) -> None:
    settings.GONGKAI = {**settings.GONGKAI, "ZIP_MAX_UNCOMPRESSED_BYTES": MB}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for n in range(20):
            archive.writestr(f"part{n}.xml", bytes(60 * 1024))
    with pytest.raises(UploadRejected, match="压缩炸弹"):
        check_zip(io.BytesIO(out.getvalue()), name="a.zip")


def test_the_checker_refuses_a_docx_bomb_before_reading_it(bomb: bytes) -> None:
    started = time.monotonic()
    with pytest.raises(UnusableInput, match="压缩炸弹"):
        extract_text(bomb, "通知.docx")
    assert time.monotonic() - started < 1


def test_the_checker_still_reads_a_real_docx() -> None:
    assert extract_text(real_docx("关于印发工作要点的通知"), "a.docx") == "关于印发工作要点的通知"


def test_an_image_bomb_is_refused(settings: Any) -> None:
    from PIL import Image

    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = 100  # a 40×30 image is "huge" against this limit
    try:
        with pytest.raises(UploadRejected):
            check_upload_bytes(real_image("PNG"), name="a.png")
    finally:
        Image.MAX_IMAGE_PIXELS = limit


# --- Oversized bodies: refused before they are read ----------------------------------------------


def post_declaring(client: Client, path: str, declared: int) -> Any:
    """A POST whose Content-Length says ``declared`` bytes while 1 byte is sent: reading the
    body would fail in the test client (it refuses to read past what was sent), so a 413
    proves that nothing read it."""
    return client.post(
        path, data=b"x", content_type="application/octet-stream", CONTENT_LENGTH=str(declared)
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "declared"),
    [
        ("/ysqgk/apply/any/", 60 * MB),
        ("/search/", 50 * MB),
        ("/zhaocuo/", 4 * MB),
        ("/admin/login/", 2 * MB),
        ("/admin/documents/multiple/add/", 300 * MB),
    ],
)
def test_a_body_above_the_limit_gets_413_in_chinese(path: str, declared: int) -> None:
    response = post_declaring(Client(), path, declared)
    assert response.status_code == 413
    assert "提交的内容过大" in response.content.decode()


@pytest.mark.django_db
def test_the_application_form_takes_five_attachments_of_10_mb() -> None:
    from gongkai.core.request_limits import body_limit

    assert body_limit("/ysqgk/apply/a/") > 5 * 10 * MB
    assert body_limit("/search/") <= 3 * MB
    assert body_limit("/admin/login/") <= MB
    # Below the limit the request goes on (here: a 404 for an unknown unit, not a 413).
    response = Client().post("/ysqgk/apply/no-such-unit/", {"name": "x"})
    assert response.status_code != 413


def test_django_keeps_large_uploads_out_of_memory(settings: Any) -> None:
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 3 * MB
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 3 * MB
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES <= 10
