"""The reader: rows as found in a document → the tables of ``labels.py``, with the layout
recognised and every figure's origin kept."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from gongkai.reports.validation import labels as L
from gongkai.reports.validation.labels import G6
from gongkai.reports.validation.model import (
    LAYOUT_2019,
    LAYOUT_2021,
    OLD_NORMATIVE,
    T4_CELLS,
    TABLE_2_2019,
    Origin,
    ParsedReport,
    Path_,
    Problem,
    UnusableReport,
)
from gongkai.reports.validation.rows import (
    _GROUPS,
    _ITEM_SPECS,
    _SHORT,
    _T2_HEADER,
    _T2_HEADER_2019,
    _T2_HEADER_2021,
    _T3_HEADER,
    _T4_HEADER,
    _T4_SECTION,
    _THRESHOLD,
    SPECS,
    _core,
    _Hit,
    _markers,
    _Row,
    _Spec,
    _strip_marker,
    _tail_score,
    is_blank,
    label_key,
    parse_value,
)

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
