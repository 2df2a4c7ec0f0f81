"""Checks on uploaded files, shared by every place that accepts one (applications' attachments,
the admin's documents and images, the content checker): the content is what the name says, and
an archive is opened only after its sizes were found harmless (no zip bomb).

GB/T 22239-2019 8.1.4.5 (恶意代码防范) and 8.1.4.4 (入侵防范: 数据有效性检验): a file is judged
by its content, never by the name or the type the browser sent.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import PurePath
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from gongkai.core.config import gongkai_config

# What a browser or a viewer could take for markup or script. A polyglot "PDF" that carries an
# HTML page is rendered as a page by a browser that sniffs; a real PDF, DOCX or image never
# carries these byte strings outside compressed streams.
_MARKUP = re.compile(
    rb"<\s*(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|script|iframe|object[\s>]|embed[\s>]"
    rb"|svg[\s>]|meta\s+http-equiv)|javascript:",
    re.IGNORECASE,
)
_CHUNK = 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003, Excel 97-2003, WPS

# Zip containers and the member each must hold to be what its name says.
_ZIP_MEMBERS = {
    ".docx": "word/document.xml",
    ".xlsx": "xl/workbook.xml",
    ".ofd": "OFD.xml",  # GB/T 33190-2016
    ".zip": None,
}


class UploadRejected(ValidationError):
    """The file is not what it claims to be, or is unsafe to open; the message is in Chinese."""


def _rewound(file: IO[bytes]) -> IO[bytes]:
    file.seek(0)
    return file


def _chunks(file: IO[bytes]) -> Iterator[bytes]:
    """The file in chunks that overlap by 64 bytes, so that no marker is cut in two."""
    _rewound(file)
    tail = b""
    while chunk := file.read(_CHUNK):
        yield tail + chunk
        tail = chunk[-64:]
    _rewound(file)


def has_markup(file: IO[bytes], *, head_only: bool = False) -> bool:
    """Whether the file carries HTML or script (in its first 4 KB only, with ``head_only``)."""
    if head_only:
        head = _rewound(file).read(4096)
        _rewound(file)
        return bool(_MARKUP.search(head))
    return any(_MARKUP.search(chunk) for chunk in _chunks(file))


def check_zip(file: IO[bytes], *, name: str = "") -> zipfile.ZipFile:
    """Open a zip container after checking, from its directory alone, that it is no zip bomb:
    at most ZIP_MAX_ENTRIES members, ZIP_MAX_UNCOMPRESSED_BYTES in all, and no member (nor the
    whole) expanding more than ZIP_MAX_RATIO times. Nothing is decompressed here; Python's
    zipfile then never yields more than a member's declared size, so the checked sizes bound
    what a later reader (python-docx, the checker) can inflate."""
    config = gongkai_config()
    max_total = config.zip_max_uncompressed_bytes
    max_ratio = config.zip_max_ratio
    max_entries = config.zip_max_entries
    try:
        archive = zipfile.ZipFile(_rewound(file))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise UploadRejected(
            _("文件“%(n)s”已损坏或不是有效的压缩格式文件。") % {"n": name}, code="corrupt"
        ) from None
    bomb = UploadRejected(
        _("文件“%(n)s”解压后过大（疑似压缩炸弹），已拒收。") % {"n": name}, code="zip_bomb"
    )
    if len(members) > max_entries:
        raise bomb
    total = 0
    packed = 0
    for member in members:
        total += member.file_size
        packed += member.compress_size
        # Small members compress well too (a page of spaces); judge the ratio above 64 KB.
        if member.file_size > 65536 and member.file_size > max_ratio * max(member.compress_size, 1):
            raise bomb
    if total > max_total or (total > 65536 and total > max_ratio * max(packed, 1)):
        raise bomb
    return archive


def _check_pdf(file: IO[bytes], name: str) -> None:

    if not _rewound(file).read(5) == b"%PDF-":
        raise _mismatch(name)
    if has_markup(file):
        raise _mismatch(name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(_rewound(file), strict=False)
            pages = len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError):
        raise _mismatch(name) from None
    finally:
        _rewound(file)
    if pages < 1:
        raise _mismatch(name)


def _check_image(file: IO[bytes], name: str, expected: str) -> None:

    if has_markup(file, head_only=True):
        raise _mismatch(name)
    try:
        with warnings.catch_warnings():
            # A decompression bomb (a small PNG declaring a huge canvas) is an error here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(_rewound(file)) as image:
                fmt = image.format
                image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):  # fmt: skip
        raise _mismatch(name) from None
    finally:
        _rewound(file)
    if fmt != expected:
        raise _mismatch(name)


def _check_zip_kind(file: IO[bytes], name: str, ext: str) -> None:
    archive = check_zip(file, name=name)
    member = _ZIP_MEMBERS[ext]
    try:
        if member is not None and member not in archive.namelist():
            raise _mismatch(name)
    finally:
        _rewound(file)


def _mismatch(name: str) -> UploadRejected:
    return UploadRejected(_("附件“%(n)s”的内容与其类型不符。") % {"n": name}, code="mismatch")


def check_upload(file: IO[bytes], *, name: str) -> None:
    """Refuse a file whose content is not what its extension says, that carries HTML or
    script where none belongs, or that is a zip bomb. Extensions without a structural check
    (none today among those accepted) still must carry no markup in their first bytes.

    The file is rewound before and after; nothing of it is written anywhere.
    """
    ext = PurePath(name.lower()).suffix
    if ext == ".pdf":
        _check_pdf(file, name)
    elif ext in (".jpg", ".jpeg"):
        _check_image(file, name, "JPEG")
    elif ext == ".png":
        _check_image(file, name, "PNG")
    elif ext == ".gif":
        _check_image(file, name, "GIF")
    elif ext == ".webp":
        _check_image(file, name, "WEBP")
    elif ext in _ZIP_MEMBERS:
        _check_zip_kind(file, name, ext)
    elif ext in (".doc", ".xls", ".wps", ".et", ".ppt"):
        if _rewound(file).read(8) != _OLE:
            _rewound(file)
            raise _mismatch(name)
        _rewound(file)
    elif ext in (".txt", ".csv"):
        if has_markup(file):
            raise _mismatch(name)
    elif has_markup(file, head_only=True):
        raise _mismatch(name)


def check_upload_bytes(data: bytes, *, name: str) -> None:
    """`check_upload` for content already in memory."""
    check_upload(io.BytesIO(data), name=name)
