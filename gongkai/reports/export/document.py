"""The annual report as data and its tables as grids: ``ReportDocument`` (one unit's report),
``GridTable`` (a table of the official format, 国办公开办函〔2021〕30号, as header and data cells, built
once and written by every format), the sections as paragraphs, and the JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from gongkai.letters.layout import (
    Cell,
    Table,
)
from gongkai.reports import labels

Number = int | float | Decimal
Kind = Literal["corner", "band", "col", "row", "data"]
Align = Literal["left", "center", "right", "justify"]


STATIC_CSS = Path(__file__).parent.parent / "static" / "reports" / "annual-report.css"
TABLE_KEYS: tuple[str, ...] = ("二", "三", "四")
# the section each table belongs to (labels.SECTIONS 二、三、四)
TABLE_SECTION = {"二": labels.SECTIONS[1], "三": labels.SECTIONS[2], "四": labels.SECTIONS[3]}
SMALL_TABLE_PT = 10.5  # 五号: tables 三 and 四 have 10 and 15 columns on a 156 mm 版心
INFO_CONTENT = "信息内容"  # the column header of table 二's blocks


@dataclass
class ReportDocument:
    """One unit's annual report as data: the three tables in the labels.py shape and the six sections."""

    unit: str  # e.g. 南昌市教育局
    year: int
    tables: dict[str, Any]  # {"二": {...}, "三": {...}, "四": {...}} as in labels.py
    # section title (labels.SECTIONS) → plain text, paragraphs separated by blank lines; for 二、三、四 a lead-in
    sections: dict[str, str]
    # {"by_month": [(month, {outcome group: count}), ...], "on_time_rate": float | None, "on_time", "late"}
    charts: dict[str, Any] | None = None

    @property
    def title(self) -> str:
        return f"{self.unit}{self.year}年政府信息公开工作年度报告"


# ---------------------------------------------------------------------------------------------------------------
# The tables as grids


@dataclass(frozen=True)
class GridCell:
    text: str
    kind: Kind = "data"
    colspan: int = 1
    rowspan: int = 1
    value: Number | None = None  # data cells: the number (None: missing in the data)
    align: Align | None = None


@dataclass(frozen=True)
class GridTable:
    key: str  # 二 / 三 / 四
    caption: str  # the section title
    rows: tuple[tuple[GridCell, ...], ...]
    header_rows: int  # rows repeated on each page and put in <thead>
    widths: tuple[float, ...]
    font_size: float

    def layout_table(self) -> Table:
        return Table(
            tuple(
                tuple(Cell(c.text, c.colspan, c.rowspan, c.align) for c in row) for row in self.rows
            ),
            self.header_rows,
            self.widths,
            "",
            self.font_size,
        )

    def placed(self) -> list[list[tuple[int, int, GridCell]]]:
        """Per row, (row, column, cell) at each cell's top-left grid position."""
        _, grid = self.layout_table().grid()
        return [
            [(r, c, cell) for (r, c, _), cell in zip(placed, row, strict=True)]
            for placed, row in zip(grid, self.rows, strict=True)
        ]

    @property
    def ncols(self) -> int:
        return len(self.widths)


def format_number(value: Number | None) -> str:
    """A cell as printed: integers as they are, 万元 amounts without trailing zeros, a missing cell blank."""
    if value is None:
        return ""
    if isinstance(value, bool):  # not a count
        raise TypeError("表格中的数字不能是布尔值。")
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(str(value)).normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _get(node: Any, *path: str) -> Any:
    for part in path:
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def _head(text: str, **kw: Any) -> GridCell:
    return GridCell(text, "col", align="center", **kw)


def _data(value: Any, colspan: int = 1) -> GridCell:
    return GridCell(format_number(value), "data", colspan, 1, value, "center")


def table_2(t2: Mapping[str, Any]) -> GridTable:
    """二、主动公开政府信息情况: four blocks (第二十条第（一）（五）（六）（八）项), each with its own header row."""
    rows: list[tuple[GridCell, ...]] = []
    for item, contents in labels.TABLE_2.items():
        rows.append((GridCell(item, "band", colspan=4, align="center"),))
        columns = next(iter(contents.values()))
        # a single column (本年处理决定数量, 收费金额) spans the three number columns
        span = 3 // len(columns)
        rows.append((_head(INFO_CONTENT), *(_head(col, colspan=span) for col in columns)))
        for content, cols in contents.items():
            rows.append(
                (
                    GridCell(content, "row", align="center"),
                    *(_data(_get(t2, item, content, col), span) for col in cols),
                )
            )
    return GridTable("二", TABLE_SECTION["二"], tuple(rows), 0, (2.4, 1.6, 1.6, 1.6), 12.0)


