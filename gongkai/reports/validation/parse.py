"""Reading a published 政府信息公开工作年度报告 — HTML saved from a government website, pasted text,
DOCX, or the JSON of ``gongkai report annual`` — into the tables of ``labels.py``.

Published reports are not clean data: cells are merged (rowspan/colspan), zero is written "/", "-",
"—" or left blank, digits are full-width, labels carry typos (内容事务 for 内部事务, 只计这一情况) or lose
their numbering. Labels are therefore matched loosely (normalised, then by similarity of the end of
the row label), and every figure keeps where it was found so that an error can point at the cell
as printed. Reports in the layout used before 国办公开办函〔2021〕30号 (the "2019" format: table 二
columns 本年新制作数量 …, （六）其他处理 without sub-rows) are recognised and reported as old.
See docs/report-validation.md.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import Any

import docx
from bs4 import BeautifulSoup

from gongkai.reports.validation import labels as L
from gongkai.reports.validation.archive import ArchiveRejected, check_archive
from gongkai.reports.validation.labels import G6
from gongkai.reports.validation.model import (
    LAYOUT_2019,
    LAYOUT_2021,
    OLD_NORMATIVE,
    OLD_OTHER_SERVICES,
    OLD_PROCUREMENT,
    T2_ITEM_9,
    T4_CELLS,
    TABLE_2_2019,
    Origin,
    ParsedReport,
    Path_,
    Problem,
    UnusableReport,
)
from gongkai.reports.validation.reader import (
    _Reader,
)
from gongkai.reports.validation.rows import (
    _docx_rows,
    _html_rows,
    _Row,
    _text_rows,
    is_blank,
    label_key,
    parse_value,
)

# --- Titles ---------------------------------------------------------------------------------------

_TITLE = re.compile(
    r"(?P<organ>[^\s，。：:|_\-—]{2,40}?)\s*(?P<year>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年度?"
    r"\s*(?:政府信息公开|政务公开)?(?:工作)?(?:年度)?报告"
)
_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


_TITLE_YEAR_FIRST = re.compile(
    r"(?P<year>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年度?(?P<organ>[^\s，。：:|_\-—]{2,40}?)"
    r"(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告"
)


def find_title(lines: Iterable[str]) -> tuple[str, int | None]:
    """(unit, year) from the first line that reads like a report title: 某某局2024年政府信息公开
    工作年度报告, or 2024年某某局政府信息公开工作年度报告."""
    for line in lines:
        text = re.sub(r"\s+", "", line)
        if "报告" not in text:
            continue
        match = _TITLE_YEAR_FIRST.search(text) or _TITLE.search(text)
        if match:
            year = int(match.group("year").translate(_CN_DIGITS))
            unit = re.split(r"[|_\-—]", match.group("organ"))[-1]
            return unit, year
    return "", None


# --- Entry points ---------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnusableReport("无法识别文件的字符编码（应为 UTF-8 或 GBK/GB18030）。")


def _read(rows: Iterable[_Row]) -> ParsedReport:
    reader = _Reader()
    for row in rows:
        reader.feed(row)
    return reader.finish()


def parse_report(data: bytes | str, filename: str) -> ParsedReport:
    """Read a report from the bytes (or text) of a file; the name's suffix tells the format
    (.html/.htm/.shtml, .txt, .docx, .json), else the content does."""
    suffix = PurePath(filename).suffix.lower()
    if isinstance(data, bytes) and (suffix == ".docx" or data[:2] == b"PK"):
        return _parse_docx(data)
    head = (data[:2048] if isinstance(data, str) else data[:2048].decode("latin-1")).lower()
    if suffix == ".json" or head.lstrip("\ufeff \r\n\t").startswith("{"):
        text = data if isinstance(data, str) else _decode(data)
        return _parse_json(text)
    if suffix in (".html", ".htm", ".shtml", ".xhtml") or "<table" in head or "<html" in head:
        return _parse_html(data)
    text = data if isinstance(data, str) else _decode(data)
    report = _read(_text_rows(text))
    report.source = "text"
    report.unit, report.year = find_title(text.splitlines()[:30])
    return report


def parse_file(path: str | Path) -> ParsedReport:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UnusableReport(f"无法读取文件 {path}：{exc.strerror}") from None
    return parse_report(data, str(path))


def _parse_html(data: bytes | str) -> ParsedReport:
    soup = BeautifulSoup(data, "lxml")
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    if soup.find("table") is not None:
        report = _read(_html_rows(soup))
    else:
        report = _read(_text_rows(soup.get_text("\n")))
    report.source = "html"
    titles = [t.get_text(" ", strip=True) for t in soup.find_all(["h1", "h2", "h3", "title"])]
    titles += [p.get_text(" ", strip=True) for p in soup.find_all(["p", "div"], limit=40)]
    report.unit, report.year = find_title(titles)
    return report


def _parse_docx(data: bytes) -> ParsedReport:
    try:
        # The archive's sizes are checked before python-docx inflates anything (zip bomb).
        check_archive(data)
    except ArchiveRejected as exc:
        raise UnusableReport(str(exc)) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnusableReport(f"无法读取 DOCX 文件：{exc}") from None
    paragraphs = [p.text for p in document.paragraphs]
    if document.tables:
        report = _read(_docx_rows(document))
    else:
        report = _read(_text_rows("\n".join(paragraphs)))
    report.source = "docx"
    report.unit, report.year = find_title(paragraphs[:30])
    return report


def _parse_json(text: str) -> ParsedReport:
    """The JSON of ``gongkai report annual --format json`` (or of ``report validate``)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnusableReport(f"JSON 格式错误：第 {exc.lineno} 行，{exc.msg}") from None
    if not isinstance(data, dict):
        raise UnusableReport("JSON 不是年度报告的格式（应为对象，含“三”“四”等表）。")
    tables = data.get("tables", data)
    if not isinstance(tables, dict) or not any(k in tables for k in ("二", "三", "四")):
        raise UnusableReport("JSON 中没有年度报告的表格（“二”“三”“四”）。")
    layout = str(data.get("layout") or LAYOUT_2021)
    if layout not in (LAYOUT_2021, LAYOUT_2019):
        layout = LAYOUT_2021
    report = ParsedReport(layout=layout, tables={}, source="json")
    report.unit = str(data.get("organ") or "")
    year = data.get("year")
    report.year = year if isinstance(year, int) else None
    report.tables["三"] = _json_t3(tables.get("三"), report)
    report.tables["四"] = _json_table(tables.get("四"), L.empty_t4(), ("四",), report)
    shape = L.TABLE_2 if layout == LAYOUT_2021 else TABLE_2_2019
    t2_empty = {b: {r: dict.fromkeys(c, 0) for r, c in rows.items()} for b, rows in shape.items()}
    report.tables["二"] = _json_table(tables.get("二"), t2_empty, ("二",), report, level="warn")
    return report


