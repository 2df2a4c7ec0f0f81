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
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path, PurePath
from typing import Any

import docx
from bs4 import BeautifulSoup

from gongkai.reports.validation import labels as L
from gongkai.reports.validation.archive import ArchiveRejected, check_archive
from gongkai.reports.validation.labels import G6

LAYOUT_2021 = "2021"
LAYOUT_2019 = "2019"


class UnusableReport(Exception):
    """The input holds no report table we can read; the message is in Chinese."""


# --- The pre-2021 ("2019") format of table 二 (domain-research.md §2.2; 雄县 2019 report) ----------

T2_ITEM_9 = "第二十条第（九）项"
OLD_NORMATIVE = "规范性文件"
OLD_OTHER_SERVICES = "其他对外管理服务事项"
OLD_PROCUREMENT = "政府集中采购"
_OLD_COLS_1 = ("本年新制作数量", "本年新公开数量", "对外公开总数量")
_OLD_COLS_5 = ("上一年项目数量", "本年增/减", "处理决定数量")
_OLD_COLS_8 = ("上一年项目数量", "本年增/减")
_OLD_COLS_9 = ("采购项目数量", "采购总金额")
TABLE_2_2019: dict[str, dict[str, tuple[str, ...]]] = {
    L.T2_ITEM_1: {L.RULES: _OLD_COLS_1, OLD_NORMATIVE: _OLD_COLS_1},
    L.T2_ITEM_5: {L.LICENSING: _OLD_COLS_5, OLD_OTHER_SERVICES: _OLD_COLS_5},
    L.T2_ITEM_6: {L.PENALTY: _OLD_COLS_5, L.COERCION: _OLD_COLS_5},
    L.T2_ITEM_8: {L.FEES: _OLD_COLS_8},
    T2_ITEM_9: {OLD_PROCUREMENT: _OLD_COLS_9},
}
T4_CELLS: tuple[tuple[str, str], ...] = tuple(
    (group, col) for group in L.T4_GROUPS for col in L.T4_COLUMNS
)


# --- Result ---------------------------------------------------------------------------------------

Path_ = tuple[str, ...]


@dataclass(frozen=True)
class Origin:
    """Where a figure was read: the row and column labels as printed, the position, the cell text."""

    row: str
    column: str
    where: str
    text: str

    def describe(self) -> str:
        shown = self.text if self.text else "空白"
        return f"{self.where}“{self.row}”行“{self.column}”列（原文：{shown}）"


@dataclass(frozen=True)
class Problem:
    """Something the parser could not read reliably; validation reports it as an error (or, when
    no rule depends on it, a warning)."""

    rule: str
    cells: tuple[Path_, ...]
    message: str
    level: str = "error"


@dataclass
class ParsedReport:
    layout: str  # LAYOUT_2021 | LAYOUT_2019
    tables: dict[str, Any]  # {"二": …, "三": …, "四": …} in the labels.py shape
    source: str = ""  # html | text | docx | json
    organ: str = ""
    year: int | None = None
    origins: dict[Path_, Origin] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    missing: set[Path_] = field(default_factory=set)  # cells not found (rules skip them)
    # Group rows of 三 printed with a figure of their own in a 2021-format report (a subtotal,
    # which the format does not have); validation checks them against their items.
    subtotals: dict[str, dict[str, int]] = field(default_factory=dict)
    layout_evidence: list[str] = field(default_factory=list)


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


# --- The reader: rows → tables --------------------------------------------------------------------