def table_3(t3: Mapping[str, Any]) -> GridTable:
    """三、收到和处理政府信息公开申请情况: three label columns (the 勾稽关系 note over them), 申请人情况 over the
    seven number columns, 法人或其他组织 over its five; 三、本年度办理结果 and the outcome groups as row spans."""
    rows: list[tuple[GridCell, ...]] = [
        (
            GridCell(labels.T3_NOTE, "corner", colspan=3, rowspan=3, align="left"),
            _head("申请人情况", colspan=len(labels.COLUMNS)),
        ),
        (
            _head(labels.NATURAL, rowspan=2),
            _head(labels.LEGAL_PERSONS, colspan=len(labels.APPLICANT_COLUMNS) - 1),
            _head(labels.TOTAL, rowspan=2),
        ),
        tuple(_head(col) for col in labels.APPLICANT_COLUMNS[1:]),
    ]

    def numbers(path: tuple[str, ...]) -> tuple[GridCell, ...]:
        return tuple(_data(_get(t3, *path, col)) for col in labels.COLUMNS)

    n_results = sum(1 for path in labels.t3_rows() if path[0] == labels.RESULTS)
    for path in labels.t3_rows():
        label_cells: list[GridCell] = []
        if path[0] != labels.RESULTS:
            label_cells.append(GridCell(path[0], "row", colspan=3, align="left"))
        else:
            group = path[1]
            items = labels.RESULT_GROUPS.get(group, ())
            if group == next(iter(labels.RESULT_GROUPS)):
                label_cells.append(
                    GridCell(labels.RESULTS, "row", rowspan=n_results, align="center")
                )
            if len(path) == 2:  # （一）（二）（七）: a single row over both label columns
                label_cells.append(GridCell(group, "row", colspan=2, align="left"))
            else:
                if path[2] == items[0]:
                    label_cells.append(GridCell(group, "row", rowspan=len(items), align="center"))
                label_cells.append(GridCell(path[2], "row", align="left"))
        rows.append((*label_cells, *numbers(path)))
    widths = (1.3, 1.9, 3.6, *(1.3,) * len(labels.COLUMNS))
    return GridTable("三", TABLE_SECTION["三"], tuple(rows), 3, widths, SMALL_TABLE_PT)


def table_4(t4: Mapping[str, Any]) -> GridTable:
    """四、行政复议、行政诉讼情况: 行政复议 over five columns, 行政诉讼 over ten, split into 未经复议直接起诉 and
    复议后起诉 over five each; one row of fifteen numbers."""
    n = len(labels.T4_COLUMNS)
    rows: tuple[tuple[GridCell, ...], ...] = (
        (_head(labels.RECONSIDERATION, colspan=n), _head(labels.LITIGATION, colspan=2 * n)),
        (
            *(_head(col, rowspan=2) for col in labels.T4_COLUMNS),
            _head(labels.DIRECT_SUIT, colspan=n),
            _head(labels.SUIT_AFTER, colspan=n),
        ),
        tuple(_head(col) for _ in range(2) for col in labels.T4_COLUMNS),
        tuple(
            _data(_get(t4, group, col)) for group in labels.T4_GROUPS for col in labels.T4_COLUMNS
        ),
    )
    return GridTable("四", TABLE_SECTION["四"], rows, 3, (1.0,) * (3 * n), SMALL_TABLE_PT)


def report_tables(doc: ReportDocument) -> dict[str, GridTable]:
    return {
        "二": table_2(doc.tables.get("二") or {}),
        "三": table_3(doc.tables.get("三") or {}),
        "四": table_4(doc.tables.get("四") or {}),
    }


# ---------------------------------------------------------------------------------------------------------------
# Sections: plain text → paragraphs and sub-headings

_SUBHEADING = re.compile(r"^（[一二三四五六七八九十]+）[^。；：，]{1,24}$")


def paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines; a line break inside a paragraph is dropped (Chinese has no spaces)."""
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        joined = "".join(line.strip() for line in block.splitlines())
        if joined:
            out.append(joined)
    return out


def is_subheading(paragraph: str) -> bool:
    """（一）主动公开 on a line of its own is a level-2 heading; “（一）主动公开。本机关……” stays a paragraph."""
    return bool(_SUBHEADING.match(paragraph))


def _section_blocks(doc: ReportDocument) -> Iterator[tuple[str, list[str], str | None]]:
    """(section title, its paragraphs, its table's key or None) per section, in the official order."""
    reverse = {title: key for key, title in TABLE_SECTION.items()}
    for title in labels.SECTIONS:
        yield title, paragraphs(doc.sections.get(title, "")), reverse.get(title)


# ---------------------------------------------------------------------------------------------------------------
# JSON


def report_data(doc: ReportDocument) -> dict[str, Any]:
    """The report keyed by the official labels, in the printed order (the JSON of `gongkai report annual`)."""
    t2, t3, t4 = (doc.tables.get(key) or {} for key in TABLE_KEYS)

    def number(value: Any) -> Any:
        return float(value) if isinstance(value, Decimal) else value

    out2 = {
        item: {
            content: {col: number(_get(t2, item, content, col)) for col in cols}
            for content, cols in contents.items()
        }
        for item, contents in labels.TABLE_2.items()
    }

    def row(path: tuple[str, ...]) -> dict[str, Any]:
        return {col: number(_get(t3, *path, col)) for col in labels.COLUMNS}

    results: dict[str, Any] = {}
    for group, items in labels.RESULT_GROUPS.items():
        results[group] = (
            {item: row((labels.RESULTS, group, item)) for item in items}
            if items
            else row((labels.RESULTS, group))
        )
    results[labels.RESULTS_TOTAL] = row((labels.RESULTS, labels.RESULTS_TOTAL))
    out3 = {
        labels.NEW: row((labels.NEW,)),
        labels.CARRIED_IN: row((labels.CARRIED_IN,)),
        labels.RESULTS: results,
        labels.CARRIED_OUT: row((labels.CARRIED_OUT,)),
    }
    out4 = {
        group: {col: number(_get(t4, group, col)) for col in labels.T4_COLUMNS}
        for group in labels.T4_GROUPS
    }
    sections = {title: doc.sections.get(title, "") for title in labels.SECTIONS}
    return {
        "organ": doc.unit,
        "year": doc.year,
        "二": out2,
        "三": out3,
        "四": out4,
        "sections": sections,
    }


def to_json(doc: ReportDocument) -> str:
    return json.dumps(report_data(doc), ensure_ascii=False, indent=2) + "\n"