def _json_t3(node: Any, report: ParsedReport) -> dict[str, Any]:
    empty = L.empty_t3()
    if report.layout == LAYOUT_2019:
        empty[L.RESULTS][G6] = L.empty_row()
    return _json_table(node, empty, ("三",), report)


def _json_table(
    node: Any, shape: dict[str, Any], path: Path_, report: ParsedReport, level: str = "error"
) -> dict[str, Any]:
    """Copy the figures at the places of ``shape``; a missing or non-numeric one is a problem."""
    out: dict[str, Any] = {}
    for key, sub in shape.items():
        here = (*path, key)
        child = node.get(key) if isinstance(node, dict) else None
        if isinstance(sub, dict):
            out[key] = _json_table(child, sub, here, report, level)
            continue
        value = child if isinstance(child, int | float) else None
        if isinstance(child, str):
            value = parse_value(child)
        if value is None or isinstance(value, bool):
            report.problems.append(
                Problem(
                    "parse.missing_row", (here,), f"JSON 缺少“{'／'.join(here)}”的数字。", level
                )
            )
            report.missing.add(here)
            value = 0
        out[key] = value
        report.origins[here] = Origin(here[-2], key, "JSON", str(child))
    return out


__all__ = [
    "LAYOUT_2019",
    "LAYOUT_2021",
    "OLD_NORMATIVE",
    "OLD_OTHER_SERVICES",
    "OLD_PROCUREMENT",
    "T2_ITEM_9",
    "T4_CELLS",
    "TABLE_2_2019",
    "Origin",
    "ParsedReport",
    "Path_",
    "Problem",
    "UnusableReport",
    "find_title",
    "is_blank",
    "label_key",
    "parse_file",
    "parse_report",
    "parse_value",
]