class _Reader:
    def __init__(self) -> None:
        self.t3: dict[str, _Hit] = {}  # spec name → hit
        self.t2: dict[str, _Hit] = {}
        self.t4: list[str] = []
        self.t4_where: list[str] = []
        self.t4_ready = False
        self.pending: _Hit | None = None
        self.group = ""  # the current group of 三 (for items printed without it)
        self.in_results = False
        self.t3_order: tuple[str, ...] = L.COLUMNS
        self.t3_columns_found: dict[str, str] = {}
        self.t2_header: list[str] = []
        self.evidence_2019: list[str] = []
        self.evidence_2021: list[str] = []
        self.problems: list[Problem] = []

    # Each row --------------------------------------------------------------------------------
    def feed(self, row: _Row) -> None:
        if not row.labels:
            self._values_only(row)
            return
        key = label_key("".join(row.labels))
        if self._header(key, row):
            self._close()
            return
        spec = self._match(key, row.from_text)
        self._close()
        if spec is None:
            return
        self.pending = _Hit(spec, row.labels[-1], list(row.values), row.where)
        self._move(spec)

    def _values_only(self, row: _Row) -> None:
        if self.pending is not None and len(self.pending.values) < self._expected(
            self.pending.spec
        ):
            self.pending.values.extend(row.values)
            return
        self._close()
        if self.t4_ready and len(self.t4) < len(T4_CELLS):
            self.t4.extend(row.values)
            self.t4_where.extend([row.where] * len(row.values))

    def _expected(self, spec: _Spec) -> int:
        if spec.table == "三":
            return len(L.COLUMNS)
        shape = TABLE_2_2019 if self.evidence_2019 and not self.evidence_2021 else L.TABLE_2
        for rows in shape.values():
            for name, columns in rows.items():
                if name == spec.name or (name == OLD_NORMATIVE and spec.name == L.NORMATIVE):
                    return len(columns)
        return 1

    def _close(self) -> None:
        hit, self.pending = self.pending, None
        if hit is None:
            return
        store = self.t3 if hit.spec.table == "三" else self.t2
        previous = store.get(hit.spec.name)
        # A label seen without figures (a heading, or a sentence that reads like a label) gives
        # way to the same label with figures.
        if previous is None or not previous.values:
            store[hit.spec.name] = hit
        elif not hit.values:
            return
        elif [parse_value(v) for v in previous.values] != [parse_value(v) for v in hit.values]:
            self.problems.append(
                Problem(
                    "parse.duplicate_row",
                    ((hit.spec.table, *hit.spec.path),),
                    f"“{hit.spec.name}”行出现两次且数字不同（{previous.where}、{hit.where}），"
                    "按第一次出现的读取。",
                )
            )

    def _move(self, spec: _Spec) -> None:
        if spec.table != "三":
            return
        if spec.name in (L.NEW, L.CARRIED_IN, L.CARRIED_OUT):
            self.in_results = False
            self.group = ""
        elif spec.name in _GROUPS:
            self.in_results = True
            self.group = spec.name
        elif spec.group:
            self.in_results = True
            self.group = spec.group
        elif spec.name == L.RESULTS:
            self.in_results = True
            self.group = ""
        elif spec.name == L.RESULTS_TOTAL:
            self.group = ""

    # Headers ---------------------------------------------------------------------------------
    def _header(self, key: str, row: _Row) -> bool:
        hits_2019 = [w for w in _T2_HEADER_2019 if w in key]
        if "处理决定数量" in key and "本年处理决定数量" not in key:
            hits_2019.append("处理决定数量")
        hits_2021 = [w for w in _T2_HEADER_2021 if w in key]
        self.evidence_2019 += [w for w in hits_2019 if w not in self.evidence_2019]
        self.evidence_2021 += [w for w in hits_2021 if w not in self.evidence_2021]
        if hits_2019 or hits_2021 or any(w in key for w in _T2_HEADER):
            self.t2_header = [c for c in row.labels if parse_value(c) is None]
            return True
        if any(w in key for w in _T4_HEADER):
            self.t4_ready = True
            return True
        if any(w in key for w in _T4_SECTION):
            return True
        if any(w in key for w in _T3_HEADER):
            self._t3_header(row)
            return True
        return False

    def _t3_header(self, row: _Row) -> None:
        """Take the column order from a header row that names all seven columns (else the
        official order stands)."""
        found: dict[str, tuple[int, str]] = {}
        for index, cell in enumerate(row.labels):
            key = label_key(cell)
            for column in L.COLUMNS:
                names = (column, "合计") if column == L.TOTAL else (column,)
                if key in names and column not in found:
                    found[column] = (index, cell)
        if len(found) == len(L.COLUMNS):
            self.t3_order = tuple(sorted(found, key=lambda c: found[c][0]))
            self.t3_columns_found = {c: found[c][1] for c in found}

    # Matching --------------------------------------------------------------------------------
    def _match(self, key: str, from_text: bool) -> _Spec | None:
        markers = _markers(key)
        last_marker = markers[-1][1] if markers else ""
        group = self._group_in(key) or self.group
        best: tuple[float, int, _Spec] | None = None
        for spec in SPECS:
            if spec.name == L.RESULTS_TOTAL and not (self.in_results or "(七)" in key):
                continue
            if spec.group and len(spec.cores[0]) <= _SHORT and group != spec.group:
                continue  # "3.其他" only under （六）其他处理
            score = max(_tail_score(key, core) for core in spec.cores)
            if score == 0:
                continue
            core_len = max(len(c) for c in spec.cores)
            if from_text and len(key) - core_len > 30:
                continue  # a sentence that happens to end like a label
            if spec.marker and last_marker:
                score += 0.1 if last_marker == spec.marker else -0.1
            if spec.group and group and spec.group != group:
                score -= 0.05
            candidate = (score, core_len, spec)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
        if best is not None and best[0] >= _THRESHOLD:
            return best[2]
        return self._by_number(key, last_marker, group)

    def _by_number(self, key: str, marker: str, group: str) -> _Spec | None:
        """An item whose text is too garbled to match, identified by its number within its group
        when what follows the number still resembles the label."""
        if not (marker.isdigit() and group and L.RESULT_GROUPS.get(group)):
            return None
        items = L.RESULT_GROUPS[group]
        index = int(marker) - 1
        if not 0 <= index < len(items):
            return None
        spec = _ITEM_SPECS[(group, items[index])]
        tail = _strip_marker(key[_markers(key)[-1][0] :])
        ratio = SequenceMatcher(None, tail, spec.cores[0], autojunk=False).ratio()
        return spec if ratio >= 0.5 else None

    def _group_in(self, key: str) -> str:
        """The group of 三 named inside a row label (merged cells repeated), the last one."""
        best, position = "", -1
        numerals = "一二三四五六"
        for index, group in enumerate(_GROUPS):
            core = _core(group).split("(", 1)[0]
            for needle in (f"({numerals[index]})", core):
                at = key.rfind(needle)
                if at > position:
                    best, position = group, at
        return best if L.RESULT_GROUPS.get(best) else ""

    # End -------------------------------------------------------------------------------------
    def finish(self) -> ParsedReport:
        self._close()
        if not self.t3 and not self.t2 and not self.t4:
            raise UnusableReport(
                "未找到年度报告的表格（表二、表三、表四）。请提供报告网页（HTML）、"
                "从网页复制的文本、DOCX 或 gongkai report annual 的 JSON。"
            )
        report = ParsedReport(layout=LAYOUT_2021, tables={}, problems=list(self.problems))
        g6_items = [i for i in L.RESULT_GROUPS[G6] if i in self.t3]
        g6_head = self.t3.get(G6)
        g6_valued = g6_head is not None and any(not is_blank(v) for v in g6_head.values)
        if self.evidence_2019 and not self.evidence_2021:
            report.layout = LAYOUT_2019
            report.layout_evidence.append("表二列名为 " + "、".join(self.evidence_2019))
        if g6_valued and not g6_items:
            report.layout = LAYOUT_2019
            report.layout_evidence.append("“（六）其他处理”为单独一行、没有分项")
        self._build_t3(report)
        self._build_t4(report)
        self._build_t2(report)
        return report

    def _fit(self, values: list[str], n: int) -> list[str] | None:
        values = list(values)
        while len(values) > n and values and is_blank(values[0]):
            values.pop(0)
        while len(values) > n and values and is_blank(values[-1]):
            values.pop()
        if not values:
            return [""] * n
        return values if len(values) == n else None

    def _cell(
        self,
        report: ParsedReport,
        path: Path_,
        text: str,
        origin: Origin,
        *,
        integer: bool = True,
        signed: bool = False,
        level: str = "error",
    ) -> int | float:
        value = parse_value(text)
        report.origins[path] = origin
        if value is None:
            report.problems.append(
                Problem("parse.value", (path,), f"{origin.describe()}不是数字。", level)
            )
            report.missing.add(path)
            return 0
        if integer and (value != int(value) or (value < 0 and not signed)):
            report.problems.append(
                Problem("parse.value", (path,), f"{origin.describe()}应为非负整数。", level)
            )
        return int(value) if integer and value == int(value) else value

    def _row(self, report: ParsedReport, path: Path_, hit: _Hit | None, label: str) -> Any:
        row: dict[str, int] = L.empty_row()
        if hit is None:
            report.problems.append(
                Problem("parse.missing_row", ((*path,),), f"表三未找到“{label}”行。")
            )
            report.missing.update((*path, c) for c in L.COLUMNS)
            return row
        values = self._fit(hit.values, len(L.COLUMNS))
        if values is None:
            report.problems.append(
                Problem(
                    "parse.columns",
                    ((*path,),),
                    f"{hit.where}“{hit.label}”行有 {len(hit.values)} 个数，应为 {len(L.COLUMNS)} 个"
                    "（自然人、五类法人或其他组织、总计），无法确定各数所在的列。",
                )
            )
            report.missing.update((*path, c) for c in L.COLUMNS)
            return row
        for column, text in zip(self.t3_order, values, strict=True):
            origin = Origin(hit.label, self.t3_columns_found.get(column, column), hit.where, text)
            row[column] = int(self._cell(report, (*path, column), text, origin))
        return row

    def _build_t3(self, report: ParsedReport) -> None:
        if not self.t3:
            report.problems.append(
                Problem(
                    "parse.missing_table",
                    (("三",),),
                    "未找到表三（收到和处理政府信息公开申请情况）。",
                )
            )
            report.tables["三"] = L.empty_t3()
            report.missing.update(("三", *p, c) for p in L.t3_rows() for c in L.COLUMNS)
            return
        t3: dict[str, Any] = L.empty_t3()
        for path in L.t3_rows():
            if report.layout == LAYOUT_2019 and path[:2] == (L.RESULTS, G6):
                continue
            hit = self.t3.get(path[-1])
            L.t3_cell(t3, path[:-1])[path[-1]] = self._row(report, ("三", *path), hit, path[-1])
        results = t3[L.RESULTS]
        if report.layout == LAYOUT_2019:
            # 2019 format: （六）其他处理 is one row with its own figures.
            results[G6] = self._row(report, ("三", L.RESULTS, G6), self.t3.get(G6), G6)
        for group, items in L.RESULT_GROUPS.items():
            head = self.t3.get(group)
            if not items or head is None or not any(not is_blank(v) for v in head.values):
                continue
            if report.layout == LAYOUT_2019 and group == G6:
                continue
            path = ("三", L.RESULTS, group, "小计")
            report.subtotals[group] = self._row(report, path, head, group)
        report.tables["三"] = t3

    def _build_t4(self, report: ParsedReport) -> None:
        report.tables["四"] = L.empty_t4()
        if not self.t4:
            report.problems.append(
                Problem(
                    "parse.missing_table",
                    (("四",),),
                    "未找到表四（政府信息公开行政复议、行政诉讼情况）的数字行。",
                )
            )
            report.missing.update(("四", g, c) for g, c in T4_CELLS)
            return
        values = self._fit(self.t4, len(T4_CELLS))
        if values is None:
            report.problems.append(
                Problem(
                    "parse.columns",
                    (("四",),),
                    f"表四有 {len(self.t4)} 个数，应为 {len(T4_CELLS)} 个，无法确定各数所在的列。",
                )
            )
            report.missing.update(("四", g, c) for g, c in T4_CELLS)
            return
        where = self.t4_where[0] if self.t4_where else ""
        for (group, column), text in zip(T4_CELLS, values, strict=True):
            origin = Origin(group, column, where, text)
            report.tables["四"][group][column] = int(
                self._cell(report, ("四", group, column), text, origin)
            )

    def _build_t2(self, report: ParsedReport) -> None:
        layout = TABLE_2 if report.layout == LAYOUT_2021 else TABLE_2_2019
        table: dict[str, Any] = {}
        for block, rows in layout.items():
            table[block] = {}
            for name, columns in rows.items():
                key = L.NORMATIVE if name == OLD_NORMATIVE else name
                hit = self.t2.get(key)
                table[block][name] = dict.fromkeys(columns, 0)
                path = ("二", block, name)
                if hit is None:
                    if self.t2:
                        report.problems.append(
                            Problem("parse.missing_row", (path,), f"表二未找到“{name}”行。", "warn")
                        )
                    report.missing.update((*path, c) for c in columns)
                    continue
                values = self._fit(hit.values, len(columns))
                if values is None:
                    # A single figure under a wide header (colspan written as blank cells).
                    values = hit.values[: len(columns)] if len(hit.values) > len(columns) else None
                if values is None:
                    report.problems.append(
                        Problem(
                            "parse.columns",
                            (path,),
                            f"{hit.where}“{hit.label}”行有 {len(hit.values)} 个数，"
                            f"应为 {len(columns)} 个（{'、'.join(columns)}）。",
                            "warn",
                        )
                    )
                    report.missing.update((*path, c) for c in columns)
                    continue
                for column, text in zip(columns, values, strict=True):
                    origin = Origin(hit.label, column, hit.where, text)
                    table[block][name][column] = self._cell(
                        report,
                        (*path, column),
                        text,
                        origin,
                        integer=column not in (L.FEE_AMOUNT, "采购总金额"),
                        signed=column == "本年增/减",
                        level="warn",
                    )
        if not self.t2:
            report.problems.append(
                Problem(
                    "parse.missing_table",
                    (("二",),),
                    "未找到表二（主动公开政府信息情况）。",
                    "warn",
                )
            )
        report.tables["二"] = table


TABLE_2 = L.TABLE_2


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
    """(organ, year) from the first line that reads like a report title: 某某局2024年政府信息公开
    工作年度报告, or 2024年某某局政府信息公开工作年度报告."""
    for line in lines:
        text = re.sub(r"\s+", "", line)
        if "报告" not in text:
            continue
        match = _TITLE_YEAR_FIRST.search(text) or _TITLE.search(text)
        if match:
            year = int(match.group("year").translate(_CN_DIGITS))
            organ = re.split(r"[|_\-—]", match.group("organ"))[-1]
            return organ, year
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
    report.organ, report.year = find_title(text.splitlines()[:30])
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
    report.organ, report.year = find_title(titles)
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
    report.organ, report.year = find_title(paragraphs[:30])
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
    report.organ = str(data.get("organ") or "")
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
