"""Files of a case: the applicant's uploads and the files staff attach to the reply, judged by
their content (GB/T 22239-2019 8.1.4.5 恶意代码防范; gongkai/core/uploads.py)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from gongkai.applications.models import Application, Attachment
from gongkai.core.uploads import check_upload

ALLOWED_UPLOADS = {
    "application/pdf": (b"%PDF",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
}
EXTENSIONS = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
              ".png": "image/png",
              ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}  # fmt: skip
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UPLOADS = 5


def validate_upload(upload: UploadedFile[bytes]) -> str:
    """The file's content type, judged from its first bytes, not from what the browser said;
    refuses other types, too-large files and names that do not match the content."""
    name = upload.name or ""
    ext = PurePath(name.lower()).suffix
    if ext not in EXTENSIONS:
        raise ValidationError(
            _("附件“%(n)s”类型不支持：只接受 PDF、JPG、PNG、DOCX。") % {"n": name}
        )
    if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("附件“%(n)s”超过 10 MB。") % {"n": name})
    head = upload.read(16)
    upload.seek(0)
    content_type = EXTENSIONS[ext]
    if not any(head.startswith(magic) for magic in ALLOWED_UPLOADS[content_type]):
        raise ValidationError(_("附件“%(n)s”的内容与其类型不符。") % {"n": name})
    # The whole structure, not only the first bytes: a "PDF" carrying an HTML page, an image
    # Pillow cannot open, a DOCX without its document or inflating to hundreds of MB
    # (GB/T 22239-2019 8.1.4.5 恶意代码防范; see gongkai/core/uploads.py).
    check_upload(upload, name=name)
    return content_type


def store_uploads(
    case: Application, uploads: Iterable[UploadedFile[bytes]], *, from_applicant: bool
) -> None:
    """Validate and keep the files (at most MAX_UPLOADS); the caller's step holds the
    transaction and writes the event."""
    uploads = list(uploads)
    if len(uploads) > MAX_UPLOADS:
        raise ValidationError(_("附件最多 %(n)d 个。") % {"n": MAX_UPLOADS})
    for upload in uploads:
        content_type = validate_upload(upload)
        Attachment.objects.create(
            application=case,
            file=upload,
            original_name=(upload.name or "")[:255],
            content_type=content_type,
            size=upload.size or 0,
            from_applicant=from_applicant,
        )
