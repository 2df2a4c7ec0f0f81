"""The zip-bomb check the DOCX reader runs before python-docx inflates anything: from the
archive's directory alone, at most ``max_entries`` members, ``max_total`` bytes in all, and no
member (nor the whole) expanding more than ``max_ratio`` times (GB/T 22239-2019 8.1.4.5).

The same limits as gongkai.core.uploads.check_zip (its defaults), restated here so that the
validator stays a library of its own; nothing is decompressed, and Python's zipfile never
yields more than a member's declared size, so the checked sizes bound what a reader inflates.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass


class ArchiveRejected(Exception):
    """The archive is damaged or would expand too far."""


@dataclass(frozen=True)
class ArchiveLimits:
    max_total: int = 100 * 1024 * 1024
    max_ratio: int = 100
    max_entries: int = 2000


def check_archive(data: bytes, *, limits: ArchiveLimits | None = None) -> None:
    """Raise ArchiveRejected unless ``data`` is a zip archive whose sizes are harmless."""
    limits = limits or ArchiveLimits()
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ArchiveRejected("文件“DOCX”已损坏或不是有效的压缩格式文件。") from None
    bomb = ArchiveRejected("文件“DOCX”解压后过大（疑似压缩炸弹），已拒收。")
    if len(members) > limits.max_entries:
        raise bomb
    total = packed = 0
    for member in members:
        total += member.file_size
        packed += member.compress_size
        # Small members compress well too (a page of spaces); judge the ratio above 64 KB.
        if member.file_size > 65536 and member.file_size > limits.max_ratio * max(
            member.compress_size, 1
        ):
            raise bomb
    if total > limits.max_total or (total > 65536 and total > limits.max_ratio * max(packed, 1)):
        raise bomb
