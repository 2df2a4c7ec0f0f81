"""The annual report's outputs (政府信息公开工作年度报告): JSON, HTML for the website, DOCX, PDF and XLSX, with
the tables laid out as in the official format (国办公开办函〔2021〕30号), and the charts as inline SVG.

Each table is built once as a grid of header and data cells (`GridTable`) and written by every format, so
the merged header cells and the position of every number are the same in DOCX, PDF, XLSX and HTML.
Layout decisions are in docs/report-output.md.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from docx import Document as open_docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from gongkai.letters.layout import (
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    PAGE_WIDTH_MM,
    Cell,
    Document,
    Table,
    text_width_em,
)
from gongkai.reports import labels

Number = int | float | Decimal
Kind = Literal["corner", "band", "col", "row", "data"]
Align = Literal["left", "center", "right", "justify"]

STATIC_CSS = Path(__file__).parent / "static" / "reports" / "annual-report.css"
TABLE_KEYS: tuple[str, ...] = ("二", "三", "四")
# the section each table belongs to (labels.SECTIONS 二、三、四)
TABLE_SECTION = {"二": labels.SECTIONS[1], "三": labels.SECTIONS[2], "四": labels.SECTIONS[3]}
SMALL_TABLE_PT = 10.5  # 五号: tables 三 and 四 have 10 and 15 columns on a 156 mm 版心
INFO_CONTENT = "信息内容"  # the column header of table 二's blocks


@dataclass
class ReportDocument:
    """One organ's annual report as data: the three tables in the labels.py shape and the six sections."""

    organ: str  # e.g. 南昌市教育局
    year: int
    tables: dict[str, Any]  # {"二": {...}, "三": {...}, "四": {...}} as in labels.py
    # section title (labels.SECTIONS) → plain text, paragraphs separated by blank lines; for 二、三、四 a lead-in
    sections: dict[str, str]
    # {"by_month": [(month, {outcome group: count}), ...], "on_time_rate": float | None, "on_time", "late"}
    charts: dict[str, Any] | None = None

    @property
    def title(self) -> str:
        return f"{self.organ}{self.year}年政府信息公开工作年度报告"


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
        "organ": doc.organ,
        "year": doc.year,
        "二": out2,
        "三": out3,
        "四": out4,
        "sections": sections,
    }


