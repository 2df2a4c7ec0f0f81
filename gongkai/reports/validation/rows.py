"""The rows of a published report as read from its document (HTML with merged cells, text, DOCX),
and the loose matching of their labels: normalisation, numbers written "/", "-" or full-width,
and the specification of every row of the tables."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from gongkai.reports.validation import labels as L
from gongkai.reports.validation.model import (
    _OLD_COLS_1,
    _OLD_COLS_5,
    _OLD_COLS_9,
    OLD_OTHER_SERVICES,
    OLD_PROCUREMENT,
    Path_,
)

# --- Normalisation --------------------------------------------------------------------------------

_QUOTES = str.maketrans("", "", "“”\"'‘’「」『』《》")


def label_key(text: str) -> str:
    """A label reduced for comparison: NFKC (full-width → ASCII digits and brackets), no spaces or
    quotes, and "," ";" "，" read as "、" (reports mix them)."""
    key = unicodedata.normalize("NFKC", text)
    key = re.sub(r"\s+", "", key).translate(_QUOTES)
    key = re.sub(r"[,;，；]", "、", key)
    return key.replace("〔", "(").replace("〕", ")").replace("[", "(").replace("]", ")")


_BLANK_CHARS = set("-—–―/\\／－")
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_UNITS = ("万元", "件", "元", "个", "项", "次")


def parse_value(text: str) -> int | float | None:
    """A cell's figure: "/", "-", "—", "无" and blank are 0; full-width digits and thousands
    separators are read; None when the text is not a figure (a label)."""
    t = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    t = t.replace("，", ",")
    for unit in _UNITS:
        if t.endswith(unit) and len(t) > len(unit):
            t = t[: -len(unit)]
            break
    if t in {"", "无"} or set(t) <= _BLANK_CHARS:
        return 0
    if not _NUMBER.fullmatch(t):
        return None
    t = t.replace(",", "").lstrip("+")
    return float(t) if "." in t else int(t)


def is_blank(text: str) -> bool:
    t = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return t in {"", "无"} or set(t) <= _BLANK_CHARS


# Numbering at the start of a label segment: 一、 / (一) / 1. 1、 (1)
_MARKER = re.compile(
    r"(?:(?<![一二三四五六七八九十])([一二三四五六七八九十])、"
    r"|\(([一二三四五六七八九十])\)"
    r"|(?<![\d.])(\d{1,2})[.、)](?!\d)"
    r"|\((\d{1,2})\))"
)


def _markers(key: str) -> list[tuple[int, str]]:
    """(position, normalised marker) of every numbering in a key: "一、", "(一)", "1"."""
    found = []
    for m in _MARKER.finditer(key):
        if m.group(1):
            found.append((m.start(), m.group(1) + "、"))
        elif m.group(2):
            found.append((m.start(), f"({m.group(2)})"))
        else:
            found.append((m.start(), m.group(3) or m.group(4)))
    return found


def _strip_marker(key: str) -> str:
    m = _MARKER.match(key)
    return key[m.end() :] if m else key


# --- Row specifications ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Spec:
    table: str  # "二" | "三"
    name: str  # table 三: the path in labels.py; table 二: the row label
    path: Path_
    cores: tuple[str, ...]  # label keys without numbering
    marker: str  # numbering as printed, normalised ("一、", "(三)", "5"), "" for none
    group: str = ""  # for items of 三: their group
    heading: bool = False  # 三、本年度办理结果 and （三）–（六）: no figures in the 2021 format


def _core(label: str) -> str:
    return _strip_marker(label_key(label))


def _t3_specs() -> list[_Spec]:
    specs = [
        _Spec("三", L.NEW, (L.NEW,), (_core(L.NEW),), "一、"),
        _Spec("三", L.CARRIED_IN, (L.CARRIED_IN,), (_core(L.CARRIED_IN),), "二、"),
        _Spec("三", L.RESULTS, (L.RESULTS,), (_core(L.RESULTS),), "三、", heading=True),
    ]
    numerals = "一二三四五六七"
    for index, (group, items) in enumerate(L.RESULT_GROUPS.items()):
        core = _core(group)
        cores = (core, core.split("(", 1)[0]) if "(" in core else (core,)
        path = (L.RESULTS, group)
        specs.append(_Spec("三", group, path, cores, f"({numerals[index]})", heading=bool(items)))
        for item in items:
            marker = label_key(item).split(".", 1)[0]
            specs.append(_Spec("三", item, (*path, item), (_core(item),), marker, group=group))
    specs.append(
        _Spec("三", L.RESULTS_TOTAL, (L.RESULTS, L.RESULTS_TOTAL), ("总计", "合计"), "(七)")
    )
    specs.append(_Spec("三", L.CARRIED_OUT, (L.CARRIED_OUT,), (_core(L.CARRIED_OUT),), "四、"))
    return specs


_T2_ROWS: dict[str, tuple[str, ...]] = {
    L.RULES: ("规章",),
    L.NORMATIVE: ("行政规范性文件", "规范性文件"),
    L.LICENSING: ("行政许可",),
    OLD_OTHER_SERVICES: ("其他对外管理服务事项",),
    L.PENALTY: ("行政处罚",),
    L.COERCION: ("行政强制",),
    L.FEES: ("行政事业性收费",),
    OLD_PROCUREMENT: ("政府集中采购",),
}
SPECS: tuple[_Spec, ...] = (
    *_t3_specs(),
    *(_Spec("二", name, (name,), cores, "") for name, cores in _T2_ROWS.items()),
)
_ITEM_SPECS = {(s.group, s.name): s for s in SPECS if s.group}
_GROUPS: tuple[str, ...] = tuple(L.RESULT_GROUPS)

# Header words: a row containing one is a header, never a data row.
_T3_HEADER = ("申请人情况", "法人或其他组织", "勾稽关系", *L.APPLICANT_COLUMNS[:-1])
_T4_HEADER = ("结果维持", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉", "复议后起诉")
_T4_SECTION = ("行政复议", "行政诉讼")
_T2_HEADER_2021 = (
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
)
_T2_HEADER_2019 = (*_OLD_COLS_1, *_OLD_COLS_5[:2], *_OLD_COLS_9)
_T2_HEADER = ("信息内容", "第二十条第", *_T2_HEADER_2021, *_T2_HEADER_2019, "处理决定数量")

_THRESHOLD = 0.8
_SHORT = 4  # cores this short must end the label exactly (or be confirmed by their numbering)


def _tail_score(key: str, core: str) -> float:
    """How well the end of a row label matches a label core (typos, missing characters)."""
    if key.endswith(core):
        return 1.0
    if len(core) <= _SHORT:
        return 0.0
    best = 0.0
    for k in range(max(1, len(core) - 3), len(core) + 4):
        if k > len(key):
            break
        best = max(best, SequenceMatcher(None, key[-k:], core, autojunk=False).ratio())
    return best


# --- Rows as read from a document -----------------------------------------------------------------


@dataclass
class _Row:
    labels: list[str]  # label cells, outermost first (merged cells repeated as context)
    values: list[str]  # the cells after the last label, as printed ("" for blank)
    where: str
    from_text: bool = False


@dataclass
class _Hit:
    spec: _Spec
    label: str  # the label as printed
    values: list[str]
    where: str


def _split_row(cells: list[tuple[str, bool]], where: str, from_text: bool) -> _Row | None:
    """cells: (text, own) where own is False for a merged cell repeated from the row above."""
    last_label = -1
    for i, (text, _own) in enumerate(cells):
        if text.strip() and parse_value(text) is None:
            last_label = i
    labels = [t.strip() for t, _own in cells[: last_label + 1] if t.strip()]
    labels = [t for t in labels if parse_value(t) is None]
    values = [t.strip() for t, own in cells[last_label + 1 :] if own]
    # In text, a figure before the label means prose ("共收到 12 件申请"), not a table row.
    if from_text and any(
        parse_value(t) is not None and not is_blank(t) for t, _own in cells[: max(last_label, 0)]
    ):
        return None
    if not labels and not values:
        return None
    return _Row(labels, values, where, from_text)


def _html_rows(soup: Any) -> Iterator[_Row]:
    tables = [t for t in soup.find_all("table") if t.find("table") is None]
    for t_index, table in enumerate(tables, start=1):
        spans: dict[int, list[Any]] = {}  # column → [rows left, text, is a colspan continuation]
        for r_index, tr in enumerate(table.find_all("tr"), start=1):
            cells = _expand_tr(tr, spans)
            row = _split_row(cells, f"第{t_index}个表格第{r_index}行", from_text=False)
            if row is not None:
                yield row


def _expand_tr(tr: Any, spans: dict[int, list[Any]]) -> list[tuple[str, bool]]:
    """The cells of a table row with the merged cells above it repeated (rowspan, own=False) and
    the columns a cell spans to its right dropped (colspan), so a figure is never counted twice."""
    cells: list[tuple[str, bool]] = []
    col = 0

    def take_spans(col: int) -> int:
        while col in spans:
            left, text, continuation = spans[col]
            if not continuation:
                cells.append((text, False))
            if left <= 1:
                del spans[col]
            else:
                spans[col][0] = left - 1
            col += 1
        return col

    for td in tr.find_all(["td", "th"], recursive=False):
        col = take_spans(col)
        text = "".join(td.stripped_strings)
        rowspan = _span(td.get("rowspan"))
        for i in range(_span(td.get("colspan"))):
            if i == 0:
                cells.append((text, True))
            if rowspan > 1:
                spans[col] = [rowspan - 1, text, i > 0]
            col += 1
    take_spans(col)
    return cells


def _span(value: Any) -> int:
    try:
        return max(1, min(int(str(value).strip() or 1), 200))
    except ValueError:
        return 1


def _text_rows(text: str) -> Iterator[_Row]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if "\t" in line:
            parts = line.strip("\r\n").split("\t")
        elif "|" in line:
            parts = line.strip().strip("|").split("|")
        else:
            parts = re.split(r"[ \u3000\xa0]+", line.strip())
        row = _split_row([(p, True) for p in parts], f"第{number}行", from_text=True)
        if row is not None:
            yield row


def _docx_rows(document: Any) -> Iterator[_Row]:
    for t_index, table in enumerate(document.tables, start=1):
        above: list[Any] = []
        for r_index, row in enumerate(table.rows, start=1):
            cells: list[tuple[str, bool]] = []
            seen: list[Any] = []
            tcs = [c._tc for c in row.cells]
            for col, cell in enumerate(row.cells):
                tc = cell._tc
                if tc in seen:
                    continue  # a horizontally merged cell, repeated
                seen.append(tc)
                own = not (col < len(above) and above[col] is tc)
                cells.append((cell.text, own))
            above = tcs
            split = _split_row(cells, f"第{t_index}个表格第{r_index}行", from_text=False)
            if split is not None:
                yield split
