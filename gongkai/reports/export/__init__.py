"""The annual report's outputs (政府信息公开工作年度报告): JSON, HTML for the website, DOCX, PDF and XLSX, with
the tables laid out as in the official format (国办公开办函〔2021〕30号), and the charts as inline SVG.

Each table is built once as a grid of header and data cells (`GridTable`) and written by every format, so
the merged header cells and the position of every number are the same in DOCX, PDF, XLSX and HTML.
Layout decisions are in docs/report-output.md.

Modules: ``document`` (the report as data, the grids, the JSON), ``office`` (DOCX, PDF, XLSX),
``charts`` (SVG), ``web`` (HTML). Their names are re-exported here, so callers write
``from gongkai.reports import export`` and ``export.to_docx(...)``.
"""

from __future__ import annotations

from gongkai.reports.export.charts import (
    CHART_FONT,
    PALETTE,
    chart_svg_by_month,
    chart_svg_on_time,
    chart_table_by_month,
    chart_table_on_time,
    esc,
    format_rate,
    short_group,
    svg_open,
)
from gongkai.reports.export.document import (
    INFO_CONTENT,
    SMALL_TABLE_PT,
    STATIC_CSS,
    TABLE_KEYS,
    TABLE_SECTION,
    GridCell,
    GridTable,
    ReportDocument,
    format_number,
    is_subheading,
    paragraphs,
    report_data,
    report_tables,
    table_2,
    table_3,
    table_4,
    to_json,
)
from gongkai.reports.export.office import (
    XLSX_WIDTHS,
    report_layout,
    to_docx,
    to_pdf,
    to_xlsx,
)
from gongkai.reports.export.web import (
    Cover,
    html_fragment,
    stylesheet,
    table_html,
    to_html,
)

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


__all__ = [
    "CHART_FONT",
    "CONTENT_TYPES",
    "INFO_CONTENT",
    "PALETTE",
    "SMALL_TABLE_PT",
    "STATIC_CSS",
    "TABLE_KEYS",
    "TABLE_SECTION",
    "XLSX_WIDTHS",
    "Cover",
    "GridCell",
    "GridTable",
    "ReportDocument",
    "chart_svg_by_month",
    "chart_svg_on_time",
    "chart_table_by_month",
    "chart_table_on_time",
    "esc",
    "format_number",
    "format_rate",
    "html_fragment",
    "is_subheading",
    "paragraphs",
    "render",
    "report_data",
    "report_layout",
    "report_tables",
    "short_group",
    "stylesheet",
    "svg_open",
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