def to_json(doc: ReportDocument) -> str:
    return json.dumps(report_data(doc), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------------------------------------------
# DOCX and PDF (official layout, gongkai.letters.layout)


def report_layout(doc: ReportDocument) -> Document:
    """The report as published: title, the six sections with their text, the three tables in sections 二–四."""
    tables = report_tables(doc)
    layout = Document(author=doc.organ)
    layout.title(doc.title)
    for title, paras, key in _section_blocks(doc):
        layout.heading(title, 1)
        for para in paras:
            if is_subheading(para):
                layout.heading(para, 2)
            else:
                layout.paragraph(para)
        if key is not None:
            layout.add(tables[key].layout_table())
    return layout


def to_docx(doc: ReportDocument) -> bytes:
    return _docx_fixups(report_layout(doc).to_docx(), list(report_tables(doc).values()))


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# the children of w:pPr that follow w:snapToGrid (schema order)
_AFTER_SNAP = frozenset(
    _W + name
    for name in (
        *("spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc"),
        *("textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId"),
        *("cnfStyle", "rPr", "sectPr", "pPrChange"),
    )
)
_AFTER_CELL_MAR = frozenset(_W + name for name in ("tblLook", "tblCaption", "tblDescription"))


def _insert(parent: Any, child: Any, following: frozenset[str]) -> None:
    after = next((el for el in parent if el.tag in following), None)
    if after is None:
        parent.append(child)
    else:
        after.addprevious(child)


def _docx_fixups(data: bytes, tables: Sequence[GridTable]) -> bytes:
    """Adjust the report's tables in the layout's DOCX so that LibreOffice shows them as Word does
    (checked by rendering, see docs/report-output.md; the page's line grid and tracking are the
    layout's own):

    - table text must not snap to the document grid (one character a line in narrow cells);
    - the table grid (`w:tblGrid`) gets the column widths, which LibreOffice uses instead of the cells';
    - cell margins of 1 mm (Word's default 1.9 mm leaves one character a line in table 四's columns).
    """
    d = open_docx(io.BytesIO(data))
    text_width = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
    for docx_table, table in zip(d.tables, tables, strict=True):
        total = sum(table.widths)
        cols = docx_table._tbl.tblGrid.findall(qn("w:gridCol"))
        for col, width in zip(cols, table.widths, strict=True):
            col.set(qn("w:w"), str(Mm(text_width * width / total).twips))
        tbl_pr = docx_table._tbl.tblPr
        margins = OxmlElement("w:tblCellMar")
        for side in (
            "left",
            "right",
        ):  # 1 mm, as the PDF's padding: two characters fit a number column
            margin = OxmlElement(f"w:{side}")
            margin.set(qn("w:w"), str(Mm(1).twips))
            margin.set(qn("w:type"), "dxa")
            margins.append(margin)
        _insert(tbl_pr, margins, _AFTER_CELL_MAR)
        for p in docx_table._tbl.iter(qn("w:p")):
            ppr = p.get_or_add_pPr()
            snap = OxmlElement("w:snapToGrid")
            snap.set(qn("w:val"), "0")
            _insert(ppr, snap, _AFTER_SNAP)
    buf = io.BytesIO()
    d.save(buf)  # write-guard: python-docx document, not a model
    return buf.getvalue()


def to_pdf(doc: ReportDocument) -> bytes:
    return report_layout(doc).to_pdf()


# ---------------------------------------------------------------------------------------------------------------
# XLSX


# column widths in Excel units (≈ the width of a digit); a CJK character of 11 pt takes about two
XLSX_WIDTHS: dict[str, tuple[float, ...]] = {
    "二": (20, 16, 16, 16),
    "三": (10, 14, 40, *(9,) * len(labels.COLUMNS)),
    "四": (9,) * (3 * len(labels.T4_COLUMNS)),
}
_XLSX_CJK_UNITS = 2.2
_XLSX_LINE_PT = 15.0


def _xlsx_lines(text: str, width_units: float) -> int:
    per_line = max(1.0, (width_units - 1) / _XLSX_CJK_UNITS)
    return max(1, -(-int(text_width_em(text) * 100) // int(per_line * 100)))


def to_xlsx(doc: ReportDocument) -> bytes:
    """One sheet per table (二, 三, 四): the report title and section in row 1, the table from row 2 with the
    official merged header cells; numbers are numbers. Row heights are set from the text (neither Excel
    nor LibreOffice sizes a row to a wrapped merged cell)."""
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the default empty sheet
    for key, table in report_tables(doc).items():
        widths = XLSX_WIDTHS[key]
        ws = wb.create_sheet(key)
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.orientation = "portrait" if key == "二" else "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        for i, width in enumerate(widths):
            ws.column_dimensions[get_column_letter(i + 1)].width = width
        heading = f"{doc.title}\n{table.caption}"
        title = ws.cell(1, 1, heading)
        title.font = Font(bold=True, size=13)
        title.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=table.ncols)
        title_lines = sum(_xlsx_lines(line, sum(widths)) for line in heading.splitlines())
        ws.row_dimensions[1].height = title_lines * 18
        offset = 2  # the table's first row
        heights = [_XLSX_LINE_PT] * len(table.rows)
        for placed in table.placed():
            for r, c, cell in placed:
                row, col = r + offset, c + 1
                target = ws.cell(row, col)
                if cell.kind == "data":
                    value = cell.value
                    target.value = float(value) if isinstance(value, Decimal) else value
                else:
                    target.value = cell.text
                target.font = Font(bold=cell.kind in ("col", "band"), size=11)
                target.alignment = Alignment(
                    horizontal=cell.align or "center", vertical="center", wrap_text=True
                )
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        ws.cell(row + dr, col + dc).border = border
                if cell.rowspan > 1 or cell.colspan > 1:
                    ws.merge_cells(
                        start_row=row,
                        start_column=col,
                        end_row=row + cell.rowspan - 1,
                        end_column=col + cell.colspan - 1,
                    )
                need = _XLSX_LINE_PT * _xlsx_lines(cell.text, sum(widths[c : c + cell.colspan]))
                spanned = heights[r : r + cell.rowspan]
                if sum(spanned) < need:
                    heights[r + cell.rowspan - 1] += need - sum(spanned)
        for r, height in enumerate(heights):
            ws.row_dimensions[r + offset].height = height + 2
        if table.header_rows:
            ws.freeze_panes = ws.cell(offset + table.header_rows, 1)
            ws.print_title_rows = f"{offset}:{offset + table.header_rows - 1}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------------------------
# Charts (inline SVG, no JavaScript; each with <title>, <desc> and a data table as the text alternative)

# Okabe–Ito: distinguishable with the common colour-vision deficiencies
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999", "#F0E442")
CHART_FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"


def short_group(label: str) -> str:
    """（二）部分公开（区分处理的，只计这一情形，不计其他情形） → （二）部分公开, for legends."""
    m = re.match(r"^(（[一二三四五六七八九十]+）[^（]+)（", label)
    return m.group(1) if m else label


def _chart_groups(data: Sequence[tuple[int, Mapping[str, int]]]) -> list[str]:
    seen: list[str] = []
    for _, counts in data:
        for group in counts:
            if group not in seen:
                seen.append(group)
    order = list(labels.RESULT_GROUPS)
    return sorted(seen, key=lambda g: (order.index(g) if g in order else len(order), seen.index(g)))


def _nice_max(value: int) -> tuple[int, int]:
    """An axis maximum ≥ value and a tick step (1, 2 or 5 × 10ⁿ), about five ticks."""
    if value <= 0:
        return 5, 1
    step = 1
    while value / step > 5:
        for factor in (2, 5 / 2, 2):  # 1 → 2 → 5 → 10
            step = int(step * factor)
            if value / step <= 5:
                break
    top = -(-value // step) * step
    return top, step


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _svg_open(
    width: int, height: int, id_prefix: str, *, font_size: int, title: str, desc: str
) -> str:
    """The <svg> start tag with its accessible name (<title>) and description (<desc>)."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gk-chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" font-family="{CHART_FONT}" '
        f'font-size="{font_size}">\n<title id="{id_prefix}-title">{_esc(title)}</title>\n'
        f'<desc id="{id_prefix}-desc">{_esc(desc)}</desc>'
    )


def _monthly(data: Sequence[tuple[int, Mapping[str, int]]]) -> dict[int, Mapping[str, int]]:
    months: dict[int, Mapping[str, int]] = {m: {} for m in range(1, 13)}
    for month, counts in data:
        months[int(month)] = counts
    return months


def chart_svg_by_month(
    data: Sequence[tuple[int, Mapping[str, int]]], *, id_prefix: str = "gk-chart-month"
) -> str:
    """Applications by month (1–12), stacked by outcome group: a bar chart as inline SVG."""
    months = _monthly(data)
    groups = _chart_groups(data)
    totals = {m: sum(counts.values()) for m, counts in months.items()}
    grand = sum(totals.values())
    top, step = _nice_max(max(totals.values(), default=0))
    width, left, right, top_pad = 720, 48, 12, 16
    plot_h = 220
    legend_cols = 3
    legend_rows = -(-len(groups) // legend_cols) if groups else 0
    height = top_pad + plot_h + 32 + legend_rows * 22 + 8
    plot_w = width - left - right
    slot = plot_w / 12
    bar_w = slot * 0.62

    def y(value: float) -> float:
        return top_pad + plot_h - plot_h * value / top

    if grand:
        busiest = max(totals, key=lambda m: totals[m])
        summary = (
            f"各月收到的政府信息公开申请数量，按办理结果分组堆叠。全年共{grand}件，"
            f"最多的是{busiest}月，共{totals[busiest]}件。各月数字见图后的数据表。"
        )
    else:
        summary = "各月收到的政府信息公开申请数量：本年度没有收到申请。"
    out = [
        _svg_open(
            width, height, id_prefix, font_size=12, title="各月申请数量及办理结果", desc=summary
        )
    ]
    for tick in range(0, top + 1, step):
        ty = y(tick)
        out.append(
            f'<line x1="{left}" y1="{ty:.1f}" x2="{width - right}" y2="{ty:.1f}" '
            f'stroke="{"#333" if tick == 0 else "#ddd"}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end" fill="#333">{tick}</text>'
        )
    for m in range(1, 13):
        x = left + slot * (m - 1) + (slot - bar_w) / 2
        base = 0
        for i, group in enumerate(groups):
            count = int(months[m].get(group, 0))
            if not count:
                continue
            y0, y1 = y(base), y(base + count)
            out.append(
                f'<rect x="{x:.1f}" y="{y1:.1f}" width="{bar_w:.1f}" height="{y0 - y1:.1f}" '
                f'fill="{PALETTE[i % len(PALETTE)]}">'
                f"<title>{m}月 {_esc(short_group(group))}：{count}件</title></rect>"
            )
            base += count
        if totals[m]:
            out.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{y(totals[m]) - 4:.1f}" text-anchor="middle" '
                f'fill="#000">{totals[m]}</text>'
            )
        out.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{top_pad + plot_h + 18}" text-anchor="middle" '
            f'fill="#333">{m}月</text>'
        )
    if not grand:
        out.append(
            f'<text x="{left + plot_w / 2:.1f}" y="{top_pad + plot_h / 2:.1f}" '
            f'text-anchor="middle" fill="#555">本年度没有收到申请</text>'
        )
    legend_y = top_pad + plot_h + 36
    col_w = plot_w / legend_cols
    for i, group in enumerate(groups):
        lx = left + col_w * (i % legend_cols)
        ly = legend_y + 22 * (i // legend_cols)
        out.append(
            f'<rect x="{lx:.1f}" y="{ly:.1f}" width="12" height="12" '
            f'fill="{PALETTE[i % len(PALETTE)]}"/>'
        )
        out.append(
            f'<text x="{lx + 18:.1f}" y="{ly + 11:.1f}" fill="#000">{_esc(short_group(group))}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def chart_table_by_month(
    data: Sequence[tuple[int, Mapping[str, int]]], *, caption: str = "各月申请数量及办理结果"
) -> str:
    """The numbers behind `chart_svg_by_month` as an HTML table (the chart's text alternative)."""
    months = _monthly(data)
    groups = _chart_groups(data)
    out = [
        '<table class="gk-chart-data">',
        f"<caption>{_esc(caption)}</caption>",
        '<thead><tr><th scope="col">月份</th>',
        *(f'<th scope="col">{_esc(short_group(g))}</th>' for g in groups),
        '<th scope="col">合计</th></tr></thead>',
        "<tbody>",
    ]
    for m, counts in months.items():
        cells = "".join(f"<td>{int(counts.get(g, 0))}</td>" for g in groups)
        out.append(f'<tr><th scope="row">{m}月</th>{cells}<td>{sum(counts.values())}</td></tr>')
    out.append("</tbody></table>")
    return "\n".join(out)


def _rate(rate: float | None, on_time: int, late: int) -> float | None:
    if rate is not None:
        return rate
    return on_time / (on_time + late) if on_time + late else None


def format_rate(rate: float) -> str:
    return f"{rate * 100:.1f}%"


def chart_svg_on_time(
    rate: float | None, on_time: int, late: int, *, id_prefix: str = "gk-chart-on-time"
) -> str:
    """The on-time rate (按期答复率) as a 100 % bar split into replies on time and late."""
    rate = _rate(rate, on_time, late)
    width, height, left, bar_y, bar_h = 720, 120, 12, 44, 28
    bar_w = width - 2 * left
    total = on_time + late
    if rate is None:
        summary = "按期答复率：本年度没有已答复的申请。"
    else:
        summary = f"按期答复率{format_rate(rate)}：本年度答复{total}件，其中按期答复{on_time}件，逾期{late}件。"
    out = [_svg_open(width, height, id_prefix, font_size=13, title="按期答复率", desc=summary)]
    headline = "按期答复率：无数据" if rate is None else f"按期答复率 {format_rate(rate)}"
    out.append(f'<text x="{left}" y="28" font-size="18" fill="#000">{_esc(headline)}</text>')
    out.append(
        f'<rect x="{left}" y="{bar_y}" width="{bar_w}" height="{bar_h}" fill="#eee" stroke="#999"/>'
    )
    if total:
        on_w = bar_w * on_time / total
        out.append(
            f'<rect x="{left}" y="{bar_y}" width="{on_w:.1f}" height="{bar_h}" fill="{PALETTE[2]}">'
            f"<title>按期答复：{on_time}件</title></rect>"
        )
        if late:
            out.append(
                f'<rect x="{left + on_w:.1f}" y="{bar_y}" width="{bar_w - on_w:.1f}" '
                f'height="{bar_h}" fill="{PALETTE[5]}"><title>逾期答复：{late}件</title></rect>'
            )
    legend_y = bar_y + bar_h + 24
    for i, (text, color) in enumerate(
        ((f"按期答复 {on_time}件", PALETTE[2]), (f"逾期答复 {late}件", PALETTE[5]))
    ):
        lx = left + 200 * i
        out.append(
            f'<rect x="{lx}" y="{legend_y - 11}" width="12" height="12" fill="{color}"/>'
            f'<text x="{lx + 18}" y="{legend_y}" fill="#000">{_esc(text)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def chart_table_on_time(rate: float | None, on_time: int, late: int) -> str:
    rate = _rate(rate, on_time, late)
    shown = "—" if rate is None else format_rate(rate)
    return (
        '<table class="gk-chart-data">\n<caption>按期答复情况</caption>\n'
        '<thead><tr><th scope="col">按期答复（件）</th><th scope="col">逾期答复（件）</th>'
        '<th scope="col">按期答复率</th></tr></thead>\n'
        f"<tbody><tr><td>{on_time}</td><td>{late}</td><td>{shown}</td></tr></tbody>\n</table>"
    )


def _figure(svg: str, caption: str, table: str) -> str:
    return (
        f'<figure class="gk-figure">\n{svg}\n<figcaption>{_esc(caption)}</figcaption>\n'
        f"<details><summary>查看数据表</summary>\n{table}\n</details>\n</figure>"
    )


# ---------------------------------------------------------------------------------------------------------------
# HTML for the website


def _occupancy(table: GridTable) -> dict[tuple[int, int], tuple[int, int, GridCell]]:
    """Every grid position → the (row, column, cell) that covers it."""
    cover: dict[tuple[int, int], tuple[int, int, GridCell]] = {}
    for placed in table.placed():
        for r, c, cell in placed:
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    cover[(r + dr, c + dc)] = (r, c, cell)
    return cover


Cover = dict[tuple[int, int], tuple[int, int, GridCell]]


def _header_ids(cover: Cover, r: int, c: int, cell: GridCell, id_prefix: str) -> list[str]:
    """The header cells of a cell (WCAG H43): row headers to its left, then column headers above it up to
    and including its block's band (table 二) or the top of the table."""
    ids: list[str] = []
    if cell.kind in ("data", "row"):
        row_heads = []
        for cc in range(c - 1, -1, -1):
            hr, hc, head = cover[(r, cc)]
            if head.kind == "row":
                row_heads.append(_cell_id(id_prefix, hr, hc))
        ids.extend(dict.fromkeys(reversed(row_heads)))
    if cell.kind in ("data", "col"):
        col_heads = []
        for rr in range(r - 1, -1, -1):
            hr, hc, head = cover[(rr, c)]
            if head.kind in ("col", "band"):
                col_heads.append(_cell_id(id_prefix, hr, hc))
            if head.kind == "band":
                break
        ids.extend(i for i in dict.fromkeys(reversed(col_heads)) if i not in ids)
    return ids


def _cell_id(id_prefix: str, r: int, c: int) -> str:
    return f"{id_prefix}-r{r}c{c}"


def _cell_html(cover: Cover, r: int, c: int, cell: GridCell, id_prefix: str) -> str:
    attrs = [f'id="{_cell_id(id_prefix, r, c)}"'] if cell.kind != "data" else []
    if cell.colspan > 1:
        attrs.append(f'colspan="{cell.colspan}"')
    if cell.rowspan > 1:
        attrs.append(f'rowspan="{cell.rowspan}"')
    classes = [f"gk-{cell.kind}"]
    if cell.align and cell.kind != "data":
        classes.append(f"gk-{cell.align}")
    attrs.append(f'class="{" ".join(classes)}"')
    tag = "td" if cell.kind in ("data", "corner") else "th"
    if cell.kind in ("col", "band"):
        attrs.append('scope="colgroup"' if cell.colspan > 1 else 'scope="col"')
    elif cell.kind == "row":
        attrs.append('scope="rowgroup"' if cell.rowspan > 1 else 'scope="row"')
    heads = _header_ids(cover, r, c, cell, id_prefix)
    if heads:
        attrs.append(f'headers="{" ".join(heads)}"')
    return f"<{tag} {' '.join(attrs)}>{_esc(cell.text)}</{tag}>"


def table_html(table: GridTable, *, id_prefix: str) -> str:
    """An accessible HTML table: caption, <thead>, th with scope, and `headers` on every cell under merged
    headers, so a screen reader announces e.g. “三、本年度办理结果 （三）不予公开 1.属于国家秘密 申请人情况
    法人或其他组织 商业企业”."""
    cover = _occupancy(table)
    caption_id = f"{id_prefix}-caption"
    out = [
        f'<div class="gk-table-wrap" role="region" tabindex="0" aria-labelledby="{caption_id}">',
        f'<table class="gk-report-table gk-table-{_esc(table.key)}">',
        f'<caption id="{caption_id}">{_esc(table.caption)}</caption>',
        "<colgroup>",
        *(f'<col style="width: {100 * w / sum(table.widths):.2f}%">' for w in table.widths),
        "</colgroup>",
    ]
    for r, placed in enumerate(table.placed()):
        if r == 0 and table.header_rows:
            out.append("<thead>")
        if r == table.header_rows:
            out.append("<tbody>")
        elif r > table.header_rows and placed and placed[0][2].kind == "band":
            out.append("</tbody><tbody>")  # table 二: one row group per block
        out.append("<tr>")
        out.extend(_cell_html(cover, r, c, cell, id_prefix) for _, c, cell in placed)
        out.append("</tr>")
        if r == table.header_rows - 1:
            out.append("</thead>")
    if len(table.rows) > table.header_rows:
        out.append("</tbody>")
    out.append("</table>\n</div>")
    return "\n".join(out)


def stylesheet() -> str:
    """The website stylesheet (static/reports/annual-report.css), for pages that inline it."""
    return STATIC_CSS.read_text(encoding="utf-8")


def _charts_html(doc: ReportDocument) -> str:
    charts = doc.charts or {}
    parts = []
    if charts.get("by_month") is not None:
        prefix = f"gk-report-{doc.year}-month"
        parts.append(
            _figure(
                chart_svg_by_month(charts["by_month"], id_prefix=prefix),
                f"图1　{doc.year}年各月收到的申请及办理结果",
                chart_table_by_month(
                    charts["by_month"], caption=f"{doc.year}年各月申请数量及办理结果"
                ),
            )
        )
    if "on_time" in charts or "on_time_rate" in charts:
        rate, on_time, late = (
            charts.get("on_time_rate"),
            int(charts.get("on_time", 0)),
            int(charts.get("late", 0)),
        )
        parts.append(
            _figure(
                chart_svg_on_time(rate, on_time, late, id_prefix=f"gk-report-{doc.year}-on-time"),
                f"图{len(parts) + 1}　{doc.year}年按期答复率",
                chart_table_on_time(rate, on_time, late),
            )
        )
    return "\n".join(parts)


def html_fragment(doc: ReportDocument) -> str:
    tables = report_tables(doc)
    out = [
        f'<article class="gk-annual-report" lang="zh-CN">\n<h1>{_esc(doc.title)}</h1>',
    ]
    for i, (title, paras, key) in enumerate(_section_blocks(doc)):
        out.append(f'<section aria-labelledby="gk-report-s{i + 1}">')
        out.append(f'<h2 id="gk-report-s{i + 1}">{_esc(title)}</h2>')
        for para in paras:
            out.append(f"<h3>{_esc(para)}</h3>" if is_subheading(para) else f"<p>{_esc(para)}</p>")
        if key is not None:
            out.append(table_html(tables[key], id_prefix=f"gk-report-{doc.year}-t{i + 1}"))
        if key == "三" and doc.charts:
            out.append(_charts_html(doc))
        out.append("</section>")
    out.append("</article>\n")
    return "\n".join(out)


def to_html(doc: ReportDocument, *, standalone: bool = True) -> str:
    """The report for the website. `standalone=False` gives the <article> for a Wagtail page template, which
    links static/reports/annual-report.css itself."""
    fragment = html_fragment(doc)
    if not standalone:
        return fragment
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(doc.title)}</title>\n<style>\n{stylesheet()}</style>\n</head>\n"
        f"<body>\n<main>\n{fragment}</main>\n</body>\n</html>\n"
    )


__all__ = [
    "GridCell",
    "GridTable",
    "ReportDocument",
    "chart_svg_by_month",
    "chart_svg_on_time",
    "chart_table_by_month",
    "chart_table_on_time",
    "format_number",
    "html_fragment",
    "report_data",
    "report_layout",
    "report_tables",
    "stylesheet",
    "table_2",
    "table_3",
    "table_4",
    "table_html",
    "to_docx",
    "to_html",
    "to_json",
    "to_pdf",
    "to_xlsx",
]


# ---------------------------------------------------------------------------------------------------------------
# Every format by name (the downloads, ``gongkai report annual --format``)

CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render(document: ReportDocument, fmt: str) -> bytes:
    """The report in ``fmt`` (a key of CONTENT_TYPES)."""
    if fmt == "json":
        return to_json(document).encode()
    if fmt == "html":
        return to_html(document).encode()
    if fmt == "docx":
        return to_docx(document)
    if fmt == "pdf":
        return to_pdf(document)
    if fmt == "xlsx":
        return to_xlsx(document)
    raise ValueError(fmt)
