"""The report as an office document: DOCX and PDF in the official layout (gongkai.letters.layout),
XLSX with one sheet per table. Layout decisions are in docs/report-output.md."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

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
    Document,
    text_width_em,
)
from gongkai.reports import labels
from gongkai.reports.export.document import (
    GridTable,
    ReportDocument,
    _section_blocks,
    is_subheading,
    report_tables,
)

# ---------------------------------------------------------------------------------------------------------------
# DOCX and PDF (official layout, gongkai.letters.layout)


def report_layout(doc: ReportDocument) -> Document:
    """The report as published: title, the six sections with their text, the three tables in sections 二–四."""
    tables = report_tables(doc)
    layout = Document(author=doc.unit)
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
