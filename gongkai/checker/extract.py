"""Text out of the files a reviewer checks: plain text, HTML, DOCX and PDF (text layer only).

The checker's offsets are offsets into the text returned here, so extraction is deterministic:
block elements and table rows become line breaks, table cells are separated by tabs.
"""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import PurePath

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from gongkai.core.uploads import UploadRejected, check_zip


class UnusableInput(Exception):
    """The input cannot be checked (unknown format, unreadable, a scan without text); the message
    is in Chinese and says what to provide instead."""


_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
    ]
)
_CELL = frozenset({"td", "th"})
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "title", "svg"})
_SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCK:
            self.parts.append("\n")
        elif tag in _CELL:
            self.parts.append("\t")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            # HTML collapses white space; between two Chinese characters it is a line wrap
            # in the source and vanishes.
            self.parts.append(_SPACES.sub(" ", data))


def html_to_text(html: str) -> str:
    """The visible text of an HTML page; block elements and table rows → new lines."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = []
    for line in "".join(parser.parts).split("\n"):
        cells = [cell.strip(" ") for cell in line.split("\t")]
        text = "\t".join(cell for cell in cells if cell)
        if text:
            lines.append(text)
    return "\n".join(lines)


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise UnusableInput(
            "无法读取：文件不是文本（含有二进制内容）。请提供 TXT、HTML、DOCX 或 PDF 文件。"
        )
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnusableInput("无法识别文本编码：请另存为 UTF-8 编码的文本。")


def _docx_text(data: bytes) -> str:

    try:
        # The archive's sizes are checked before python-docx inflates anything (zip bomb).
        check_zip(io.BytesIO(data), name="DOCX")
    except UploadRejected as exc:
        raise UnusableInput("；".join(exc.messages)) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnusableInput(
            f"无法读取 DOCX 文件（{type(exc).__name__}）：文件可能已损坏。"
        ) from None

    lines: list[str] = []

    def table_lines(table: Table) -> None:
        for row in table.rows:
            cells: list[str] = []
            for cell in row.cells:
                text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                if not cells or cells[-1] != text:  # merged cells repeat their text
                    cells.append(text)
            lines.append("\t".join(cells))

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            table_lines(block)
    # Markings (密级、“内部资料”) are often put in the page header: check headers and footers too.
    extra = []
    for section in document.sections:
        for part in (section.header, section.footer):
            if part.is_linked_to_previous:
                continue
            extra += [p.text for p in part.paragraphs if p.text.strip()]
    if extra:
        lines += ["", *extra]
    return "\n".join(lines)


def _pdf_text(data: bytes) -> str:

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnusableInput("PDF 文件已加密，无法读取文字：请提供未加密的文件。")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise UnusableInput(
            f"无法读取 PDF 文件（{type(exc).__name__}）：文件可能已损坏。"
        ) from None
    text = "\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise UnusableInput(
            "PDF 无文字层，可能是扫描件：请提供文字版 PDF、DOCX，或先做文字识别（OCR）。"
        )
    return text


def extract_text(data: bytes, filename: str) -> str:
    """The text of a file given as bytes; the format is taken from the file name (``-`` or an
    unknown extension: recognised from the content)."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in (".doc", ".wps", ".rtf", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ofd"):
        raise UnusableInput(
            f"不支持的文件类型“{suffix}”：请另存为 DOCX、PDF、HTML 或 TXT 后再检查。"
        )
    if suffix not in (".txt", ".text", ".html", ".htm", ".docx", ".pdf"):
        if data.startswith(b"%PDF"):
            suffix = ".pdf"
        elif data.startswith(b"PK\x03\x04"):
            suffix = ".docx"
        else:
            head = data[:2048].lower()
            suffix = ".html" if b"<html" in head or b"<!doctype html" in head else ".txt"
    if suffix == ".pdf":
        return _pdf_text(data)
    if suffix == ".docx":
        return _docx_text(data)
    text = _decode(data)
    if suffix in (".html", ".htm"):
        return html_to_text(text)
    return text.replace("\r\n", "\n").replace("\r", "\n")
